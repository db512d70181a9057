/**
 * Attribution: who said what in one sentence. Patterns, in the order they are tried for each
 * cue word:
 *   "CONTENT," said X.            inverted cue after the content
 *   X said (that) CONTENT.        cue before the content (also told/announced/denied/accused ...)
 *   "CONTENT," X said.            cue after the content
 *   X said ..., saying CONTENT.   a participle cue continues the same source
 *   According to X, CONTENT. / CONTENT, according to X.
 * Narration with no cue yields nothing: it is the publisher's, not a party's.
 */
import type { ClaimMode, PartyKind, Span } from './types.js';
import type { Sentence } from './sentences.js';
import type { Token } from './tokens.js';
import { CUE_FORMS } from './cues.js';
import { AUDIENCE_WORDS, CUE_AUXILIARIES, CUE_OBJECT_REQUIRED, CUE_SETTING } from './lexicon/cues.js';
import { ANONYMOUS_SOURCES, MEDIA_HEADS, PERSON_TITLES, PERSON_ROLE_WORDS, SPEAKS_FOR } from './lexicon/roles.js';
import type { DateExpr } from './dates.js';
import { isCommonNoun, isPronoun, isVerbForm } from './wordclass.js';
import {
  ASIDE_PREPOSITIONS,
  CLAUSE_WORDS,
  NOT_SOURCE_HEADS,
  NP_WORDS,
  PASSIVE,
  PRONOUNS,
  RELATIVE_OBJECT,
  ROLE_LINK,
  BE_FORMS,
  VERB_AUXILIARIES,
  NOUN_DETERMINERS,
  OBJECT_PRONOUNS,
  PASSIVE_CUES,
  SETTING_PREPOSITIONS,
  SOURCE_AFTER_END,
  FUNCTION_WORDS,
  ADDRESSED_CUES,
  COORDINATORS,
  INFINITIVE_CUES,
  IRREGULAR_PAST,
  PARTICIPLE_LINKS,
  HEAD_ENDS,
  SHARE_OPENERS,
  PEOPLE_PLURAL,
  MODALS,
  AFTER_CUE_NOT_CONTENT,
  LOOSE_BREAKS,
  RELATIVE_PRONOUNS,
  SUBORDINATE,
  SOURCE_DETERMINERS,
  SOURCE_NOUNS,
  STATEMENT_NOUNS,
  TRAILING_CLAUSE,
} from './lexicon/attribution-words.js';

/** A party mention of this sentence with its resolved party. */
export interface ResolvedMention {
  from: number;
  to: number;
  start: number;
  end: number;
  key: string | null;
  kind: PartyKind;
}

export interface RawClaim {
  sentence: number;
  claimantKey: string | null;
  claimantMention: Span | null;
  /** Token range of the claimant mention (for date scoping), or null. */
  claimantFrom: number | null;
  cue: Span;
  cueFrom: number;
  cueTo: number;
  lemma: string;
  contentFrom: number;
  contentTo: number;
  content: Span;
  mode: ClaimMode;
  /** How the claimant was found; pronouns are resolved by the caller. */
  pronoun: string | null;
  /** The pattern and the source rule that made it ("source-cue-content/noun-phrase"). */
  rule: string;
}

export interface AttributionInput {
  sentence: Sentence;
  text: string;
  mentions: ResolvedMention[];
  dates: DateExpr[];
  /** The sentence before, for a quote that closed there ("“...” ¶ Clinton said."). */
  previous?: Sentence;
}

const PARTICIPLE_CUES = /ing$/;

/** Cue lemmas whose object is a person ("blamed Bush for", "urged Obama to", "accused him of"). */
const PERSON_OBJECT_CUES = new Set(['accuse', 'blame', 'urge', 'ask', 'warn', 'charge', 'question', 'condemn']);

/** Cue forms that are as often plural nouns ("five states", "his remarks"). */
const NOUN_LIKE_FORMS = new Set([
  'states',
  'remarks',
  'comments',
  'answers',
  'questions',
  'charges',
  'promises',
  'pledges',
]);

/** Dashes that set off an aside ("X — a teacher — said"). */
const DASHES = /^(?:—|―|–|--)$/;

/** Words that open a question put to someone ("asked by X whether ..."). */
const QUESTION_OPENERS = new Set(['whether', 'if', 'why', 'how', 'what', 'who', 'when', 'where', 'about', 'to', 'for']);

/** Cue lemmas whose object after them may be only the one addressed ("he asked them."). */
const ADDRESSEE_CUES = new Set([
  'ask',
  'urge',
  'answer',
  'reply',
  'respond',
  'complain',
  'joke',
  'shout',
  'plead',
  'beg',
]);

/** Only an addressee between a cue and the sentence's end: "him.", "the crowd.", "Senator Ruiz.". */
const SHORT_ADDRESSEE = /^(?:(?:him|her|them|me|us|you|reporters|(?:the |a |an )?(?:[\p{L}.’'-]+\s?){1,3})\s*)?[.!?]/u;

/**
 * Tokens that are a straight double quote written as two apostrophes ('' as some wires and
 * archives print it): both halves count as the mark.
 */
function doubledApostrophes(tokens: Token[]): Set<Token> {
  const out = new Set<Token>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (/^['’]$/.test(a.text) && a.text === b.text && b.start === a.end) {
      out.add(a);
      out.add(b);
      i++;
    }
  }
  return out;
}

/**
 * inQuote[i]: token i lies inside double quotes. A straight quote opens or closes by its
 * spacing (attached to the word after it, it opens; to the word before, it closes), else
 * alternates. A sentence whose first mark closes began inside a quote from a sentence before.
 */
function quoteMap(tokens: Token[], doubled: Set<Token>): boolean[] {
  const inQuote = new Array<boolean>(tokens.length).fill(false);
  const marks: { at: number; to: number; role: 'open' | 'close' | 'either' }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '“' || t.text === '«') marks.push({ at: i, to: i + 1, role: 'open' });
    else if (t.text === '”' || t.text === '»') marks.push({ at: i, to: i + 1, role: 'close' });
    else if (t.text === '"' || doubled.has(t)) {
      const to = doubled.has(t) ? i + 2 : i + 1;
      const last = tokens[to - 1]!;
      const prev = tokens[i - 1];
      const next = tokens[to];
      const attachedBefore = !!prev && prev.end === t.start;
      const attachedAfter = !!next && next.start === last.end;
      const role = attachedAfter && !attachedBefore ? 'open' : attachedBefore && !attachedAfter ? 'close' : 'either';
      marks.push({ at: i, to, role });
      i = to - 1;
    }
  }
  let open = marks[0]?.role === 'close';
  let m = 0;
  for (let i = 0; i < tokens.length; i++) {
    const mark = marks[m];
    if (mark && mark.at === i) {
      open = mark.role === 'open' ? true : mark.role === 'close' ? false : !open;
      i = mark.to - 1;
      m++;
      continue;
    }
    inQuote[i] = open;
  }
  return inQuote;
}

/** A closing quote mark: ” » or a straight quote (or '') attached to the word before it. */
function isClosingMark(t: Token): boolean {
  return t.text === '”' || t.text === '»' || t.text === '"' || t.text === "''" || /^['’]$/.test(t.text);
}

/** Auxiliaries that may end a subject before an aside ("The toll has, according to X, doubled"). */
const AUXILIARIES_BEFORE_ASIDE = /^(?:has|have|had|is|are|was|were|will|would|could|can|may|might|should|must)$/;

export function findAttributions({ sentence, text, mentions, dates, previous }: AttributionInput): RawClaim[] {
  const tokens = sentence.tokens;
  const doubled = doubledApostrophes(tokens);
  const inQuote = quoteMap(tokens, doubled);
  const isOpenQuote = (t: Token | undefined) =>
    !!t && (t.text === '“' || t.text === '"' || t.text === '«' || doubled.has(t));
  const isCloseQuote = (t: Token | undefined) =>
    !!t && (t.text === '”' || t.text === '"' || t.text === '»' || doubled.has(t));
  const claims: RawClaim[] = [];
  const dateAt = new Array<boolean>(tokens.length).fill(false);
  for (const d of dates) for (let k = d.from; k < d.to; k++) dateAt[k] = true;
  const mentionEndingAt = (j: number) => mentions.find((m) => m.to === j + 1);
  const mentionStartingAt = (j: number) =>
    mentions.find((m) => m.from === j || (m.from === j + 1 && tokens[j]?.lower === 'the'));
  const spanOf = (from: number, to: number): Span => {
    const start = tokens[from]!.start;
    const end = tokens[to - 1]!.end;
    return { start, end, text: text.slice(start, end) };
  };
  let lastEnd = 0; // token index where the previous claim's material ended

  for (let c = 0; c < tokens.length; c++) {
    if (inQuote[c]) continue;
    const t = tokens[c]!;
    if (t.lower === 'according' && tokens[c + 1]?.lower === 'to') {
      const claim = according(c);
      if (claim) push(claim);
      c++;
      continue;
    }
    const lemma = CUE_FORMS.get(t.lower);
    if (!lemma) continue;
    const prev = tokens[c - 1];
    // "The attack was claimed by JNIM.", "As first reported by Politico, ...": the agent speaks.
    // "Asked by Matt Lauer whether she had practised, she said ...": the agent asked the question after it.
    if (tokens[c + 1]?.lower === 'by' && lemma === 'ask' && t.lower === 'asked') {
      const claim = askedBy(c);
      if (claim) push(claim);
      continue;
    }
    if (tokens[c + 1]?.lower === 'by' && PASSIVE_CUES.has(lemma) && /ed$/.test(t.lower)) {
      const claim = passiveClaim(c, lemma);
      if (claim) push(claim);
      continue;
    }
    // "is telling", "was saying": progressive, not passive.
    const progressive = PARTICIPLE_CUES.test(t.lower) && !!prev && BE_FORMS.has(prev.lower);
    if (prev && PASSIVE.has(prev.lower) && lemma !== 'quote' && !progressive) continue;
    // "his remarks", "five states", "the United States": a noun, not a cue.
    // Not a share of a group ("six in 10 said").
    const shareOf =
      prev?.kind === 'number' &&
      /^(?:in|of)$/.test(tokens[c - 2]?.lower ?? '') &&
      /^(?:said|says|say|told)$/.test(t.lower);
    if (prev && (NOUN_DETERMINERS.has(prev.lower) || (prev.kind === 'number' && !shareOf))) continue;
    // "several claims", "five states": a plural after a quantifier ("several said" is a verb).
    if (prev && SOURCE_DETERMINERS.has(prev.lower) && /s$/.test(t.lower) && t.lower !== 'says') continue;
    if (t.cap && c > skipForward(0) && !inQuote[c] && /s$/.test(t.lower) && lemma === 'state') continue;
    // "in a statement posted on Telegram": a participle describing the statement, not a cue.
    if (
      prev &&
      STATEMENT_NOUNS.test(prev.lower) &&
      /^(?:a|an|the|its|his|her|their)$/.test(tokens[c - 2]?.lower ?? '') &&
      /^(?:in|via|through|on|by)$/.test(tokens[c - 3]?.lower ?? '')
    )
      continue;
    if (lemma === 'tell' && tokens[c + 1]?.lower === 'to') continue;
    // "self-described", "well-reported": half of a compound adjective, not a cue.
    if (prev && prev.text === '-' && prev.end === t.start) continue;
    const rest = text.slice(t.end, Math.min(sentence.end, t.end + 80)).replace(/^\s+/, '');
    const needs = CUE_OBJECT_REQUIRED[lemma];
    // "..., a charge Kigali has repeatedly rejected": the object stands before the source.
    const objectBefore = RELATIVE_OBJECT.test(text.slice(Math.max(sentence.start, t.start - 80), t.start));
    // With nothing after it the cue closes content before it ("“Denver,” he answered.").
    // So it does with only its addressee after it, right after a quote ("“Why?” he asked her.").
    // Right after a closed quote and its source, any such cue closes that quote ("“...,” he joked
    // with reporters after the rally."), unless a quote or a clause of its own follows.
    const closing =
      c > 0 &&
      (/^(?:[.!?]|$)/.test(rest) ||
        (quoteClosesBefore(c) && !/[“"]|''|\bthat\b/.test(rest)) ||
        (SHORT_ADDRESSEE.test(rest) && c <= 3 && previousEndsInQuote()));
    if (needs && !needs.test(rest) && !objectBefore && !closing) continue;
    // "in eight states.", "Mr. Trump's remarks.": forms that are as often plural nouns speak only
    // with "that" or a quote after them.
    if (
      NOUN_LIKE_FORMS.has(t.lower) &&
      !/^(?:that\b|[:,]?\s*[“"])/.test(rest) &&
      !(prev && PRONOUNS.has(prev.lower)) &&
      !quoteClosesBefore(c)
    )
      continue;
    if (/^(?:by)\b/i.test(rest)) continue;

    // "X said ... and denied that ...": a second cue of the same source.
    const coordinated =
      prev?.lower === 'and' && claims.length > 0 && /(?:ed|said|told)$/.test(t.lower) && !mentionEndingAt(c - 1);
    const participle = (PARTICIPLE_CUES.test(t.lower) && participleLinked(c)) || coordinated;
    const claim = participle ? participleClaim(c, lemma) : verbClaim(c, lemma);
    if (claim) push(claim);
  }
  cutNested(claims, tokens, text);
  return claims;

  /**
   * A participle cue tied to the clause before it: "..., saying", "– saying", "by saying",
   * "before finally saying", "..., pointedly saying".
   */
  function participleLinked(c: number): boolean {
    let k = c - 1;
    if (
      k >= 0 &&
      tokens[k]!.kind === 'word' &&
      !inQuote[k] &&
      /(?:ly|first|then|again|also|later)$/.test(tokens[k]!.lower)
    )
      k--;
    const link = tokens[k];
    return !!link && !inQuote[k] && PARTICIPLE_LINKS.has(link.lower) && k > 0;
  }

  /** The sentence before ends in a closing quote mark ("“Why?” ¶ Obama asked them."). */
  function previousEndsInQuote(): boolean {
    const prior = previous?.tokens;
    if (!prior?.length) return false;
    let last = prior.length - 1;
    while (last > 0 && prior[last]!.kind === 'punct' && !isClosingMark(prior[last]!)) last--;
    return isClosingMark(prior[last]!);
  }

  /** A quote closes within the few words (a source) before the cue at c. */
  function quoteClosesBefore(c: number): boolean {
    for (let k = c - 1; k >= Math.max(0, c - 8); k--) {
      if (isCloseQuote(tokens[k]) && !inQuote[k] && k > 0 && inQuote[k - 1]) return true;
      if (tokens[k]!.kind === 'punct' && tokens[k]!.text !== ',' && !/^['’]s?$/.test(tokens[k]!.text)) return false;
    }
    return false;
  }

  function push(claim: RawClaim): void {
    if (claim.content.end <= claim.content.start) return;
    if (claims.some((k) => k.cueFrom === claim.cueFrom)) return;
    claims.push(claim);
    lastEnd = Math.max(lastEnd, claim.cueTo);
  }

  function makeClaim(
    subject: Subject,
    cueFrom: number,
    cueTo: number,
    lemma: string,
    contentFrom: number,
    contentTo: number,
    rule: string,
  ): RawClaim | null {
    // Trim punctuation and quotes at the content's edges.
    let from = contentFrom;
    let to = contentTo;
    while (from < to && tokens[from]!.kind === 'punct' && !/^[([]$/.test(tokens[from]!.text)) from++;
    while (to > from && tokens[to - 1]!.kind === 'punct' && !/^[)\]]$/.test(tokens[to - 1]!.text)) to--;
    // The closing mark may follow the content's last punctuation ("... Jewish," he said).
    const closes = isCloseQuote(tokens[to]) || (tokens[to]?.kind === 'punct' && isCloseQuote(tokens[to + 1]));
    // One word is enough inside quote marks ("“Denver,” he answered.").
    const quotedWord = to - from === 1 && inQuote[from] && closes && tokens[from]!.kind === 'word';
    if (to - from < 2 && !quotedWord) return null;
    const direct = inQuote[from] && inQuote[to - 1] && (isOpenQuote(tokens[from - 1]) || closes);
    return {
      sentence: sentence.index,
      claimantKey: subject.key,
      claimantMention: subject.from !== null ? spanOf(subject.from, subject.to) : null,
      claimantFrom: subject.from,
      cue: spanOf(cueFrom, cueTo),
      cueFrom,
      cueTo,
      lemma,
      contentFrom: from,
      contentTo: to,
      content: spanOf(from, to),
      mode: direct ? 'DIRECT' : 'INDIRECT',
      pronoun: subject.pronoun,
      rule: `${rule}/${subject.rule ?? (subject.pronoun ? 'pronoun' : 'party')}`,
    };
  }

  function verbClaim(c: number, lemma: string): RawClaim | null {
    const cueTo = cueEnd(c, lemma);
    // "“Why?” Obama asked Republican politicians.": only the addressee follows a question.
    const onlyAddressee =
      ADDRESSEE_CUES.has(lemma) &&
      SHORT_ADDRESSEE.test(text.slice(tokens[cueTo - 1]!.end, sentence.end).replace(/^\s+/, ''));
    // 1. Inverted, after the content: "..., said the ministry." (Not "told": its object is the audience.)
    const before = skipBack(c - 1);
    if (
      lemma !== 'tell' &&
      before >= 0 &&
      (tokens[before]!.text === ',' || isCloseQuote(tokens[before])) &&
      !closesRelativeClause(before)
    ) {
      // "Simmons, an Obama supporter, said he saw ...": a subject followed by its own verb is the
      // content's, not the cue's. A name that only opens a longer phrase ("said Clinton campaign
      // manager Robby Mook") gives way to the phrase.
      // "said he’s with ...", "said Carson’s appearance ...": a pronoun or a possessive after the
      // cue opens the content; only a pronoun that closes the sentence is an inverted source.
      const named = subjectAfter(cueTo);
      const usable = (f: Subject | null) =>
        !!f &&
        f.from !== null &&
        endsSource(f.to) &&
        !/^['’]s?$/.test(tokens[f.to]?.text ?? '') &&
        (!f.pronoun || !tokens[f.to] || /^[.!?]$/.test(tokens[f.to]!.text));
      let subj = [named, anonymousAfter(cueTo), nounPhraseAfter(cueTo)].find(usable) ?? null;
      // "Craig Minassian, a spokesman for the foundation, said the decision ...": a phrase after
      // the cue that is no party gives way to a name before an apposition.
      // "Keith Hutto, a contractor, blamed George W. Bush for the bust": after a cue whose object is
      // a person, a name is that object; the source is the name before the apposition.
      if (subj && (subj !== named || PERSON_OBJECT_CUES.has(lemma)) && tokens[before]!.text === ',') {
        const apposed = subjectBefore(c);
        if (apposed && apposed.from !== null && apposed.from < before) subj = null;
      }
      if (subj) {
        const contentEnd = isCloseQuote(tokens[before]) ? before : before;
        return makeClaim(subj, c, cueTo, lemma, contentStart(contentEnd), contentEnd, 'content-then-cue-source');
      }
    }
    // 2. Source before the cue.
    const subj = subjectBefore(c);
    if (!subj) return null;
    const after = contentStartAfter(cueTo, lemma);
    // "Ted Cruz, who said ...", "... shook her head and said ...": the content can only follow.
    if (subj.rule === 'relative' || subj.rule === 'coordinated') {
      if (after >= contentLimit()) return null;
      let end = contentEndFrom(after);
      // "The army, which has denied targeting civilians, said ...": a clause set off by commas ends
      // at the comma before the sentence's own verb.
      if (subj.rule === 'relative' && subj.from !== null && tokens[subj.from - 1]?.text === ',') {
        for (let k = after; k < end; k++) {
          const next = tokens[k + 1]?.lower ?? '';
          if (tokens[k]!.text === ',' && !inQuote[k] && (CUE_FORMS.has(next) || isVerbForm(next))) {
            end = k;
            break;
          }
        }
      }
      return makeClaim(subj, c, cueTo, lemma, after, end, 'source-cue-content');
    }
    // "..., the agency said, a day after X ...": what follows the cue is a clause of time, so
    // the content stands before the source.
    // "..., the army said, adding that ...": a participle cue right after says nothing of this one's.
    // "..., officials said on Tuesday, adding that ...": the time of the cue stands before either.
    const comma = cueTo + timeAfter(cueTo);
    const participleNext =
      tokens[comma]?.text === ',' &&
      PARTICIPLE_CUES.test(tokens[comma + 1]?.lower ?? '') &&
      CUE_FORMS.has(tokens[comma + 1]!.lower);
    // "..., officials said, and two people died": what follows is the next clause.
    const nextClause = COORDINATORS.has(tokens[comma + 1]?.lower ?? '');
    const trailing =
      tokens[comma]?.text === ',' &&
      (isTrailingClause(comma + 1) || participleNext || nextClause) &&
      subj.from !== null &&
      subj.from > 1;
    // "“We need steady hands,” Clinton told AIPAC, referring to ...": a quote closes right before
    // the source, so what follows the cue is its setting, unless another quote opens there.
    // A quote after the cue continues the content only right after it, a comma or a colon; in a
    // setting it is a title ("said on ABC’s “This Week”").
    const quoteAfter = opensQuoteAt(after) && (after <= cueTo || /^[,:]$/.test(tokens[after - 1]?.text ?? ''));
    const quoteBefore = subj.from !== null && closesQuoteBefore(phraseStart(subj.from)) && !quoteAfter;
    // "Deficits will rise, the budget office reported on Tuesday -- a development that ...",
    // "..., she said in a video message to the convention.": a clause closed by a comma before the
    // source, and after the cue no clause but a phrase of setting, an aside or a participle.
    const invertedClause =
      subj.from !== null && !quoteAfter && clauseBefore(phraseStart(subj.from)) && !opensContent(after);
    if (after >= contentLimit() || trailing || quoteBefore || invertedClause || onlyAddressee) {
      // 3. Cue after the content: "..., the minister said."
      // The comma that closes the content may stand a few words before the source's head
      // ("..., a state-owned Egyptian newspaper said").
      let comma = subj.from !== null ? subj.from - 1 : -1;
      for (
        let k = 0;
        k < 7 &&
        comma > 0 &&
        (tokens[comma]!.kind !== 'punct' || (/^['’]s?$/.test(tokens[comma]!.text) && !doubled.has(tokens[comma]!))) &&
        !CUE_FORMS.has(tokens[comma]!.lower);
        k++
      )
        comma--;
      if (comma >= 0 && (tokens[comma]!.text === ',' || isCloseQuote(tokens[comma]))) {
        // Not past a phrase's own determiner: "a claim the rebels rejected" is the rebels'.
        if (
          subj.key === null &&
          subj.from !== null &&
          subj.from > comma + 1 &&
          subj.rule !== 'relative-subject' &&
          !/^(?:the|a|an)$/.test(tokens[subj.from]!.lower)
        )
          subj.from = comma + 1;
        return makeClaim(subj, c, cueTo, lemma, contentStart(comma), comma, 'content-then-source-cue');
      }
      // "“...” ¶ Clinton said to People.": the quote that closed the sentence before.
      if (!trailing && subj.from !== null && subj.from <= skipForward(0))
        return previousQuoteClaim(subj, c, cueTo, lemma);
      if (!trailing && !quoteBefore) return null;
      if (!trailing) return null;
    }
    // "The plan, officials say, would cost billions": a source and cue set off inside the clause
    // after its subject are of the whole clause.
    if (
      subj.from !== null &&
      tokens[subj.from - 1]?.text === ',' &&
      tokens[cueTo]?.text === ',' &&
      tokens[cueTo + 1]?.kind === 'word' &&
      !tokens[cueTo + 1]!.cap &&
      !CUE_FORMS.has(tokens[cueTo + 1]!.lower)
    ) {
      const from = skipForward(0);
      const subject = tokens.slice(from, subj.from - 1);
      // A verb-like word after a determiner is a noun ("The plan").
      const verb = (i: number) => isVerbLike(from + i) && !(i > 0 && SOURCE_DETERMINERS.has(subject[i - 1]!.lower));
      if (subject.length && subject.length <= 8 && !subject.some((_, i) => verb(i) || inQuote[from + i]))
        return makeClaim(subj, c, cueTo, lemma, from, contentEndFrom(cueTo + 1), 'parenthetical-cue');
    }
    return makeClaim(subj, c, cueTo, lemma, after, subordinateEnd(subj, after), 'source-cue-content');
  }

  /**
   * "While Clinton claimed that the videos exist, experts ...": in a subordinate clause the
   * content ends at the comma that closes it.
   */
  function subordinateEnd(subj: Subject, after: number): number {
    const end = contentEndFrom(after);
    const opener = subj.from !== null ? tokens[subj.from - 1] : undefined;
    if (!opener || !SUBORDINATE.has(opener.lower) || opener.lower === 'that' || subj.from! - 1 > skipForward(0))
      return end;
    for (let k = after; k < end; k++) if (tokens[k]!.text === ',' && !inQuote[k]) return k;
    return end;
  }

  /**
   * A source and cue with nothing said in their sentence, after a sentence that is a quote: the
   * quote is the content ("“We will win.” Clinton said to reporters.").
   */
  function previousQuoteClaim(subj: Subject, c: number, cueTo: number, lemma: string): RawClaim | null {
    const prior = previous?.tokens;
    if (!prior?.length || subj.from === null) return null;
    let last = prior.length - 1;
    while (last > 0 && prior[last]!.kind === 'punct' && !isClosingMark(prior[last]!)) last--;
    if (!isClosingMark(prior[last]!)) return null;
    // Back to the quote's opening mark, or the sentence start when the quote began earlier.
    let first = 0;
    let opened = false;
    for (let k = last - 1; k >= 0; k--) {
      if (
        /^[“«]$/.test(prior[k]!.text) ||
        (prior[k]!.text === '"' && (k === 0 || prior[k - 1]!.end < prior[k]!.start))
      ) {
        first = k + 1;
        opened = true;
        break;
      }
    }
    while (first < last && prior[first]!.kind === 'punct') first++;
    let end = last;
    while (end > first && (prior[end - 1]!.kind === 'punct' || isClosingMark(prior[end - 1]!))) end--;
    // A quote that began sentences before may end in one word ("... again. Mistake?” he asked.").
    if (end - first < (opened ? 2 : 1)) return null;
    const start = prior[first]!.start;
    const stop = prior[end - 1]!.end;
    return {
      sentence: sentence.index,
      claimantKey: subj.key,
      claimantMention: spanOf(subj.from, subj.to),
      claimantFrom: subj.from,
      cue: spanOf(c, cueTo),
      cueFrom: c,
      cueTo,
      lemma,
      // The content lies in the sentence before: no token of this one.
      contentFrom: 0,
      contentTo: 0,
      content: { start, end: stop, text: text.slice(start, stop) },
      mode: 'DIRECT',
      pronoun: subj.pronoun,
      rule: `previous-quote/${subj.rule ?? (subj.pronoun ? 'pronoun' : 'party')}`,
    };
  }

  /** A clause with a verb of its own runs from the sentence start to a comma right before k. */
  function clauseBefore(k: number): boolean {
    if (tokens[k - 1]?.text !== ',' || inQuote[k - 1]) return false;
    const from = skipForward(0);
    if (k - 1 - from < 3) return false;
    // "In a later vote, he warned", "Though he hesitated, Smith said": an opening phrase or a
    // subordinate clause, not the content.
    const first = tokens[from]!;
    const opening =
      FUNCTION_WORDS.has(first.lower) ||
      SUBORDINATE.has(first.lower) ||
      CLAUSE_WORDS.has(first.lower) ||
      ASIDE_PREPOSITIONS.has(first.lower) ||
      /^(?:during|following|despite|amid|among|unlike|like|speaking|asked|reflecting)$/.test(first.lower) ||
      /ing$/.test(first.lower);
    // "In Louisville on March 1, Ms. Nwanguma was shocked, she said": an opening phrase of place
    // or time before a clause of its own; the clause must follow its comma.
    let main = from;
    if (opening) {
      if (!ASIDE_PREPOSITIONS.has(first.lower) || SUBORDINATE.has(first.lower)) return false;
      const comma = tokens.findIndex((w, i) => i > from && i < k - 1 && w.text === ',' && !inQuote[i]);
      if (comma < 0 || k - 1 - comma < 4) return false;
      main = comma + 1;
    }
    for (let i = from; i < k - 1; i++) if (inQuote[i] || CUE_FORMS.has(tokens[i]!.lower)) return false;
    return tokens
      .slice(main, k - 1)
      .some((w, i) => isVerbLike(main + i) || VERB_AUXILIARIES.has(w.lower) || MODALS.has(w.lower));
  }

  /** What stands at k after a cue can open its content: "that", a quote, a colon, a subject. */
  function opensContent(k: number): boolean {
    const t = tokens[k];
    if (!t) return false;
    if (t.lower === 'that' || t.text === ':' || isOpenQuote(t)) return true;
    // "vowed to repeal", "told reporters to leave": an infinitive is what was said.
    if (t.lower === 'to')
      return tokens[k + 1]?.kind === 'word' && !tokens[k + 1]!.cap && !SOURCE_DETERMINERS.has(tokens[k + 1]!.lower);
    if (t.kind === 'punct' || /^(?:a|an)$/.test(t.lower) || AFTER_CUE_NOT_CONTENT.has(t.lower)) return false;
    return !(t.kind === 'word' && !t.cap && /ing$/.test(t.lower) && isVerbForm(t.lower));
  }

  /** A quote closes right before k (after its own comma, or before one). */
  function closesQuoteBefore(k: number): boolean {
    const a = tokens[k - 1];
    if (!a) return false;
    if (isCloseQuote(a) && !inQuote[k - 1] && inQuote[k - 2 - (doubled.has(a) ? 1 : 0)]) return true;
    const b = tokens[k - 2];
    return a.text === ',' && !!b && isCloseQuote(b) && !inQuote[k - 2];
  }

  /** Where the phrase around a source mention starts: "the Zionist Union Party’s Nachman Shai". */
  function phraseStart(k: number): number {
    let i = k;
    while (i > 0 && k - i < 6) {
      const w = tokens[i - 1]!;
      const possessive = /^['’]s?$/.test(w.text) && !doubled.has(w);
      if (inQuote[i - 1] || (w.kind === 'punct' && !possessive) || CUE_FORMS.has(w.lower) || CLAUSE_WORDS.has(w.lower))
        break;
      i--;
    }
    return i;
  }

  function opensQuoteAt(k: number): boolean {
    for (let i = k; i < Math.min(tokens.length, k + 2); i++) if (isOpenQuote(tokens[i]) && inQuote[i + 1]) return true;
    return false;
  }

  /**
   * A passive cue with its agent after "by": "The attack was claimed by JNIM" (the content is the
   * clause's subject), "As reported by Politico, CONTENT" or "CONTENT, as reported by Politico".
   */
  function passiveClaim(c: number, lemma: string): RawClaim | null {
    const agentFrom = c + 2;
    const agent = subjectAfter(agentFrom) ?? anonymousAfter(agentFrom) ?? accordingSource(agentFrom);
    if (!agent || agent.from === null) return null;
    const agentTo = Math.max(agent.to, mentionTo(agent.from));
    let b = c - 1;
    while (
      b >= 0 &&
      (CUE_AUXILIARIES.has(tokens[b]!.lower) || /ly$/.test(tokens[b]!.lower) || tokens[b]!.lower === 'first')
    )
      b--;
    const before = tokens[b];
    if (!before) return null;
    if (before.lower === 'as') {
      if (b <= skipForward(0)) {
        let k = agentTo;
        while (k < tokens.length && tokens[k]!.text !== ',') k++;
        return makeClaim(agent, c, c + 1, lemma, k + 1, contentEndFrom(k + 1), 'passive-cue');
      }
      const end = tokens[b - 1]?.text === ',' ? b - 1 : b;
      return makeClaim(agent, c, c + 1, lemma, contentStart(end), end, 'passive-cue');
    }
    if (!BE_FORMS.has(before.lower)) return null;
    // The clause's subject: back to the sentence start, a comma or a clause word.
    let k = b;
    while (
      k > 0 &&
      tokens[k - 1]!.text !== ',' &&
      tokens[k - 1]!.text !== ';' &&
      !CLAUSE_WORDS.has(tokens[k - 1]!.lower)
    )
      k--;
    if (k >= b) return null;
    return makeClaim(agent, c, c + 1, lemma, Math.max(k, skipForward(0)), b, 'passive-cue');
  }

  /** "(When) asked by a reporter whether X, ..." and "was asked by the host why X": the agent's question. */
  function askedBy(c: number): RawClaim | null {
    const from = c + 2;
    const named = mentionStartingAt(from);
    let to = named ? named.to : from;
    if (!named) {
      while (
        to < tokens.length &&
        to < from + 6 &&
        tokens[to]!.kind === 'word' &&
        !QUESTION_OPENERS.has(tokens[to]!.lower)
      )
        to++;
    }
    if (to === from || !QUESTION_OPENERS.has(tokens[to]?.lower ?? '')) return null;
    const agent: Subject = {
      key: named?.key ?? null,
      from,
      to,
      pronoun: null,
      rule: named ? undefined : 'noun-phrase',
    };
    let end = to;
    while (end < tokens.length && !(tokens[end]!.text === ',' && !inQuote[end]) && tokens[end]!.text !== ';') end++;
    return makeClaim(agent, c, c + 1, 'ask', to, end, 'passive-cue');
  }

  function isTrailingClause(k: number): boolean {
    const t = tokens[k];
    return !!t && (dateAt[k] || TRAILING_CLAUSE.has(t.lower));
  }

  function participleClaim(c: number, lemma: string): RawClaim | null {
    const previous = claims[claims.length - 1];
    let subj: Subject | null = previous
      ? {
          key: previous.claimantKey,
          from: previous.claimantFrom,
          // The whole source ("health officials in Gaza"), not only a party named at its start.
          to:
            previous.claimantFrom === null
              ? 0
              : previous.claimantMention
                ? tokensTo(previous.claimantMention.end)
                : mentionTo(previous.claimantFrom),
          pronoun: previous.pronoun,
        }
      : null;
    // The clause's subject: "The justice sounded off on Trump, saying ...".
    subj ??= clauseSubject(c, true);
    if (!subj) return null;
    const after = contentStartAfter(cueEnd(c, lemma), lemma);
    if (after >= contentLimit()) return null;
    return makeClaim(subj, c, cueEnd(c, lemma), lemma, after, contentEndFrom(after), 'participle-cue');
  }

  /** The token index just past the character offset `end`. */
  function tokensTo(end: number): number {
    const k = tokens.findIndex((t) => t.start >= end);
    return k < 0 ? tokens.length : k;
  }

  function mentionTo(from: number): number {
    return mentions.find((m) => m.from === from)?.to ?? from + 1;
  }

  function according(c: number): RawClaim | null {
    const subj = subjectAfter(c + 2) ?? anonymousAfter(c + 2) ?? accordingSource(c + 2);
    if (!subj || subj.from === null) return null;
    const atStart = skipForward(0) >= c;
    if (atStart) {
      let k = subj.to;
      while (k < tokens.length && tokens[k]!.text !== ',') k++;
      return makeClaim(subj, c, c + 2, 'according', k + 1, contentEndFrom(k + 1), 'according-to-first');
    }
    const end = tokens[c - 1]?.text === ',' ? c - 1 : c;
    const from = contentStart(end);
    // "The offensive, according to two officials, will begin in the spring": set off inside its
    // clause after the subject, the source is of the whole clause.
    // ("The number of displaced people has, according to UN figures, doubled": an auxiliary may end it.)
    // ("displaced people": a participle before its noun is no verb.)
    const verbAt = (k: number) =>
      isVerbLike(k) &&
      !(k === end - 1 && AUXILIARIES_BEFORE_ASIDE.test(tokens[k]!.lower)) &&
      !(k + 1 < end && /ed$/.test(tokens[k]!.lower) && isCommonNoun(tokens[k + 1]!.lower));
    if (end < c && end - from <= 8 && !tokens.slice(from, end).some((_, i) => verbAt(from + i))) {
      let k = subj.to;
      while (k < tokens.length && tokens[k]!.text !== ',' && tokens[k]!.kind !== 'punct') k++;
      const next = tokens[k + 1];
      if (tokens[k]?.text === ',' && next?.kind === 'word' && !next.cap && !CUE_FORMS.has(next.lower))
        return makeClaim(subj, c, c + 2, 'according', from, contentEndFrom(k + 1), 'according-to-inside');
    }
    return makeClaim(subj, c, c + 2, 'according', from, end, 'according-to-after');
  }

  /** Where content before a cue starts: the sentence start, an opening quote, or after the previous claim. */
  function contentStart(end: number): number {
    for (let k = end - 1; k >= 0; k--) if (isOpenQuote(tokens[k]) && inQuote[k + 1]) return k + 1;
    return Math.max(skipForward(0), Math.min(lastEnd, end));
  }

  function skipForward(k: number): number {
    while (
      k < tokens.length &&
      (tokens[k]!.kind === 'punct' || /^(?:but|and|however|meanwhile)$/.test(tokens[k]!.lower))
    )
      k++;
    return k;
  }

  /**
   * "The army, which has denied targeting civilians, said ...": the comma at `k` closes a clause
   * that ", which"/", who" opened after the sentence's subject, so the cue after it is that
   * subject's verb, not an inverted "..., said X".
   */
  function closesRelativeClause(k: number): boolean {
    if (tokens[k]?.text !== ',' || inQuote[k]) return false;
    for (let j = k - 1; j > 0; j--) {
      if (inQuote[j]) return false;
      if (tokens[j]!.text !== ',') continue;
      return /^(?:which|who)$/.test(tokens[j + 1]?.lower ?? '') && tokens[j - 1]!.kind === 'word';
    }
    return false;
  }

  function contentLimit(): number {
    let end = tokens.length;
    while (end > 0 && tokens[end - 1]!.kind === 'punct') end--;
    return end;
  }

  /** Content after a cue runs to the sentence end, the quote's end, or a participle cue. */
  function contentEndFrom(from: number): number {
    // 'said "A" and left': the quote that opens right after the cue is the content.
    let first = from;
    while (first < tokens.length && isOpenQuote(tokens[first]) && !inQuote[first]) first++;
    if (first > from && !inQuote[first]) first = from;
    const quoted = first > from || isOpenQuote(tokens[from - 1]);
    for (let k = first; k < tokens.length; k++) {
      const t = tokens[k]!;
      if (quoted && isCloseQuote(t)) return k;
      if (t.text === ',' && PARTICIPLE_CUES.test(tokens[k + 1]?.lower ?? '') && CUE_FORMS.has(tokens[k + 1]!.lower))
        return k;
      // "X said A, while Y ...": a contrast the narrator adds.
      if (!quoted && t.text === ',' && /^(?:while|whereas)$/.test(tokens[k + 1]?.lower ?? '')) return k;
      // "X said A and denied B": the second cue starts a claim of its own.
      if (
        !quoted &&
        t.lower === 'and' &&
        /(?:ed|said|told)$/.test(tokens[k + 1]?.lower ?? '') &&
        CUE_FORMS.has(tokens[k + 1]!.lower)
      )
        return k;
      // "..., in a statement posted on Telegram": where it was said, not what.
      if (
        t.text === ',' &&
        !quoted &&
        tokens[k + 1] &&
        CUE_SETTING.test(text.slice(tokens[k + 1]!.start, Math.min(sentence.end, tokens[k + 1]!.start + 80)))
      )
        return k;
    }
    return tokens.length;
  }

  /** The cue's own words: "released images", "told reporters" stays "told". */
  function cueEnd(c: number, lemma: string): number {
    if (['release', 'publish', 'post', 'show'].includes(lemma)) {
      for (let k = c + 1; k < Math.min(tokens.length, c + 4); k++) {
        if (
          /^(?:images?|footage|videos?|photos?|photographs?|pictures|statements?|reports?|figures|messages?)$/.test(
            tokens[k]!.lower,
          )
        )
          return k + 1;
      }
    }
    return c + 1;
  }

  /** Skips what may stand between a cue and its content: "that", dates, settings, audiences, objects. */
  /** How many tokens from k are the time of the cue ("on Tuesday", "late Tuesday", "early on Monday"). */
  function timeAfter(k: number): number {
    let e = k;
    while (
      e < tokens.length &&
      (dateAt[e] ||
        (/^(?:late|early|on)$/.test(tokens[e]!.lower) &&
          (dateAt[e + 1] || (tokens[e + 1]?.lower === 'on' && dateAt[e + 2]))))
    )
      e++;
    return e - k;
  }

  function contentStartAfter(k: number, lemma: string): number {
    const first = k;
    for (let guard = 0; guard < 8 && k < tokens.length; guard++) {
      const t = tokens[k]!;
      // "said late Tuesday", "said early on Monday"
      if (
        dateAt[k] ||
        (/^(?:late|early)$/.test(t.lower) && (dateAt[k + 1] || (tokens[k + 1]?.lower === 'on' && dateAt[k + 2])))
      ) {
        k++;
        continue;
      }
      if (
        t.text === ',' ||
        t.text === ':' ||
        t.lower === 'that' ||
        t.lower === 'also' ||
        (t.lower === 'on' && dateAt[k + 1])
      ) {
        k++;
        continue;
      }
      const rest = text.slice(t.start, Math.min(sentence.end, t.start + 80));
      const setting = CUE_SETTING.exec(rest);
      if (setting && t.lower !== 'that') {
        const endOffset = t.start + setting[0].length;
        while (k < tokens.length && tokens[k]!.start < endOffset) k++;
        continue;
      }
      // "said at a rally in Ohio that ...", "said Saturday at the debate.": a phrase of place or
      // occasion; the content follows it, or (with none) stands before the cue.
      if (SETTING_PREPOSITIONS.has(t.lower) && !inQuote[k]) {
        const end = settingEnd(k);
        if (end !== null) {
          k = end;
          continue;
        }
      }
      // "wrote to residents that ...", "said to reporters": the addressee, not the content.
      if (
        t.lower === 'to' &&
        k === first &&
        ADDRESSED_CUES.has(lemma) &&
        !isVerbLike(k + 1) &&
        tokens[k + 1]?.kind === 'word'
      ) {
        k = audienceEnd(k + 1);
        continue;
      }
      if (lemma === 'tell' && k === first) {
        const audience = audienceEnd(k);
        if (audience > k) {
          k = audience;
          continue;
        }
      }
      if (['release', 'publish', 'post', 'show'].includes(lemma) && (t.lower === 'of' || t.lower === 'showing')) {
        k++;
        continue;
      }
      if (lemma === 'quote') {
        const saying = tokens.findIndex((x, i) => i >= k && x.lower === 'saying');
        if (saying > 0) return contentStartAfter(saying + 1, 'say');
      }
      break;
    }
    return k;
  }

  /** The end of a phrase of setting at k: the "that", quote or colon after it, or the sentence end; null when it runs on. */
  function settingEnd(k: number): number | null {
    for (let j = k + 1; j < Math.min(tokens.length, k + 16); j++) {
      const w = tokens[j]!;
      if (w.lower === 'that' || w.text === ':' || isOpenQuote(w) || w.text === ',' || w.text === ';') return j;
      if (CUE_FORMS.has(w.lower) || w.lower === 'and') return null;
    }
    return contentLimit() <= k + 16 ? tokens.length : null;
  }

  function audienceEnd(k: number): number {
    for (let len = 3; len >= 1; len--) {
      if (k + len > tokens.length) continue;
      const phrase = tokens
        .slice(k, k + len)
        .map((x) => x.lower)
        .join(' ');
      if (AUDIENCE_WORDS.has(phrase)) return k + len;
    }
    // "told them, “...”", "told me he ...".
    if (OBJECT_PRONOUNS.has(tokens[k]?.lower ?? '')) return k + 1;
    const m = mentionStartingAt(k);
    if (m) return m.to;
    // "told the Associated Press", "told a town hall in Salem, New Hampshire on Monday that",
    // "told his supporters, “...”": up to the next "that", colon or quote nearby.
    for (let j = k; j < Math.min(tokens.length, k + 16); j++) {
      const w = tokens[j]!;
      if (w.lower === 'that' || w.text === ':' || (isOpenQuote(w) && inQuote[j + 1])) return j;
      // "telling attendees how he saved the hotel": a question word opens what was told.
      if (j > k && /^(?:how|why|whether)$/.test(w.lower)) return j;
      if (w.text === ';' || isCloseQuote(w) || CUE_FORMS.has(w.lower)) break;
    }
    // "told Jeb Bush to quiet down", "told residents not to drink the water": a request.
    for (let j = k + 1; j < Math.min(tokens.length, k + 6); j++) {
      const w = tokens[j]!;
      if (w.kind === 'punct' || inQuote[j]) break;
      const to = w.lower === 'not' && tokens[j + 1]?.lower === 'to' ? j + 1 : w.lower === 'to' ? j : -1;
      if (to > 0 && tokens[to + 1]?.kind === 'word' && !tokens[to + 1]!.cap) return j;
    }
    // "told cheering supporters he would win": up to the clause's subject.
    for (let j = k + 1; j < Math.min(tokens.length, k + 10); j++) {
      if (tokens[j]!.kind === 'punct' && tokens[j]!.text !== ',') break;
      if (PRONOUNS.has(tokens[j]!.lower) && !inQuote[j]) return j;
    }
    // "... ,” he told cheering supporters in Nashua.": nothing said after the audience.
    return tokens.length;
  }

  function skipBack(j: number): number {
    while (
      j >= 0 &&
      (CUE_AUXILIARIES.has(tokens[j]!.lower) ||
        VERB_AUXILIARIES.has(tokens[j]!.lower) ||
        // "wrongly claimed", "pointedly rejected"
        (/ly$/.test(tokens[j]!.lower) && !tokens[j]!.cap && tokens[j]!.kind === 'word' && !inQuote[j]) ||
        dateAt[j] ||
        tokens[j]!.lower === "n't" ||
        (tokens[j]!.lower === 'on' && dateAt[j + 1]))
    )
      j--;
    return j;
  }

  interface Subject {
    key: string | null;
    from: number | null;
    to: number;
    pronoun: string | null;
    /** How the source was found, when not a party mention or a pronoun ("noun-phrase", "anonymous"). */
    rule?: string;
  }

  function subjectBefore(c: number): Subject | null {
    let j = skipBack(c - 1);
    // "the World Food Program (WFP) said"
    // "Sen. Marco Rubio (R-Fla.) said": a bracket after the name.
    if (j >= 2 && tokens[j]!.text === ')') {
      for (let k = j - 1; k >= Math.max(0, j - 12); k--) {
        if (tokens[k]!.text === ')') break;
        if (tokens[k]!.text === '(') {
          j = skipBack(k - 1);
          break;
        }
      }
    }
    // "Jason Sims — a teacher from Mount Pleasant — says": an aside between dashes after the source.
    if (j >= 2 && DASHES.test(tokens[j]!.text)) {
      for (let k = j - 1; k >= Math.max(1, j - 25); k--) {
        if (inQuote[k] || tokens[k]!.text === ';') break;
        if (DASHES.test(tokens[k]!.text)) {
          j = skipBack(k - 1);
          break;
        }
      }
    }
    // "The army, which has denied targeting civilians, said": a relative clause between commas after the source.
    if (j >= 2 && closesRelativeClause(j)) {
      let k = j - 1;
      while (k > 0 && tokens[k]!.text !== ',') k--;
      j = skipBack(k - 1);
    }
    if (j < 0) return null;
    const t = tokens[j]!;
    // "42% say", "43 percent said": a share of those asked.
    if ((t.text === '%' || t.lower === 'percent') && tokens[j - 1]?.kind === 'number') {
      let from = j - 1;
      if (SHARE_OPENERS.test(tokens[from - 1]?.lower ?? '') || tokens[from - 1]?.lower === 'some') from--;
      const opens =
        from <= skipForward(0) || tokens[from - 1]!.kind === 'punct' || CLAUSE_WORDS.has(tokens[from - 1]!.lower);
      if (opens) return { key: null, from, to: j + 1, pronoun: null, rule: 'share' };
    }
    const m = mentionEndingAt(j);
    // "a State Department Spokesman said": a bare role taken for a name speaks for the body before it.
    if (m && m.key === null && m.from === j) {
      const body = anonymousBefore(j);
      if (body?.key) return body;
    }
    if (m) return withAppositive(m);
    if (PRONOUNS.has(t.lower) && !inQuote[j]) return { key: null, from: j, to: j + 1, pronoun: t.lower };
    if (RELATIVE_PRONOUNS.has(t.lower) && !inQuote[j]) return relativeSubject(j);
    // "... and said", "Trump was quick to add": the clause's subject.
    // Only verbs that are nothing but speech read so after "to" ("to deny any safe haven" is no denial).
    const infinitive = t.lower === 'to' && INFINITIVE_CUES.has(CUE_FORMS.get(tokens[c]!.lower) ?? '');
    if ((COORDINATORS.has(t.lower) || infinitive) && !inQuote[j]) return clauseSubject(j);
    // "The army's spokesman, Nabil Abdallah, said", "Another pollster, David Woodard of Clemson
    // University, said": the name set off by commas. So is a body's ("Hamas's armed wing, the
    // Qassam Brigades, said"), with its article.
    if (t.text === ',') {
      const named = mentionEndingAt(j - 1);
      const before = named && tokens[named.from - 1];
      const setOff =
        before?.text === ',' ||
        (named?.kind !== 'PERSON' && before?.lower === 'the' && tokens[named!.from - 2]?.text === ',');
      if (named && setOff) return { key: named.key, from: named.from, to: named.to, pronoun: null };
      for (let k = j - 1; k > Math.max(0, j - 12); k--) {
        if (tokens[k]!.text !== ',') continue;
        const first = mentionStartingAt(k + 1);
        if (first && first.kind === 'PERSON' && first.to < j && !mentionEndingAt(k - 1))
          return { key: first.key, from: first.from, to: first.to, pronoun: null };
        break;
      }
    }
    // "Ilham Aliyev, the president of Azerbaijan, said", "Woodrow Benford, 58, who lives outside
    // Minneapolis, says": the name before one or more appositions set off by commas.
    if (t.text === ',') {
      let commas = 0;
      let segmentEnd = j;
      for (let k = j - 1; k >= Math.max(0, j - 40); k--) {
        const w = tokens[k]!;
        if (inQuote[k] || w.text === ';' || w.text === ':') break;
        if (CUE_FORMS.has(w.lower) && claims.some((cl) => cl.cueFrom === k)) break;
        if (w.text !== ',') continue;
        if (++commas > 4) break;
        const first = tokens[k + 1];
        if (!first) break;
        // "Gov. Ruth Adler, for her part, said": a short aside with no verb. "The army, in a
        // statement released on Sunday, said": a longer one that is a prepositional phrase.
        const asideLength = segmentEnd - k - 1;
        const aside =
          (asideLength <= 4 && !tokens.slice(k + 1, segmentEnd).some((_, i) => isVerbLike(k + 1 + i))) ||
          (asideLength <= 8 && ASIDE_PREPOSITIONS.has(first.lower));
        segmentEnd = k;
        if (!opensApposition(first) && !aside) break;
        let end = k - 1;
        // "Sen. Johnny Isakson (R-Ga.), one of ...": a bracket after the name.
        if (tokens[end]?.text === ')') {
          const open = tokens.findIndex((x, i) => i < end && i >= end - 10 && x.text === '(');
          if (open > 0) end = open - 1;
        }
        const head = end >= 0 ? mentionEndingAt(end) : undefined;
        if (head && opensClause(titleStart(head.from)))
          return { key: head.key, from: head.from, to: head.to, pronoun: null };
        // "Cyber experts and U.S. officials, however, said": the last of coordinated sources.
        if (head && aside) {
          const phrase = nounPhraseBefore(end);
          if (phrase && phrase.from !== null) return { ...phrase, key: phrase.key ?? head.key };
        }
        // "Simmons, an Obama supporter, said": an unknown name with its apposition.
        if (!head && end >= 0 && (tokens[end]!.cap || SOURCE_NOUNS.test(tokens[end]!.lower))) {
          const named = nounPhraseBefore(end);
          if (named && named.from !== null) return { key: named.key, from: named.from, to: j, pronoun: null };
        }
        // "A military source, speaking on condition of anonymity, said": an unnamed source with an aside.
        const unnamed = !head && end >= 0 ? anonymousBefore(end) : null;
        if (unnamed) return unnamed;
      }
      return null;
    }
    return anonymousBefore(j) ?? nounPhraseBefore(j) ?? relativeSourceBefore(j);
  }

  /**
   * "Friends of the mayor who have seen him recently say": a source with a relative clause of its
   * own; the phrase before "who" (or "that" after a plural) is its head, the clause part of it.
   */
  function relativeSourceBefore(j: number): Subject | null {
    for (let r = j; r > Math.max(0, j - 12); r--) {
      const w = tokens[r]!;
      if (inQuote[r] || w.kind === 'punct' || claims.some((cl) => cl.cueFrom === r)) return null;
      if (w.lower !== 'who' && w.lower !== 'that') continue;
      const noun = tokens[r - 1];
      if (noun?.kind !== 'word' || (w.lower === 'that' && !/s$/.test(noun.lower))) return null;
      const clause = tokens.slice(r + 1, j + 1);
      const verb = clause.some(
        (x, i) => isVerbLike(r + 1 + i) || VERB_AUXILIARIES.has(x.lower) || /^(?:have|has|had)$/.test(x.lower),
      );
      if (!verb) return null;
      const outer = nounPhraseBefore(r - 1);
      return outer && outer.from !== null ? { ...outer, to: j + 1 } : null;
    }
    return null;
  }

  /** A word that may open an apposition: "the president of", "58", "who lives", "founder of", "President of CNN". */
  function opensApposition(w: Token): boolean {
    if (w.kind === 'number' || PERSON_TITLES.has(w.lower) || SOURCE_DETERMINERS.has(w.lower)) return true;
    if (w.lower === 'who' || w.lower === 'whose') return true;
    if (w.kind !== 'word') return false;
    // Also a participle or an adverb: "Sen. Roy Blunt, facing a stiff challenge, noted",
    // "Clinton, clearly frustrated, responded".
    return (
      w.cap ||
      looksLikeNoun(w.lower) ||
      IRREGULAR_PAST.has(w.lower) ||
      (/(?:ing|ed|ly)$/.test(w.lower) && !FUNCTION_WORDS.has(w.lower))
    );
  }

  /** Where the title words before a name start: "Florida delegate John Archer" → "Florida". */
  function titleStart(k: number): number {
    let i = k;
    while (i > 0 && k - i < 4) {
      const w = tokens[i - 1]!;
      if (inQuote[i - 1] || w.kind !== 'word' || CLAUSE_WORDS.has(w.lower) || CUE_FORMS.has(w.lower)) break;
      const plain =
        !FUNCTION_WORDS.has(w.lower) &&
        !SOURCE_DETERMINERS.has(w.lower) &&
        !isPronoun(w.lower) &&
        !VERB_AUXILIARIES.has(w.lower) &&
        !CUE_AUXILIARIES.has(w.lower) &&
        !/(?:ly|ed|ing)$/.test(w.lower);
      if (!w.cap && !PERSON_TITLES.has(w.lower) && !PERSON_ROLE_WORDS.has(w.lower) && !plain) break;
      i--;
    }
    return i;
  }

  /** Whether a phrase starting at k opens its clause (sentence start, or after punctuation or a conjunction). */
  function opensClause(k: number): boolean {
    if (k <= skipForward(0)) return true;
    const before = tokens[k - 1]!;
    if (before.lower === 'the' || before.lower === 'and' || before.lower === 'but') return opensClause(k - 1);
    return before.kind === 'punct' && before.text !== ',' ? true : before.text === ',' && !inQuote[k - 1];
  }

  /**
   * "Ted Cruz, who said ...", "business leaders who say ...": the relative pronoun is the
   * source's mention, the phrase before it its party.
   */
  function relativeSubject(j: number): Subject {
    let a = j - 1;
    if (tokens[a]?.text === ',') a--;
    const named = a >= 0 ? mentionEndingAt(a) : undefined;
    const phrase = !named && a >= 0 && tokens[a]!.kind === 'word' ? nounPhraseBefore(a) : null;
    return { key: named?.key ?? phrase?.key ?? null, from: j, to: j + 1, pronoun: null, rule: 'relative' };
  }

  /**
   * "Mrs. Clinton shook her head and said ...", "The justice sounded off on Trump, saying ...",
   * "Trump was quick to add ...": a cue that continues its clause has the clause's subject, at
   * the sentence start, after a subordinator ("When Trump referred to ... and said") or after an
   * opening phrase ("In a statement, Gov. Rick Scott blasted Congress and said ..."). With
   * `loose`, a participle's, the clause may hold subordinate clauses of its own.
   */
  function clauseSubject(limit: number, loose = false): Subject | null {
    const p = skipForward(0);
    const starts = [p];
    if (tokens[p] && SUBORDINATE.has(tokens[p]!.lower)) starts.push(p + 1);
    for (let i = p; i < limit && starts.length < 5; i++)
      if (/^[,–—]$/.test(tokens[i]!.text) && !inQuote[i]) starts.push(i + 1);
    // "The debate was so subdued that Mr. Trump was prompted to say": the clause of the cue may
    // open after a subordinator inside the sentence; tried last, the nearest first.
    for (let i = limit - 1; i > p && starts.length < 8; i--)
      if (SUBORDINATE.has(tokens[i]!.lower) && !inQuote[i] && !starts.includes(i + 1)) {
        starts.push(i + 1);
        break;
      }
    for (const start of starts) {
      if (start >= limit) continue;
      const subj = subjectOpening(start, limit, loose);
      if (subj) return { ...subj, rule: subj.pronoun ? undefined : 'coordinated' };
    }
    return null;
  }

  /** The subject that opens a clause at p, followed by its verb, with no other clause before `limit`. */
  function subjectOpening(p: number, limit: number, loose: boolean): Subject | null {
    const first = tokens[p];
    if (first?.kind !== 'word' || inQuote[p]) return null;
    let subj: Subject;
    let end: number;
    const m = mentionStartingAt(p);
    if (PRONOUNS.has(first.lower)) {
      subj = { key: null, from: p, to: p + 1, pronoun: first.lower };
      end = p + 1;
    } else if (m) {
      subj = { key: m.key, from: m.from, to: m.to, pronoun: null };
      end = m.to;
    } else {
      // A noun phrase, not an opening phrase ("In a statement", "Asked about it", "On Tuesday").
      if (FUNCTION_WORDS.has(first.lower) || SUBORDINATE.has(first.lower) || /(?:ing|ed|ly)$/.test(first.lower))
        return null;
      if (dateAt[p] || NOT_SOURCE_HEADS.test(first.lower)) return null;
      end = p;
      while (
        end < limit &&
        end - p < 12 &&
        // The word after a determiner is never the verb ("the judge sided").
        (!isVerbLike(end) || (end > p && SOURCE_DETERMINERS.has(tokens[end - 1]!.lower))) &&
        tokens[end]!.kind !== 'punct' &&
        !CUE_AUXILIARIES.has(tokens[end]!.lower) &&
        !VERB_AUXILIARIES.has(tokens[end]!.lower)
      )
        end++;
      if (end === p || end >= limit) return null;
      const inside = mentions.filter((x) => x.from >= p && x.to <= end);
      subj = { key: inside[0]?.key ?? null, from: p, to: end, pronoun: null };
    }
    // "Gov. Rick Scott (R)": a bracket after the name.
    if (tokens[end]?.text === '(') {
      const close = tokens.findIndex((w, i) => i > end && i < end + 10 && w.text === ')');
      if (close > 0) end = close + 1;
    }
    // "Gary Emineth, a former state party chairman, became ...": an apposition after the name.
    if (tokens[end]?.text === ',' && !subj.pronoun) {
      const close = tokens.findIndex((w, i) => i > end + 1 && i < Math.min(limit, end + 25) && w.text === ',');
      const aside = tokens[end + 1];
      if (close > 0 && aside && (opensApposition(aside) || ASIDE_PREPOSITIONS.has(aside.lower))) end = close + 1;
    }
    const subjectEnd = end;
    // "Joe Biden on Monday hit ...": the time of the verb between it and its subject.
    end += timeAfter(end);
    while (end < limit && (CUE_AUXILIARIES.has(tokens[end]!.lower) || /ly$/.test(tokens[end]!.lower))) end++;
    // The subject's own verb follows it; after an auxiliary any plain word is one ("did not name").
    const afterAuxiliary =
      end > subjectEnd &&
      /^(?:did|does|do|will|would|can|could|should|may|might|must|not|has|have|had)$/.test(tokens[end - 1]!.lower) &&
      tokens[end]?.kind === 'word' &&
      !tokens[end]!.cap &&
      !FUNCTION_WORDS.has(tokens[end]!.lower);
    if (end >= limit || !(isVerbLike(end) || VERB_AUXILIARIES.has(tokens[end]!.lower) || afterAuxiliary)) return null;
    for (let k = end; k < limit; k++) {
      const w = tokens[k]!;
      if (inQuote[k]) continue;
      if (w.text === ';') return null;
      if (loose ? LOOSE_BREAKS.has(w.lower) : SUBORDINATE.has(w.lower)) return null;
    }
    if (claims.some((cl) => cl.cueFrom >= end && cl.cueFrom < limit)) return null;
    return subj;
  }

  /** A lower-case word that reads as a verb ("shook", "defended", "praised"). */
  function isVerbLike(k: number): boolean {
    const w = tokens[k];
    if (w?.kind !== 'word' || w.cap || inQuote[k]) return false;
    return isVerbForm(w.lower) || /ed$/.test(w.lower) || IRREGULAR_PAST.has(w.lower);
  }

  /**
   * Any noun phrase that ends right before the cue and starts its clause: "Cook said ...",
   * "Sanders’ aides say ...", "Nearly half said ...", "A news report published Wednesday said
   * ...". The source is kept as a mention; its party is the one named inside it, if any.
   */
  function nounPhraseBefore(j: number): Subject | null {
    // "voters polled", "people surveyed": a participle after the head noun.
    if (
      /ed$/.test(tokens[j]?.lower ?? '') &&
      j > 0 &&
      (SOURCE_NOUNS.test(tokens[j - 1]!.lower) || PEOPLE_PLURAL.test(tokens[j - 1]!.lower))
    ) {
      const shorter = nounPhraseBefore(j - 1);
      return shorter && { ...shorter, to: j + 1 };
    }
    const head = tokens[j]!;
    // A share of a group: "six in 10 said", "most of them say".
    const ofWord = /^(?:in|of)$/.test(tokens[j - 1]?.lower ?? '');
    const share = ofWord && (head.kind === 'number' || /^(?:them|us|those)$/.test(head.lower));
    if (
      !share &&
      (head.kind !== 'word' || inQuote[j] || CUE_FORMS.has(head.lower) || NOT_SOURCE_HEADS.test(head.lower))
    )
      return null;
    const plainHead = !share && !head.cap && !SOURCE_NOUNS.test(head.lower);
    // After a determiner any word but a function word is a noun ("the coach said"), also past
    // the names that modify it ("one California delegate said").
    let d = j - 1;
    // ... and the plain modifiers before it ("the same polling suggests").
    while (
      d > 0 &&
      j - d < 4 &&
      !inQuote[d] &&
      tokens[d]!.kind === 'word' &&
      (tokens[d]!.cap || (looksLikeNoun(tokens[d]!.lower) && !SOURCE_DETERMINERS.has(tokens[d]!.lower)))
    )
      d--;
    const afterDeterminer =
      (d >= 0 && SOURCE_DETERMINERS.has(tokens[d]!.lower)) || /^['’]s?$/.test(tokens[j - 1]?.text ?? '');
    if (
      plainHead &&
      !looksLikeNoun(head.lower) &&
      !(afterDeterminer && !FUNCTION_WORDS.has(head.lower) && !/ly$/.test(head.lower))
    )
      return null;
    let k = j;
    while (k - 1 >= 0 && j - k < 12) {
      const w = tokens[k - 1]!;
      if (w.kind === 'punct' && !/^['’]s$|^['’]$/.test(w.text)) break;
      // "That person said": a demonstrative opening the sentence is the phrase's determiner.
      if (/^(?:that|this)$/.test(w.lower) && k - 1 <= skipForward(0)) {
        k--;
        break;
      }
      if (CLAUSE_WORDS.has(w.lower) || CUE_FORMS.has(w.lower) || inQuote[k - 1]) break;
      k--;
    }
    // "a charge the group denied": a determiner right after a noun opens a relative clause's
    // subject (its "that" left out); the source is that subject.
    for (let d = j - 1; d > k; d--) {
      const noun = tokens[d - 1]!;
      const determined = /^(?:a|an|the|this|that)$/.test(tokens[d - 2]?.lower ?? '');
      if (
        /^(?:the|a|an)$/.test(tokens[d]!.lower) &&
        noun.kind === 'word' &&
        !noun.cap &&
        !FUNCTION_WORDS.has(noun.lower) &&
        (looksLikeNoun(noun.lower) || determined)
      ) {
        const inside = mentions.filter((m) => m.from >= d && m.to <= j + 1);
        const party = inside.find((m) => m.to === j + 1) ?? inside[0];
        return { key: party?.key ?? null, from: d, to: j + 1, pronoun: null, rule: 'relative-subject' };
      }
    }
    // The phrase must open its clause: the sentence start, or after a comma, a quote or a conjunction.
    const before = tokens[k - 1];
    if (before && !(before.kind === 'punct' || CLAUSE_WORDS.has(before.lower))) return null;
    if (before && /^(?:that|which|who|whom|whose)$/.test(before.lower) && !gapAfter(j)) return null;
    // Any noun may head a source that is determined or owned ("the host said", "one employee
    // told", "Trump's campaign manager said"), or a plural of people ("hacking specialists say").
    // "officials in the city said", "people briefed on the talks said": the phrase's head stands
    // before its first preposition or participle.
    const of = tokens
      .slice(k + 1, j)
      .findIndex((w) => HEAD_ENDS.test(w.lower) || (!w.cap && w.lower.length > 4 && /(?:[^e]ed|ing)$/.test(w.lower)));
    const phraseHead = of >= 0 ? tokens[k + of]! : head;
    if (plainHead && !SOURCE_NOUNS.test(phraseHead.lower)) {
      const opener = tokens[k]!;
      const determined =
        SOURCE_DETERMINERS.has(opener.lower) ||
        SHARE_OPENERS.test(opener.lower) ||
        opener.kind === 'number' ||
        (k < j && tokens.slice(k, j).some((w) => /^['’]s?$/.test(w.text)));
      const people = PEOPLE_PLURAL.test(phraseHead.lower);
      if (!determined && !people) return null;
    }
    const inside = mentions.filter((m) => m.from >= k && m.to <= j + 1);
    const party = inside.find((m) => m.to === j + 1) ?? inside[0];
    // "Three-fourths say", "six in 10 said": a share of a group, never a name.
    const rule = share || SHARE_OPENERS.test(tokens[k]!.lower) ? 'share' : 'noun-phrase';
    return { key: party?.key ?? null, from: k, to: j + 1, pronoun: null, rule };
  }

  /**
   * "..., which critics say could fail": the cue at or after j+1 is followed by the relative
   * clause's own verb, so the phrase before the cue is its source and the clause its content.
   */
  function gapAfter(j: number): boolean {
    let k = j + 1;
    while (k < tokens.length && (CUE_AUXILIARIES.has(tokens[k]!.lower) || VERB_AUXILIARIES.has(tokens[k]!.lower))) k++;
    if (!CUE_FORMS.has(tokens[k]?.lower ?? '')) return false;
    const next = tokens[k + 1];
    if (next?.kind !== 'word' || next.cap) return false;
    return (
      MODALS.has(next.lower) ||
      BE_FORMS.has(next.lower) ||
      /^(?:has|have|had|went|goes)$/.test(next.lower) ||
      (isVerbLike(k + 1) && !isPronoun(next.lower))
    );
  }

  /** "Gen. X, commander of Y said" → X; "a spokesman for the ministry said" → the ministry. */
  function withAppositive(m: ResolvedMention): Subject {
    const link = tokens[m.from - 1];
    if (link && ROLE_LINK.has(link.lower)) {
      let k = m.from - 2;
      let sawRole = false;
      while (k >= 0 && !tokens[k]!.cap && tokens[k]!.kind === 'word' && m.from - k < 8) {
        if (
          PERSON_ROLE_WORDS.has(tokens[k]!.lower) ||
          PERSON_TITLES.has(tokens[k]!.lower) ||
          /^spokes/.test(tokens[k]!.lower)
        )
          sawRole = true;
        k--;
      }
      // A capitalised title word also counts ("Commander of ...").
      if (!sawRole && k >= 0 && PERSON_TITLES.has(tokens[k]!.lower)) {
        sawRole = true;
        k--;
      }
      if (sawRole) {
        if (k >= 0 && tokens[k]!.text === ',') {
          const person = mentionEndingAt(k - 1);
          if (person && person.kind === 'PERSON')
            return { key: person.key, from: person.from, to: person.to, pronoun: null };
        }
        const person = mentionEndingAt(k);
        if (person && person.kind === 'PERSON')
          return { key: person.key, from: person.from, to: person.to, pronoun: null };
        return { key: m.key, from: k + 1, to: m.to, pronoun: null };
      }
    }
    return { key: m.key, from: m.from, to: m.to, pronoun: null };
  }

  function anonymousBefore(j: number): Subject | null {
    const t = tokens[j]!;
    const role =
      PERSON_TITLES.has(t.lower) ||
      PERSON_ROLE_WORDS.has(t.lower) ||
      /(?:chairman|chairwoman|speaker|spokesperson)$/.test(t.lower);
    if (
      !role &&
      !ANONYMOUS_SOURCES.has(t.lower) &&
      !/^(?:official|spokesman|spokeswoman|spokesperson|source|witness|resident|diplomat|analyst|statement|report|reports|media|newspaper|agency|television|channel|observers)$/.test(
        t.lower,
      )
    )
      return null;
    let k = j;
    while (k - 1 >= 0 && k > j - 4 && NP_WORDS.test(tokens[k - 1]!.lower)) k--;
    // "the army spokesman": back to the article over plain lower-case nouns.
    for (let a = k - 1; a >= Math.max(0, j - 4); a--) {
      const w = tokens[a]!;
      if (/^(?:a|an|the)$/.test(w.lower)) {
        k = a;
        break;
      }
      if (w.kind !== 'word' || w.cap || CUE_FORMS.has(w.lower)) break;
    }
    // "The official CTK news agency said", "Iran's Tasnim news agency reported": the outlet named inside.
    if (MEDIA_HEADS.has(t.lower)) {
      const outlet = mentions.find((m) => m.to >= j - 2 && m.to <= j && m.kind !== 'PERSON');
      if (outlet) return { key: outlet.key, from: Math.min(k, outlet.from), to: j + 1, pronoun: null };
    }
    // "A senior Zambian government official said", "an Iraqi military spokesman said": someone
    // speaking for the body named right before the role, anonymously; the body is the claimant.
    if (!MEDIA_HEADS.has(t.lower)) {
      const body = mentions.find((m) => m.to === j && m.kind !== 'PERSON' && m.from >= j - 5);
      if (body) return { key: body.key, from: Math.min(k, body.from), to: j + 1, pronoun: null, rule: 'anonymous' };
    }
    // "a statement issued by the ministry said" → the ministry.
    return { key: null, from: k, to: j + 1, pronoun: null, rule: 'anonymous' };
  }

  function subjectAfter(k: number): Subject | null {
    const m = mentionStartingAt(k);
    if (m) {
      // "said Farhan Haq, a UN spokesman"
      return { key: m.key, from: m.from, to: m.to, pronoun: null };
    }
    const t = tokens[k];
    if (t && PRONOUNS.has(t.lower)) return { key: null, from: k, to: k + 1, pronoun: t.lower };
    return null;
  }

  /** "according to exit polls", "according to a memo released Friday by the agency": everything up to the clause's end. */
  function accordingSource(k: number): Subject | null {
    // A long source is whole only up to a comma or the sentence end ("early results of exit
    // polls conducted by X for Y, ...").
    let j = k;
    while (j < tokens.length && j < k + 26 && tokens[j]!.kind !== 'punct') j++;
    if (j === k || (j - k > 12 && j < tokens.length && !/^[,.;!?]$/.test(tokens[j]!.text))) return null;
    const inside = mentions.filter((m) => m.from >= k && m.to <= j);
    return { key: inside[0]?.key ?? null, from: k, to: j, pronoun: null, rule: 'according-phrase' };
  }

  /** Whether a source after its cue ends here: the sentence ends, or a comma, a date or a setting follows. */
  function endsSource(k: number): boolean {
    const t = tokens[k];
    return (
      !t ||
      t.kind === 'punct' ||
      dateAt[k] ||
      /^(?:in|on|at|during|after|before|to|of|from|for|with|who|when|while|as|told|adding|according|via|last|this|earlier|late|recently|on)$/.test(
        t.lower,
      )
    );
  }

  /** "..., said the 46-year-old.", "..., said Virginia delegate Beau Correll.": the phrase after an inverted cue. */
  function nounPhraseAfter(k: number): Subject | null {
    const first = tokens[k];
    if (first?.kind !== 'word' || inQuote[k]) return null;
    const determined = first.cap || SOURCE_DETERMINERS.has(first.lower);
    let j = k;
    while (
      j < tokens.length &&
      j < k + 8 &&
      tokens[j]!.kind !== 'punct' &&
      !CLAUSE_WORDS.has(tokens[j]!.lower) &&
      !CUE_FORMS.has(tokens[j]!.lower) &&
      !dateAt[j] &&
      !(j > k && SOURCE_AFTER_END.test(tokens[j]!.lower))
    )
      j++;
    if (j === k || !endsSource(j)) return null;
    // "said pollster Frank Luntz", "said former tech executive Carly Fiorina": undetermined, the
    // phrase ends in a name.
    if (!determined && !(tokens[j - 1]!.cap && j - k > 1)) return null;
    // Only the words of a noun phrase: no verb or pronoun ("says he didn't know ...").
    for (let i = k; i < j; i++) {
      const w = tokens[i]!;
      if (w.cap || w.kind === 'number' || (i === k && SOURCE_DETERMINERS.has(w.lower))) continue;
      // "Virginia delegate Beau Correll": a word between names is the title of the last one.
      const titled = tokens[i + 1]?.cap && i > k && !FUNCTION_WORDS.has(w.lower) && !isPronoun(w.lower);
      // "the Union of Teachers": a link word inside a name in title case.
      if (/^(?:of|for|and)$/.test(w.lower) && tokens[i - 1]?.cap && tokens[i + 1]?.cap) continue;
      if (/n't$/.test(w.lower) || !(looksLikeNoun(w.lower) || titled)) return null;
    }
    // The head comes last: "Clinton campaign manager Robby Mook" is Robby Mook.
    const inside = mentions.filter((m) => m.from >= k && m.to <= j);
    return { key: inside[inside.length - 1]?.key ?? null, from: k, to: j, pronoun: null, rule: 'noun-phrase' };
  }

  function anonymousAfter(k: number): Subject | null {
    let j = k;
    while (
      j < tokens.length &&
      j < k + 5 &&
      tokens[j]!.kind === 'word' &&
      !/^(?:who|which|that)$/.test(tokens[j]!.lower)
    ) {
      if (
        ANONYMOUS_SOURCES.has(tokens[j]!.lower) ||
        PERSON_ROLE_WORDS.has(tokens[j]!.lower) ||
        /^(?:official|spokesman|spokesperson|source|report|reports|statement|data|figures|estimates|senator|witness|diplomat)$/.test(
          tokens[j]!.lower,
        )
      ) {
        // "said a source close to the talks": a short modifier up to the sentence's end or a comma.
        let e = j + 1;
        while (e < j + 7 && tokens[e] && tokens[e]!.kind !== 'punct' && !CUE_FORMS.has(tokens[e]!.lower)) {
          if (/^(?:who|which|that)$/.test(tokens[e]!.lower)) break;
          e++;
        }
        const to = e > j + 1 && (!tokens[e] || tokens[e]!.kind === 'punct') ? e : j + 1;
        // "a statement from the Nigerian army", "a spokesman for the ministry": the body it comes from.
        const body = SPEAKS_FOR.test(tokens[j]!.lower)
          ? mentions.find(
              (m) =>
                m.from > j &&
                m.to <= to &&
                // A spokesman speaks for a person too ("a spokesperson for the prime minister").
                (m.kind !== 'PERSON' || /^spokes/.test(tokens[j]!.lower)) &&
                !!m.key &&
                /^(?:from|by|of|for)$/.test(tokens[j + 1]?.lower ?? ''),
            )
          : undefined;
        if (body) return { key: body.key, from: k, to, pronoun: null };
        return { key: null, from: k, to, pronoun: null, rule: 'anonymous' };
      }
      j++;
    }
    return null;
  }
}

/**
 * Where one claim's content holds another claim's source ("X said A, a day after Y announced B"),
 * the first content ends at the clause break before the second source. With no break the
 * second is reported speech inside the first, and both stand.
 */
/** A lower-case word that may head a noun phrase: a noun, or at least no function word, verb or adverb. */
function looksLikeNoun(word: string): boolean {
  if (isCommonNoun(word)) return true;
  return !/ly$|ing$|ed$/.test(word) && !isVerbForm(word) && !isPronoun(word) && !FUNCTION_WORDS.has(word);
}

function cutNested(claims: RawClaim[], tokens: Token[], text: string): void {
  for (const a of claims) {
    for (const b of claims) {
      if (a === b || b.claimantFrom === null) continue;
      if (b.claimantFrom <= a.contentFrom || b.claimantFrom >= a.contentTo) continue;
      for (let k = b.claimantFrom - 1; k > a.contentFrom; k--) {
        const t = tokens[k]!;
        if (t.text === ',' || t.text === ';' || t.text === '—' || t.text === '–') {
          a.contentTo = k;
          const start = tokens[a.contentFrom]!.start;
          const end = tokens[k - 1]!.end;
          a.content = { start, end, text: text.slice(start, end) };
          break;
        }
      }
    }
  }
}
