/**
 * Mentions of parties and places in one sentence, by rules over capitalised chunks and
 * lexicons: titles before names, head nouns after demonyms, "the city of X", gazetteer names.
 * The output is raw mentions; parties.ts merges them into parties and resolves references.
 */
import { foldName } from '../names.js';
import type { LocationPrecision, PartyKind } from './types.js';
import type { Sentence } from './sentences.js';
import type { Token } from './tokens.js';
import { tokenize } from './tokens.js';
import { isCommonNoun, isCommonWord, isFirstName, isLastName, isVerbForm } from './wordclass.js';
import { lookupPlaceMatches } from './gazetteer.js';
import {
  capitalCountry,
  isExactPlace,
  qualifiesPlace,
  countryCodeOfPlace,
  countryOfName,
  demonymOf,
  isKnownPlace,
  resolveDemonym,
  type Country,
} from './geo.js';
import {
  KNOWN_PARTIES,
  STATELESS_DEMONYMS,
  MINISTRY_SUBJECTS,
  NAME_NORMALISATION,
  type KnownParty,
} from './lexicon/parties.js';
import {
  PERSON_TITLES,
  GOVERNMENT_HEADS,
  ARMED_FORCE_HEADS,
  GROUP_HEADS,
  ORGANIZATION_HEADS,
  MEDIA_HEADS,
  DEMONYM_LOWER_HEADS,
  NON_ACTOR_HEADS,
  PLACE_TYPES,
  PLACE_LIST_HEADS,
  DIRECTIONS,
  PLACE_PREPOSITIONS,
  PERSON_ROLE_WORDS,
  POSSESSIVE_PLACE_NOUNS,
  POSSESSIVE_PLACE_ADJECTIVES,
  STATE_OBJECT_VERBS,
  STATE_APPOSITION_NOUNS,
  STATE_COMPANION_PREPOSITIONS,
  SITE_NOUNS,
  SITE_VERBS,
  SITE_PREPOSITIONS,
  PLACE_REFERENCE_NOUNS,
} from './lexicon/roles.js';
import { CUE_FORMS } from './cues.js';
import { NON_PARTY_ACRONYMS, PLATFORMS } from './lexicon/words.js';
import {
  ALIGNED_COMPOUND,
  BODY_ADJECTIVES,
  CONNECTORS_AFTER_HEAD,
  DATE_WORDS,
  DIVISION_WORDS,
  FACILITY_WORDS,
  FORCES_OF,
  HELD_COMPOUND,
  INSTITUTION_WORDS,
  INTRODUCING_TYPES,
  LEADING_PLACE_WORDS,
  LED_COMPOUND,
  NAME_PARTICLES,
  NEVER_NAMES,
  NP_DETERMINERS,
  NP_STOP,
  SEAT_VERBS,
  SHORT_MONTHS,
} from './lexicon/mention-words.js';
import { CUE_AUXILIARIES } from './lexicon/cues.js';

export interface PartyMention {
  type: 'party';
  sentence: number;
  /** Token range [from, to) within the sentence. */
  from: number;
  to: number;
  start: number;
  end: number;
  kind: PartyKind;
  /** Canonical name; for references, empty until resolved. */
  name: string;
  affiliation: string | null;
  /** Lower-case head noun ("ministry", "forces") or title ("president") for reference matching. */
  head: string | null;
  /** Known-party aliases to carry over. */
  knownAliases: string[];
  /** The rule that made it ("known-party", "chunk/head-noun"). */
  rule?: string;
  /** "the ministry", "the president": refers back to an earlier party. */
  reference: boolean;
}

export interface PlaceMention {
  type: 'place';
  sentence: number;
  from: number;
  to: number;
  start: number;
  end: number;
  name: string;
  /** Found by a pattern only ("the village of X"): not in the gazetteer by this name. */
  patternOnly: boolean;
  /**
   * A common noun phrase, not a name: a site ("an ISIL-held building", "two bridges"), never
   * looked up in the gazetteer; or a reference ("the city") to a place named before, with the
   * precisions that place may have.
   */
  common?: 'site' | 'reference';
  refersTo?: readonly LocationPrecision[];
  /** The rule that made it ("chunk/gazetteer-or-pattern", "chunk/after-place-preposition"). */
  rule?: string;
}

export type Mention = PartyMention | PlaceMention;

// ---------------------------------------------------------------------------------------------
// Phrase tables

interface Trie<T> {
  next: Map<string, Trie<T>>;
  value?: T;
}

function trieInsert<T>(root: Trie<T>, words: string[], value: T): void {
  let node = root;
  for (const w of words) {
    let child = node.next.get(w);
    if (!child) {
      child = { next: new Map() };
      node.next.set(w, child);
    }
    node = child;
  }
  if (node.value === undefined) node.value = value;
}

function phraseWords(phrase: string): string[] {
  return tokenize(phrase)
    .filter((t) => t.kind !== 'punct' || t.text === '’s' || t.text === "'s")
    .map((t) => tokenKey(t));
}

function tokenKey(t: Token): string {
  return foldName(t.text) || t.text;
}

interface KnownEntry {
  party: KnownParty;
  /** Written in capitals and short: only matches when the text has it in capitals too. */
  caseSensitive: string | null;
}

const KNOWN_TRIE: Trie<KnownEntry> = { next: new Map() };
for (const party of KNOWN_PARTIES) {
  for (const form of [party.name, ...party.aliases]) {
    const stripped = form.replace(/^the\s+/i, '');
    const letters = stripped.replace(/[.\s]/g, '');
    const caseSensitive = /^[A-Z0-9]{2,5}$/.test(letters) ? letters : null;
    trieInsert(KNOWN_TRIE, phraseWords(stripped), { party, caseSensitive });
  }
}

function buildSetTrie(phrases: Iterable<string>): Trie<string> {
  const root: Trie<string> = { next: new Map() };
  for (const p of phrases) trieInsert(root, phraseWords(p), p);
  return root;
}

/** Known parties by every folded name and alias, to canonicalise built names ("Sudanese army"). */
const KNOWN_BY_NAME = new Map<string, KnownParty>();
for (const party of KNOWN_PARTIES) {
  for (const form of [party.name, ...party.aliases]) {
    const key = foldName(form.replace(/^the\s+/i, ''));
    if (key && !KNOWN_BY_NAME.has(key)) KNOWN_BY_NAME.set(key, party);
  }
}

const TITLE_TRIE = buildSetTrie(PERSON_TITLES);
const HEAD_TRIE = buildSetTrie([
  ...GOVERNMENT_HEADS,
  ...ARMED_FORCE_HEADS,
  ...GROUP_HEADS,
  ...ORGANIZATION_HEADS,
  ...MEDIA_HEADS,
]);
const LOWER_HEAD_TRIE = buildSetTrie(DEMONYM_LOWER_HEADS);
const FORCE_HEAD_TRIE = buildSetTrie([...ARMED_FORCE_HEADS, ...GROUP_HEADS]);

/** A force or group noun in lower case at `to` ("forces", "coalition", "separatists"): [end, head]. */
function forceHead(tokens: Token[], to: number): [number, string] | null {
  const t = tokens[to];
  if (!t || t.cap) return null;
  const ext = extendLowerHead(tokens, to);
  if (ext && (ARMED_FORCE_HEADS.has(ext[1]) || GROUP_HEADS.has(ext[1]))) return ext;
  return longest(FORCE_HEAD_TRIE, tokens, to);
}

/** Longest phrase of the trie starting at token i; returns [end, value]. */
function longest<T>(trie: Trie<T>, tokens: Token[], i: number, limit = tokens.length): [number, T] | null {
  let node: Trie<T> | undefined = trie;
  let best: [number, T] | null = null;
  for (let j = i; j < limit && node; j++) {
    node = node.next.get(tokenKey(tokens[j]!));
    if (node?.value !== undefined) best = [j + 1, node.value];
  }
  return best;
}

/** A phrase of the trie that ends exactly at token end (exclusive), longest first. */
function endingAt<T>(trie: Trie<T>, tokens: Token[], from: number, end: number): [number, T] | null {
  for (let s = from; s < end; s++) {
    const hit = longest(trie, tokens, s, end);
    if (hit && hit[0] === end) return [s, hit[1]];
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Token classes

const QUOTE_OR_BRACKET = /^["“‘'([«—–-]$/;

function isAcronym(t: Token): boolean {
  return /^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&-]{1,6}$/.test(t.text);
}

/** "GAZA, Nov 20": a month written short without its dot, known by the day after it. */
function isShortMonth(tokens: Token[], i: number): boolean {
  return SHORT_MONTHS.has(tokens[i]!.lower) && /^\d{1,2}(?:st|nd|rd|th)?$/.test(tokens[i + 1]?.text ?? '');
}

/**
 * An all-caps name the gazetteer knows as a place's acronym, a country's name or a place's own
 * name in capitals ("UAE", "DRC", a dateline's "KYIV"); not one of GeoNames' alternate names.
 */
function isPlaceAcronym(name: string): boolean {
  return lookupPlaceMatches(name, false).some(
    (m) => m.via === 'acronym' || m.via === 'name' || m.place.precision === 'COUNTRY',
  );
}

function isNameToken(t: Token): boolean {
  if (t.kind === 'punct') return false;
  if (DATE_WORDS.has(t.lower) || NEVER_NAMES.has(t.lower)) return false;
  return t.cap || isAcronym(t);
}

function atSentenceStart(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (QUOTE_OR_BRACKET.test(t.text) || t.text === ':') continue;
    return false;
  }
  return true;
}

function titleCase(word: string): string {
  return word.replace(/(^|[\s-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

function normaliseWords(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w) => NAME_NORMALISATION[w.toLowerCase()] ?? w)
    .join('');
}

function headKind(head: string): PartyKind {
  const h = head.toLowerCase();
  const last = h.split(' ').pop()!;
  if (MEDIA_HEADS.has(h) && !GOVERNMENT_HEADS.has(h)) return 'MEDIA';
  if (ARMED_FORCE_HEADS.has(h) || ARMED_FORCE_HEADS.has(last)) return 'ARMED_FORCE';
  if (GOVERNMENT_HEADS.has(h) || GOVERNMENT_HEADS.has(last)) return 'GOVERNMENT_BODY';
  if (GROUP_HEADS.has(h) || GROUP_HEADS.has(last)) return 'GROUP';
  if (MEDIA_HEADS.has(h) || MEDIA_HEADS.has(last)) return 'MEDIA';
  if (/spokes|minister|president|official|leader|chief|commander|envoy|ambassador/.test(h)) return 'PERSON';
  return 'ORGANIZATION';
}

/** Institution heads are capitalised in canonical names ("Russian Defense Ministry"); groups are not ("Russian forces"). */
function canonicalHead(head: string): string {
  const normalised = normaliseWords(head);
  return /ministry|council|command|office|department|agency|service|staff|parliament|embassy|cabinet|presidency|guard|assembly|committee|commission|fleet|flotilla|squadron/i.test(
    head,
  )
    ? titleCase(normalised)
    : normalised.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Finder

export interface MentionContext {
  /** Surnames of people already seen in the article → their canonical names. */
  surnames: Map<string, string>;
}

export function findMentions(sentence: Sentence, text: string, ctx: MentionContext): Mention[] {
  const tokens = sentence.tokens;
  const out: Mention[] = [];
  const used = new Array<boolean>(tokens.length).fill(false);
  /** The rule now adding mentions: every mention records it, for `npm run eval -- --explain`. */
  let rule = '';
  const mark = (from: number, to: number) => {
    for (let k = from; k < to; k++) used[k] = true;
  };
  const span = (from: number, to: number) => ({ start: tokens[from]!.start, end: tokens[to - 1]!.end });

  const addParty = (
    from: number,
    to: number,
    p: Omit<PartyMention, 'type' | 'sentence' | 'from' | 'to' | 'start' | 'end'>,
  ) => {
    // A built name that is a known party's name or alias is that party ("Sudan's army" → Sudanese Armed Forces).
    const known = p.kind !== 'PERSON' && p.name ? KNOWN_BY_NAME.get(foldName(p.name)) : undefined;
    if (known)
      p = {
        ...p,
        name: known.name,
        kind: known.kind,
        affiliation: known.affiliation ?? p.affiliation,
        knownAliases: [known.name, ...known.aliases],
      };
    // Organisations take their article ("the Defense Ministry of ..."); people do not.
    let f = from;
    const prev = tokens[f - 1];
    if (p.kind !== 'PERSON' && prev && prev.lower === 'the' && !used[f - 1]) f -= 1;
    out.push({ type: 'party', sentence: sentence.index, from: f, to, ...span(f, to), ...p, rule });
    mark(f, to);
  };
  const isUsed = (k: number) => k < tokens.length && used[k];
  const addPlace = (from: number, to: number, name: string, patternOnly: boolean) => {
    out.push({ type: 'place', sentence: sentence.index, from, to, ...span(from, to), name, patternOnly, rule });
    mark(from, to);
  };

  // 0. Forces named by whom they side with or who leads them: "pro-Houthi forces", "the
  // Saudi-led coalition", "anti-Houthi National Resistance forces"; and "forces of Artsakh".
  rule = 'aligned-forces';
  alignedForces();

  // 1. Known parties from the lexicon (longest match, case rules for acronyms).
  rule = 'known-party';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!(t.cap || /^\d/.test(t.text))) continue;
    const hit = longest(KNOWN_TRIE, tokens, i);
    if (!hit) continue;
    const [end, entry] = hit;
    const surface = text.slice(tokens[i]!.start, tokens[end - 1]!.end);
    if (entry.caseSensitive && surface.replace(/[.\s]/g, '') !== entry.caseSensitive) continue;
    const extended = extendLowerHead(tokens, end);
    if (extended && !entry.party.kind.startsWith('MEDIA')) {
      const head = extended[1];
      addParty(i, extended[0], {
        kind: headKind(head),
        name: `${entry.party.name} ${canonicalHead(head)}`,
        affiliation: entry.party.affiliation ?? entry.party.name,
        head,
        knownAliases: [],
        reference: false,
      });
    } else {
      addParty(i, end, {
        kind: entry.party.kind,
        name: entry.party.name,
        affiliation: entry.party.affiliation,
        head: null,
        knownAliases: [entry.party.name, ...entry.party.aliases],
        reference: false,
      });
    }
    i = end - 1;
  }

  // 2. Capitalised chunks.
  rule = 'chunk';
  const chunkList = chunks(tokens, used);
  for (const [from, to] of chunkList) if (!used[from]) classifyChunk(from, to);

  // 3. Lower-case references ("the ministry", "the president") and place patterns with no capital chunk.
  rule = 'reference';
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const t = tokens[i]!;
    if (t.lower !== 'the' && t.lower !== 'this' && t.lower !== 'that') continue;
    const hit = longest(HEAD_TRIE, tokens, i + 1) ?? longest(TITLE_TRIE, tokens, i + 1);
    if (!hit) continue;
    const [end, head] = hit;
    if (tokens.slice(i + 1, end).some((x, k) => used[i + 1 + k] || x.cap)) continue;
    const after = tokens[end];
    if (
      after &&
      (after.lower === 'of' ||
        after.lower === "'s" ||
        after.lower === '’s' ||
        (after.kind === 'word' &&
          !CUE_FORMS.has(after.lower) &&
          /^[a-z]/.test(after.text) &&
          !isVerbAfterSubject(after)))
    )
      continue;
    if (
      !PERSON_ROLE_WORDS.has(head) &&
      headKind(head) === 'ORGANIZATION' &&
      !['group', 'coalition', 'alliance', 'organization', 'organisation'].includes(head)
    )
      continue;
    out.push({
      type: 'party',
      sentence: sentence.index,
      from: i,
      to: end,
      ...span(i, end),
      kind: PERSON_ROLE_WORDS.has(head.split(' ').pop()!) && headKind(head) === 'PERSON' ? 'PERSON' : headKind(head),
      name: '',
      affiliation: null,
      head,
      knownAliases: [],
      reference: true,
      rule,
    });
    mark(i, end);
  }

  // 4. Places that are not names: references back ("the city") and sites ("destroyed two bridges").
  rule = 'place-reference-or-site';
  placeReferences();
  sites();

  return out.sort((a, b) => a.start - b.start);

  // -------------------------------------------------------------------------------------------

  /** The country code of a name or demonym ("Saudi" → SA, "Russia" → RU), a known party's, or null. */
  function affiliationOf(name: string): string | null {
    return (
      resolveDemonym(name)?.code ?? countryOfName(name)?.code ?? KNOWN_BY_NAME.get(foldName(name))?.affiliation ?? null
    );
  }

  function alignedForces(): void {
    for (let i = 0; i < tokens.length; i++) {
      if (used[i]) continue;
      const t = tokens[i]!;
      const aligned = ALIGNED_COMPOUND.exec(t.text);
      const led = aligned ? null : LED_COMPOUND.exec(t.text);
      if (aligned || led) {
        let j = i + 1;
        while (j < tokens.length && j < i + 5 && tokens[j]!.cap && !used[j] && isNameToken(tokens[j]!)) j++;
        // "Iranian-backed Houthi rebels": a known party inside is that party, found by its own rule.
        if (j > i + 1 && longest(KNOWN_TRIE, tokens, i + 1)) continue;
        const ext = forceHead(tokens, j);
        if (!ext) continue;
        const side = aligned ? aligned[2]! : led![1]!;
        const against = aligned ? aligned[1]!.toLowerCase() === 'anti' : false;
        const inner = j > i + 1 ? text.slice(tokens[i + 1]!.start, tokens[j - 1]!.end) : '';
        const lead = aligned ? `${aligned[1]!.toLowerCase()}-${side}` : t.text;
        const name = inner
          ? `${inner} ${canonicalHead(ext[1])}`
          : `${lead[0]!.toUpperCase()}${lead.slice(1)} ${canonicalHead(ext[1])}`;
        addParty(i, ext[0], {
          kind: headKind(ext[1]),
          name,
          affiliation: against ? null : (affiliationOf(side) ?? side),
          head: ext[1],
          knownAliases: inner ? [`${lead} ${inner} ${ext[1]}`] : [],
          reference: false,
        });
        i = ext[0] - 1;
        continue;
      }
      // "military forces of Artsakh", "troops of the DPR"
      if (FORCES_OF.has(t.lower) && tokens[i + 1]?.lower === 'of') {
        let k = i + 2;
        if (tokens[k]?.lower === 'the') k++;
        let e = k;
        while (e < tokens.length && e < k + 3 && tokens[e]!.cap && !used[e] && isNameToken(tokens[e]!)) e++;
        if (e === k) continue;
        const owner = text.slice(tokens[k]!.start, tokens[e - 1]!.end);
        const country = countryOfName(owner);
        if (!country && !isKnownPlace(owner)) continue;
        const from =
          i > 0 && ['military', 'armed', 'government', 'security'].includes(tokens[i - 1]!.lower) && !used[i - 1]
            ? i - 1
            : i;
        const head = from < i ? `${tokens[from]!.lower} ${t.lower}` : t.lower;
        const ownerName = country ? (demonymOf(country.code) ?? country.name) : owner;
        addParty(from, e, {
          kind: 'ARMED_FORCE',
          name: `${ownerName} ${canonicalHead(ARMED_FORCE_HEADS.has(head) ? head : t.lower)}`,
          affiliation: country?.code ?? owner,
          head: t.lower,
          knownAliases: [],
          reference: false,
        });
        // The owner is a place mentioned too.
        if (!country)
          out.push({
            type: 'place',
            sentence: sentence.index,
            from: k,
            to: e,
            ...span(k, e),
            name: owner,
            patternOnly: false,
            rule,
          });
        i = e - 1;
      }
    }
  }

  /** "the city", "the Iraqi city", "the besieged town": a place named earlier (resolved after geocoding). */
  function placeReferences(): void {
    for (let i = 0; i < tokens.length; i++) {
      if (used[i] || !/^(?:the|this)$/.test(tokens[i]!.lower)) continue;
      let k = i + 1;
      while (
        k < i + 3 &&
        tokens[k] &&
        !used[k] &&
        !PLACE_REFERENCE_NOUNS[tokens[k]!.lower] &&
        tokens[k]!.kind === 'word' &&
        (!tokens[k]!.cap || resolveDemonymToken(k, k + 1))
      )
        k++;
      const noun = tokens[k];
      const refersTo = noun && !noun.cap && !used[k] ? PLACE_REFERENCE_NOUNS[noun.lower] : undefined;
      if (!refersTo) continue;
      const after = tokens[k + 1];
      if (
        after &&
        (after.lower === 'of' ||
          (after.cap && after.kind === 'word') ||
          (after.kind === 'word' &&
            !after.cap &&
            isCommonNoun(after.text) &&
            !isVerbForm(after.text) &&
            !PLACE_PREPOSITIONS.has(after.lower)))
      )
        continue;
      out.push({
        type: 'place',
        sentence: sentence.index,
        from: i,
        to: k + 1,
        ...span(i, k + 1),
        name: text.slice(tokens[i]!.start, tokens[k]!.end),
        patternOnly: true,
        common: 'reference',
        refersTo,
        rule,
      });
      mark(i, k + 1);
      i = k;
    }
  }

  /**
   * Sites: noun phrases headed by a site noun, as the object of a verb of attack or capture
   * (and the list that follows it: "destroyed a VBIED, a fighting position and a tunnel
   * entrance") or after a place preposition ("at a hospital", "against ISIL targets").
   */
  function sites(): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (used[i] || t.cap) continue;
      const verb = SITE_VERBS.has(t.lower);
      if (!verb && !SITE_PREPOSITIONS.has(t.lower)) continue;
      let k = i + 1;
      for (let items = 0; items < 12 && k < tokens.length; items++) {
        const np = nounPhrase(k);
        if (!np) break;
        const head = tokens[np.to - 1]!;
        if (SITE_NOUNS.has(head.lower) && !head.cap) {
          const name = text.slice(tokens[np.nameFrom]!.start, head.end);
          out.push({
            type: 'place',
            sentence: sentence.index,
            from: np.from,
            to: np.to,
            ...span(np.from, np.to),
            name,
            patternOnly: true,
            common: 'site',
            rule,
          });
          mark(np.from, np.to);
        }
        if (!verb) break;
        // The list goes on: ", a VBIED", ", and two bridges".
        let n = np.to;
        if (tokens[n]?.text === ',') n++;
        if (tokens[n]?.lower === 'and' || tokens[n]?.lower === 'or') n++;
        if (n === np.to) break;
        k = n;
      }
    }
  }

  /** A noun phrase from token k: [determiner or count] [modifiers] nouns, up to a preposition, verb or punctuation. */
  function nounPhrase(k: number): { from: number; nameFrom: number; to: number } | null {
    // "to liberate territory": a verb of its own, not a noun phrase.
    if (tokens[k] && SITE_VERBS.has(tokens[k]!.lower)) return null;
    let from = k;
    let j = k;
    if (tokens[j] && NP_DETERMINERS.test(tokens[j]!.lower) && !used[j]) j++;
    // "dozens of villages", "a group of buildings"
    if (
      tokens[j] &&
      /^(?:dozens|hundreds|scores|thousands|number|group|series|cluster|network|string)$/.test(tokens[j]!.lower) &&
      tokens[j + 1]?.lower === 'of'
    )
      j += 2;
    const nameFrom = j;
    let end = j;
    while (end < tokens.length && end < j + 6) {
      const w = tokens[end]!;
      if (used[end]) {
        // "two ISIL fighting positions": the phrase starts after the party.
        from = end + 1;
        end++;
        j = end;
        continue;
      }
      if (w.kind === 'punct' || NP_STOP.has(w.lower) || CUE_FORMS.has(w.lower)) break;
      if (end > j && (w.kind === 'number' || NP_DETERMINERS.test(w.lower))) break;
      end++;
    }
    if (end <= j) return null;
    return { from, nameFrom: Math.max(nameFrom, from), to: end };
  }

  /**
   * `owner`: a possessive state right before the chunk ("Russia's Defence Ministry"): it gives
   * the affiliation and the canonical name's demonym, and its tokens join the party's mention.
   */
  function classifyChunk(from: number, to: number, owner?: Owner): void {
    const chunkText = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    const first = tokens[from]!;

    // Platforms are not places or parties ("wrote on Telegram", "posted on X"); nor is an
    // adjective made of a name ("ISIL-held", "Iranian-backed").
    if (PLATFORMS.has(foldName(chunkText))) {
      mark(from, to);
      return;
    }
    if (to - from === 1 && HELD_COMPOUND.test(first.lower)) {
      // "the Hamas-run health ministry": a body named by who runs it.
      const ext = extendLowerHead(tokens, to);
      if (ext && !NON_ACTOR_HEADS.has(ext[1]) && GOVERNMENT_HEADS.has(ext[1].split(' ').pop()!)) {
        const runner = first.text.replace(/-[a-z]+$/, '');
        const known = KNOWN_BY_NAME.get(foldName(runner));
        const affiliation = known?.affiliation ?? resolveDemonym(runner)?.code ?? countryOfName(runner)?.code ?? null;
        addParty(from, ext[0], {
          kind: headKind(ext[1]),
          name: `${first.text} ${canonicalHead(ext[1])}`,
          affiliation,
          head: ext[1],
          knownAliases: [],
          reference: false,
        });
      }
      return;
    }

    // Person: [qualifier] Title Name ("Azerbaijani President Ilham Aliyev", "Lt. Gen. Stephen J. Townsend").
    rule = 'chunk/titled-person';
    const person = splitTitle(tokens, from, to);
    if (person) {
      const { titleFrom, titleTo, title } = person;
      const affiliation = titleFrom > from ? qualifierAffiliation(from, titleFrom) : (owner?.code ?? null);
      // "Fargo Mayor Dennis Walaker", "Odesa regional governor": a town that qualifies a title is mentioned too.
      const qualifierPlace = titleFrom > from && !affiliation ? placeNameOf(from, titleFrom) : null;
      if (qualifierPlace && !countryOfName(qualifierPlace))
        out.push({
          type: 'place',
          sentence: sentence.index,
          from,
          to: titleFrom,
          ...span(from, titleFrom),
          name: qualifierPlace,
          patternOnly: false,
          rule,
        });
      const start = owner?.from ?? from;
      if (titleTo < to) {
        const name = text.slice(tokens[titleTo]!.start, tokens[to - 1]!.end);
        addParty(start, to, {
          kind: 'PERSON',
          name: canonicalPersonName(name),
          affiliation,
          head: title,
          knownAliases: [],
          reference: false,
        });
        const parts = name.split(/\s+/);
        if (parts.length > 1) ctx.surnames.set(foldName(parts[parts.length - 1]!), canonicalPersonName(name));
        return;
      }
      // A title with no name: a role ("Azerbaijani President", "U.S. Secretary of State").
      const qualifier =
        titleFrom > from ? text.slice(tokens[from]!.start, tokens[titleFrom - 1]!.end) : (owner?.demonym ?? '');
      addParty(start, to, {
        kind: 'PERSON',
        name: qualifier
          ? `${titleFrom > from ? (qualifierName(from, titleFrom) ?? qualifier) : qualifier} ${titleCase(title)}`
          : '',
        affiliation,
        head: title,
        knownAliases: [],
        reference: !qualifier,
      });
      return;
    }

    // A surname of a person named earlier in the article ("Davis" after "Capt. Jeff Davis").
    rule = 'chunk/known-surname';
    const surname = to - from === 1 ? ctx.surnames.get(foldName(first.text)) : undefined;
    if (surname) {
      addParty(from, to, {
        kind: 'PERSON',
        name: surname,
        affiliation: null,
        head: null,
        knownAliases: [],
        reference: false,
      });
      return;
    }

    // Organisation by head noun: "Armenian Defense Ministry", "Syrian Democratic Forces", "Baku government".
    rule = 'chunk/head-noun';
    const headHit = endingAt(HEAD_TRIE, tokens, from, to);
    const lowerExt = extendLowerHead(tokens, to);
    // A place whose name ends like an organisation ("West Bank") stays a place.
    if (headHit && headHit[0] > from && headKind(headHit[1]) === 'ORGANIZATION' && isExactPlace(chunkText)) {
      addPlaceSpan(from, to, chunkText, false);
      return;
    }
    if (headHit && headHit[0] > from) {
      if (owner && !resolveDemonymToken(from, from + 1)) {
        // "Iran's Revolutionary Guards" → "Iranian Revolutionary Guards"
        addParty(owner.from, to, {
          kind: headKind(headHit[1]),
          name: `${owner.demonym} ${normaliseWords(chunkText)}`,
          affiliation: owner.code,
          head: headHit[1],
          knownAliases: [],
          reference: false,
        });
        return;
      }
      addOrganisation(from, headHit[0], to, headHit[1]);
      return;
    }
    const leadingHead = longest(HEAD_TRIE, tokens, from, to);
    if (leadingHead && tokens[leadingHead[0]]?.lower === 'of' && !headHit) {
      const ofExt = extendOwner(leadingHead[0]);
      if (ofExt) {
        addOwned(from, ofExt.end, ofExt.owner, ofExt.ownerFrom, ofExt.ownerTo, leadingHead[1]);
        return;
      }
      // "Ministry of Defence", "(Sudan's) Ministry of Foreign Affairs": the subject names the ministry.
      const subjectOf = MINISTRY_SUBJECTS[foldName(text.slice(tokens[leadingHead[0] + 1]!.start, tokens[to - 1]!.end))];
      if (subjectOf && leadingHead[1] === 'ministry') {
        const name = `${subjectOf} Ministry`;
        if (owner) {
          addParty(owner.from, to, {
            kind: 'GOVERNMENT_BODY',
            name: `${owner.demonym} ${name}`,
            affiliation: owner.code,
            head: 'ministry',
            knownAliases: [],
            reference: false,
          });
        } else {
          addNamedReference(from, to, 'GOVERNMENT_BODY', name, 'ministry');
        }
        return;
      }
    }
    if (headHit && headHit[0] === from) {
      // Head first: "Ministry of Defense of Russia", or a bare "Ministry".
      const ofExt = extendOwner(to);
      const subject =
        MINISTRY_SUBJECTS[
          foldName(text.slice(tokens[from + 1 < to ? from + 1 : from]!.start, tokens[to - 1]!.end)).replace(/^of /, '')
        ];
      if (ofExt) {
        addOwned(from, ofExt.end, ofExt.owner, ofExt.ownerFrom, ofExt.ownerTo, headHit[1]);
        return;
      }
      if (to - from === 1 && !atSentenceStart(tokens, from)) {
        out.push({
          type: 'party',
          sentence: sentence.index,
          from,
          to,
          ...span(from, to),
          kind: headKind(headHit[1]),
          name: '',
          affiliation: null,
          head: headHit[1],
          knownAliases: [],
          reference: true,
          rule,
        });
        mark(from, to);
        return;
      }
      if (owner && headHit[0] === from) {
        const name = subject && headHit[1] === 'ministry' ? `${subject} Ministry` : canonicalHead(chunkText);
        addParty(owner.from, to, {
          kind: headKind(headHit[1]),
          name: `${owner.demonym} ${name}`,
          affiliation: owner.code,
          head: headHit[1],
          knownAliases: [],
          reference: false,
        });
        return;
      }
      if (subject) {
        addParty(from, to, {
          kind: 'GOVERNMENT_BODY',
          name: `${subject} Ministry`,
          affiliation: null,
          head: 'ministry',
          knownAliases: [],
          reference: false,
        });
        return;
      }
      // An unowned "Defence Ministry": the ministry named before, else a party of its own; never a person.
      addNamedReference(from, to, headKind(headHit[1]), canonicalHead(chunkText), headHit[1]);
      return;
    }

    // Demonym-led: "Azerbaijani forces", "Israeli officials", "Azeris".
    rule = 'chunk/demonym-head';
    const demonym = resolveDemonymToken(from, to);
    if (demonym) {
      if (lowerExt) {
        const head = lowerExt[1];
        if (NON_ACTOR_HEADS.has(head)) return;
        addParty(from, lowerExt[0], {
          kind: headKind(head),
          name: `${demonym.demonym} ${canonicalHead(head)}`,
          affiliation: demonym.code ?? demonym.demonym,
          head,
          knownAliases: [],
          reference: false,
        });
        return;
      }
      if (demonym.plural) {
        addParty(from, to, {
          kind: 'GROUP',
          name: `${titleCase(first.lower)}`,
          affiliation: demonym.code,
          head: null,
          knownAliases: [],
          reference: false,
        });
        return;
      }
      return; // an adjective: "Armenian sites"
    }

    // Places known to the gazetteer, or by pattern.
    rule = 'chunk/gazetteer-or-pattern';
    const placeName = placeNameOf(from, to);
    if (placeName) {
      const country = countryOfName(placeName);
      // Country (or capital) + party noun: "Azerbaijan's defense ministry", "the Baku government".
      const possessiveHead = tokens[to]?.text.match(/^['’]s$/) ? extendLowerHead(tokens, to + 1) : null;
      const headExt = lowerExt ?? possessiveHead;
      if (headExt && !NON_ACTOR_HEADS.has(headExt[1])) {
        const owner = country ? (demonymOf(country.code) ?? placeName) : placeName;
        const code = country?.code ?? countryCodeOfPlace(placeName);
        addParty(from, headExt[0], {
          kind: headKind(headExt[1]),
          name: `${owner} ${canonicalHead(headExt[1])}`,
          affiliation: code ?? placeName,
          head: headExt[1],
          knownAliases: [],
          reference: false,
        });
        // A city is mentioned too ("the Baku government" names Baku); a country is the affiliation.
        if (!country)
          out.push({
            type: 'place',
            sentence: sentence.index,
            from,
            to,
            ...span(from, to),
            name: placeName,
            patternOnly: false,
            rule,
          });
        return;
      }
      if (country && isPossessiveMark(tokens[to], tokens[to - 1]) && !owner) {
        possessiveState(from, to, placeName, country);
        return;
      }
      if (country && stateOwned(from, to, country)) return;
      if (country && (isActorPosition(tokens, from, to) || isStateActor(tokens, from, to) || inCountryList(from, to))) {
        addParty(from, to, {
          kind: 'STATE',
          name: country.name,
          affiliation: country.code,
          head: null,
          knownAliases: [],
          reference: false,
        });
        return;
      }
      // A capital as the speaker stands for its government ("a claim Kyiv denied", "Moscow said").
      const seat = country ? null : capitalCountry(placeName);
      if (seat && isSpeakerPosition(tokens, from, to)) {
        addParty(from, to, {
          kind: 'STATE',
          name: seat.name,
          affiliation: seat.code,
          head: null,
          knownAliases: [seat.name, placeName],
          reference: false,
        });
        return;
      }
      addPlaceSpan(from, to, placeName, false);
      return;
    }
    const patterned = placeByPattern(from, to);
    if (patterned) {
      addPlaceSpan(from, to, patterned, true);
      return;
    }

    // An unknown name before a force or group noun: "Ambazonian separatists", "Maoist rebels", "NAS forces".
    rule = 'chunk/force-noun';
    const force = forceHead(tokens, to);
    if (
      force &&
      to - from <= 3 &&
      !NON_ACTOR_HEADS.has(force[1]) &&
      !isFirstName(first.text) &&
      !['group', 'party', 'front', 'community', 'communities', 'movement', 'opposition'].includes(force[1])
    ) {
      addParty(from, force[0], {
        kind: headKind(force[1]),
        name: `${chunkText} ${canonicalHead(force[1])}`,
        affiliation: null,
        head: force[1],
        knownAliases: [],
        reference: false,
      });
      return;
    }

    // "National Liberation Army (ELN)": the acronym in brackets after a party is that party.
    rule = 'chunk/bracketed-acronym';
    if (to - from === 1 && isAcronym(first) && tokens[from - 1]?.text === '(' && tokens[to]?.text === ')') {
      const before = [...out].reverse().find((m): m is PartyMention => m.type === 'party' && m.to === from - 1);
      if (before && before.name) {
        addParty(from, to, {
          kind: before.kind,
          name: before.name,
          affiliation: before.affiliation,
          head: before.head,
          knownAliases: [first.text],
          reference: false,
        });
        return;
      }
    }

    // Acronyms: organisations ("SDF", "YPG") unless a place.
    rule = 'chunk/acronym';
    if (to - from === 1 && isAcronym(first) && !NON_PARTY_ACRONYMS.has(first.text.replace(/\./g, ''))) {
      addParty(from, to, {
        kind: 'ORGANIZATION',
        name: first.text.replace(/\./g, ''),
        affiliation: null,
        head: null,
        knownAliases: [],
        reference: false,
      });
      return;
    }

    // Unknown name after a place preposition: a place the gazetteer lacks. Not after "on"
    // ("wrote on Telegram", "sanctions on Rosneft"), nor a name made of English words
    // ("Exercise Eager Lion", "to Counter ISIL").
    rule = 'chunk/after-place-preposition';
    const prev = tokens[from - 1];
    if (
      prev &&
      PLACE_PREPOSITIONS.has(prev.lower) &&
      !['of', 'by', 'with', 'against', 'on', 'via'].includes(prev.lower) &&
      (!mostlyEnglish(from, to) || isKnownPlace(chunkText)) &&
      !isUsed(to) &&
      tokens[from - 2]?.lower !== 'according' &&
      !isFirstName(first.text) &&
      !atSentenceStart(tokens, from) &&
      to - from <= 3 &&
      !isAcronym(first)
    ) {
      addPlaceSpan(from, to, chunkText, true);
      return;
    }
    rule = 'chunk/person-name';
    if (looksLikePersonName(from, to)) {
      const name = canonicalPersonName(chunkText);
      addParty(from, to, { kind: 'PERSON', name, affiliation: null, head: null, knownAliases: [], reference: false });
      const parts = name.split(/\s+/);
      if (parts.length > 1) ctx.surnames.set(foldName(parts[parts.length - 1]!), name);
      return;
    }

    // Multi-word names with an organisation word ("Counter-Daesh Coalition" handled by heads); else drop.
  }

  /** "The Defence Ministry" with no owner: the one named before, resolved by the registry, else a party of this name. */
  function addNamedReference(from: number, to: number, kind: PartyKind, name: string, head: string): void {
    const f = tokens[from - 1]?.lower === 'the' && !used[from - 1] ? from - 1 : from;
    out.push({
      type: 'party',
      sentence: sentence.index,
      from: f,
      to,
      ...span(f, to),
      kind,
      name,
      affiliation: null,
      head,
      knownAliases: [],
      reference: true,
      rule,
    });
    mark(f, to);
  }

  /**
   * "Russia's ...": the state owns what follows. A party after it ("Russia's Defence Ministry",
   * "Israel's Foreign Minister Israel Katz") takes it as owner; a place noun makes it a place
   * ("Russia's Kursk region", "Ukraine's east"); anything else makes it the acting state
   * ("Iraq's efforts", "Turkey's constitution").
   */
  function possessiveState(from: number, to: number, placeName: string, country: Country): void {
    const k = to + 1;
    const next = chunkList.find(([a]) => a === k);
    if (next && !used[k]) {
      const before = out.length;
      classifyChunk(next[0], next[1], { from, code: country.code, demonym: demonymOf(country.code) ?? country.name });
      const added = out.slice(before);
      if (added.some((m) => m.type === 'party' && m.from <= from)) return;
      if (added.some((m) => m.type === 'place')) {
        addPlace(from, to, placeName, false);
        return;
      }
    }
    let j = k;
    while (j < tokens.length && j < k + 3 && !tokens[j]!.cap && POSSESSIVE_PLACE_ADJECTIVES.has(tokens[j]!.lower)) j++;
    const noun = tokens[j];
    if (noun && !noun.cap && POSSESSIVE_PLACE_NOUNS.has(noun.lower)) {
      addPlace(from, to, placeName, false);
      return;
    }
    addParty(from, to, {
      kind: 'STATE',
      name: country.name,
      affiliation: country.code,
      head: null,
      knownAliases: [],
      reference: false,
    });
  }

  /** "the people of Iraq", "the government of Iraq": the country's own body or people ("Iraqi government"). */
  function stateOwned(from: number, to: number, country: Country): boolean {
    let k = from - 1;
    if (tokens[k]?.lower === 'the') k--;
    if (tokens[k]?.lower !== 'of' || used[k]) return false;
    const headAt = k - 1;
    const head = tokens[headAt];
    if (!head || head.cap || used[headAt] || !LOWER_HEAD_TRIE.next.has(tokenKey(head))) return false;
    const hit = longest(LOWER_HEAD_TRIE, tokens, headAt, k);
    if (!hit || hit[0] !== k || NON_ACTOR_HEADS.has(hit[1])) return false;
    const start = tokens[headAt - 1]?.lower === 'the' && !used[headAt - 1] ? headAt - 1 : headAt;
    const demonym = demonymOf(country.code) ?? country.name;
    addParty(start, to, {
      kind: headKind(hit[1]),
      name: `${demonym} ${canonicalHead(hit[1])}`,
      affiliation: country.code,
      head: hit[1],
      knownAliases: [],
      reference: false,
    });
    return true;
  }

  function addOrganisation(from: number, headFrom: number, to: number, head: string): void {
    const qualifier = text.slice(tokens[from]!.start, tokens[headFrom - 1]!.end);
    const ofExt = extendOwner(to);
    if (ofExt && !resolveDemonymToken(from, headFrom)) {
      addOwned(from, ofExt.end, ofExt.owner, ofExt.ownerFrom, ofExt.ownerTo, head, qualifier);
      return;
    }
    const demonym = headFrom - from === 1 ? resolveDemonymToken(from, headFrom) : qualifierDemonym(from, headFrom);
    const headText = text.slice(tokens[headFrom]!.start, tokens[to - 1]!.end);
    if (demonym && demonym.exact) {
      addParty(from, to, {
        kind: headKind(head),
        name: `${demonym.demonym} ${canonicalHead(headText)}`,
        affiliation: demonym.code ?? demonym.demonym,
        head,
        knownAliases: [],
        reference: false,
      });
      return;
    }
    const placeName = placeNameOf(from, headFrom);
    if (placeName) {
      const country = countryOfName(placeName);
      const owner = country ? (demonymOf(country.code) ?? placeName) : placeName;
      addParty(from, to, {
        kind: headKind(head),
        name: `${owner} ${canonicalHead(headText)}`,
        affiliation: country?.code ?? countryCodeOfPlace(placeName) ?? placeName,
        head,
        knownAliases: [],
        reference: false,
      });
      // "Kharkiv Regional Administration", "Mansfield Police Department": the town is mentioned too.
      if (!country)
        out.push({
          type: 'place',
          sentence: sentence.index,
          from,
          to: headFrom,
          ...span(from, headFrom),
          name: placeName,
          patternOnly: false,
          rule,
        });
      return;
    }
    addParty(from, to, {
      kind: headKind(head),
      name: normaliseWords(text.slice(tokens[from]!.start, tokens[to - 1]!.end)),
      affiliation: demonym?.code ?? null,
      head,
      knownAliases: [],
      reference: false,
    });
  }

  /** "Defense Ministry of <the unrecognized region of> Nagorno Karabakh" → "Nagorno Karabakh Defense Ministry". */
  function addOwned(
    from: number,
    end: number,
    owner: string,
    ownerFrom: number,
    ownerTo: number,
    head: string,
    qualifier?: string,
  ): void {
    const country = countryOfName(owner);
    const demonym = resolveDemonymToken(ownerFrom, ownerTo);
    const ownerName = demonym?.demonym ?? (country ? (demonymOf(country.code) ?? owner) : owner);
    const headWords = qualifier ? `${qualifier} ${head}` : head;
    const subject =
      MINISTRY_SUBJECTS[
        foldName(text.slice(tokens[from]!.start, tokens[end - 1]!.end))
          .replace(/^.*?ministry of /, '')
          .replace(/ of .*$/, '')
      ];
    const headName = subject && head === 'ministry' && !qualifier ? `${subject} Ministry` : canonicalHead(headWords);
    addParty(from, end, {
      kind: headKind(head),
      name: `${ownerName} ${headName}`,
      affiliation: demonym?.code ?? country?.code ?? owner,
      head,
      knownAliases: [],
      reference: false,
    });
    // A region or city that owns a body is still a place mention; a country is the party's affiliation.
    if (!demonym && !country)
      out.push({
        type: 'place',
        sentence: sentence.index,
        from: ownerFrom,
        to: ownerTo,
        ...span(ownerFrom, ownerTo),
        name: owner,
        patternOnly: !isKnownPlace(owner),
        rule,
      });
  }

  /** After a head: "of [the] [up to 4 lower-case words] [of] <Place>" (the owner). */
  function extendOwner(to: number): { end: number; owner: string; ownerFrom: number; ownerTo: number } | null {
    if (tokens[to]?.lower !== 'of') return null;
    let j = to + 1;
    // "Ministry of Defense of Russia": skip the ministry's subject first.
    const subjectEnd = ministrySubjectEnd(j);
    if (subjectEnd > j) {
      if (tokens[subjectEnd]?.lower !== 'of') return null;
      j = subjectEnd + 1;
    }
    let skipped = 0;
    while (
      j < tokens.length &&
      skipped < 6 &&
      !tokens[j]!.cap &&
      tokens[j]!.kind === 'word' &&
      !CUE_FORMS.has(tokens[j]!.lower)
    ) {
      j++;
      skipped++;
    }
    if (j >= tokens.length || !tokens[j]!.cap) return null;
    let k = j;
    while (k < tokens.length && isNameToken(tokens[k]!) && !used[k]) k++;
    if (k === j) return null;
    const owner = text.slice(tokens[j]!.start, tokens[k - 1]!.end);
    if (
      !isKnownPlace(owner) &&
      !resolveDemonymToken(j, k) &&
      !/\b(?:region|republic|state|province)\b/i.test(text.slice(tokens[to]!.start, tokens[j]!.start))
    )
      return null;
    return { end: k, owner: stripPlaceType(owner), ownerFrom: j, ownerTo: k };
  }

  function ministrySubjectEnd(j: number): number {
    let best = j;
    for (let k = j + 1; k <= Math.min(tokens.length, j + 3); k++) {
      const phrase = foldName(text.slice(tokens[j]!.start, tokens[k - 1]!.end));
      if (MINISTRY_SUBJECTS[phrase] && tokens[j]!.cap) best = k;
    }
    return best;
  }

  /** "Syrian Democratic Forces": a leading demonym gives the affiliation, not the name. */
  function qualifierDemonym(from: number, _to: number) {
    return resolveDemonymToken(from, from + 1) ? { ...resolveDemonymToken(from, from + 1)!, exact: false } : null;
  }

  function qualifierAffiliation(from: number, to: number): string | null {
    const d = resolveDemonymToken(from, to) ?? resolveDemonymToken(from, from + 1);
    if (d?.code) return d.code;
    const q = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    const known = longest(KNOWN_TRIE, tokens, from, to);
    if (known && known[0] === to) return known[1].party.affiliation ?? known[1].party.name;
    const country = countryOfName(q);
    return country?.code ?? null;
  }

  function qualifierName(from: number, to: number): string | null {
    const d = resolveDemonymToken(from, to);
    if (d) return d.demonym;
    const country = countryOfName(text.slice(tokens[from]!.start, tokens[to - 1]!.end));
    return country ? demonymOf(country.code) : null;
  }

  function resolveDemonymToken(from: number, to: number) {
    if (to <= from) return null;
    const phrase = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    const key = foldName(phrase);
    if (STATELESS_DEMONYMS.has(key)) return null;
    const r = resolveDemonym(phrase);
    if (!r) return null;
    return { ...r, exact: true };
  }

  function placeNameOf(from: number, to: number): string | null {
    const chunkText = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    // An acronym is a place only as a known place acronym ("UAE", "DRC"): "(ELN)" is an armed group, not a village.
    if (to - from === 1 && /^[A-Z]{2,6}$/.test(chunkText) && !isPlaceAcronym(chunkText)) return null;
    if (to - from === 1 && isCommonWord(tokens[from]!.text) && !tokens[from]!.text.match(/^[A-Z]{2,}$/)) return null;
    if (to - from === 1 && isFirstName(tokens[from]!.text) && !isKnownCountryOrCapital(chunkText)) return null;
    if (isKnownPlace(chunkText)) return stripPlaceType(chunkText);
    // "East Mosul", "Northern Gaza": a compass word before a known place the gazetteer lacks as a whole.
    if (to - from >= 2 && DIRECTIONS.has(tokens[from]!.lower) && tokens[from]!.cap) {
      const rest = text.slice(tokens[from + 1]!.start, tokens[to - 1]!.end);
      if (isKnownPlace(rest) && !countryOfName(rest)) return stripPlaceType(rest);
    }
    return null;
  }

  /**
   * A place mention with the words that belong to its span: the division it names ("the eastern
   * Donetsk region": name "Donetsk region"), a country or region that qualifies it ("Mosul, Iraq",
   * "Washington, D.C."), the phrase that introduces it ("the Iraqi city of Mosul", "the village
   * of X") and a compass adjective ("northern Syria"). The name stays the place's own.
   */
  function addPlaceSpan(from: number, to: number, name: string, patternOnly: boolean): void {
    let f = from;
    let t = to;
    let n = name;
    const next = tokens[t];
    if (next && !next.cap && !used[t] && DIVISION_WORDS.has(next.lower) && !DIVISION_WORDS.has(tokens[t - 1]!.lower)) {
      n = `${n} ${next.text}`;
      t++;
    } else if (next?.text === ',' && !countryOfName(name)) {
      const q = qualifierEnd(t + 1, name);
      if (q) t = q;
    }
    const prev = tokens[f - 1];
    if (prev?.lower === 'of' && !used[f - 1]) {
      let k = f - 2;
      if (tokens[k] && !tokens[k]!.cap && !used[k] && INTRODUCING_TYPES.has(tokens[k]!.lower)) {
        const typeAt = k;
        k--;
        // "the Iraqi city of", "the northwest province of", "the mining town of": modifiers back to the article.
        while (
          k >= 0 &&
          typeAt - k < 4 &&
          !used[k] &&
          tokens[k]!.kind === 'word' &&
          !NP_STOP.has(tokens[k]!.lower) &&
          !/^(?:the|a|an)$/.test(tokens[k]!.lower) &&
          (!tokens[k]!.cap || resolveDemonymToken(k, k + 1))
        )
          k--;
        f = k >= 0 && !used[k] && /^(?:the|a|an)$/.test(tokens[k]!.lower) ? k : typeAt;
      }
    } else if (
      prev &&
      !prev.cap &&
      !used[f - 1] &&
      DIRECTIONS.has(prev.lower) &&
      !['upper', 'lower', 'greater'].includes(prev.lower)
    ) {
      f--;
    }
    addPlace(f, t, n, patternOnly);
  }

  /** ", Iraq" after a place: the end of the qualifier, when it is a country or region and not a list. */
  function qualifierEnd(k: number, base: string): number | null {
    let e = k;
    while (e < tokens.length && isNameToken(tokens[e]!) && !used[e] && e < k + 4) e++;
    if (e === k) return null;
    const after = tokens[e];
    if (
      after &&
      (after.lower === 'and' ||
        after.lower === 'or' ||
        (after.text === ',' && (tokens[e + 1]?.lower === 'and' || tokens[e + 1]?.cap)))
    )
      return null;
    const q = text.slice(tokens[k]!.start, tokens[e - 1]!.end);
    return qualifiesPlace(base, q) ? e : null;
  }

  /** A name made mostly of English words ("Exercise Eager Lion", "Next Isolation Phase"): a title, not a place. */
  function mostlyEnglish(from: number, to: number): boolean {
    const common = tokens.slice(from, to).filter((t) => isCommonWord(t.text)).length;
    return to - from === 1 ? common === 1 : common * 2 > to - from;
  }

  function placeByPattern(from: number, to: number): string | null {
    const chunkText = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    const prev = tokens[from - 1];
    const prev2 = tokens[from - 2];
    // "the city of X", "the village of X"
    if (prev?.lower === 'of' && prev2 && PLACE_TYPES.has(prev2.lower)) return chunkText;
    // "X province", "X axis"
    const next = tokens[to];
    if (
      next &&
      PLACE_TYPES.has(next.lower) &&
      !next.cap &&
      !['state', 'republic', 'department', 'border', 'base', 'road', 'highway', 'front'].includes(next.lower)
    )
      return chunkText;
    // Last word of the chunk is a place type or a facility: "Idlib Province", "Tabqa Dam", "Ishtar Gate"
    const last = tokens[to - 1]!.lower;
    if (
      to - from >= 2 &&
      (PLACE_TYPES.has(last) || (FACILITY_WORDS.has(last) && !isFirstName(tokens[from]!.text))) &&
      !['state', 'republic', 'department', 'front'].includes(last)
    )
      return chunkText;
    // First word: "Camp Hurriya", "Fort Campbell", "Mount Hermon"
    if (to - from >= 2 && LEADING_PLACE_WORDS.has(tokens[from]!.lower)) return chunkText;
    // Lists before a place-type head: "the A, B and C axes"
    if (inPlaceList(to)) return chunkText;
    return null;
  }

  /** Three or more countries in a row act together ("Australia, Canada, France and Jordan conducted ..."). */
  function inCountryList(from: number, to: number): boolean {
    const isCountry = (a: number, b: number) =>
      b > a && isNameToken(tokens[a]!) && !!countryOfName(text.slice(tokens[a]!.start, tokens[b - 1]!.end));
    const isSep = (t: Token | undefined) => !!t && (t.text === ',' || t.lower === 'and');
    let count = 1;
    // Forward: ", B", ", and the C".
    for (let k = to; isSep(tokens[k]); ) {
      let a = k + 1;
      if (tokens[a]?.lower === 'and') a++;
      if (tokens[a]?.lower === 'the') a++;
      let b = a;
      while (tokens[b] && isNameToken(tokens[b]!)) b++;
      if (!isCountry(a, b)) break;
      count++;
      k = b;
    }
    // Backward: "A, the B, " before this one.
    let k = tokens[from - 1]?.lower === 'the' ? from - 2 : from - 1;
    while (isSep(tokens[k])) {
      let b = k;
      if (tokens[k]!.lower === 'and' && tokens[k - 1]?.text === ',') b--;
      let a = b;
      while (a > 0 && isNameToken(tokens[a - 1]!)) a--;
      if (!isCountry(a, b)) break;
      count++;
      k = tokens[a - 1]?.lower === 'the' ? a - 2 : a - 1;
    }
    return count >= 3;
  }

  function inPlaceList(to: number): boolean {
    let j = to;
    while (j < tokens.length) {
      const t = tokens[j]!;
      if (t.text === ',' || t.lower === 'and' || t.lower === 'or') {
        j++;
        while (j < tokens.length && isNameToken(tokens[j]!)) j++;
        continue;
      }
      return PLACE_LIST_HEADS.has(t.lower) && !t.cap;
    }
    return false;
  }

  function looksLikePersonName(from: number, to: number): boolean {
    const n = to - from;
    if (n < 2 || n > 4) return false;
    const words = tokens.slice(from, to);
    if (words.some((w) => isAcronym(w) && !/^[A-Z]\.$/.test(w.text))) return false;
    // An institution is never a person ("Ministry of Defence", "Security Council").
    if (words.some((w) => INSTITUTION_WORDS.has(w.lower))) return false;
    // "The army's spokesman, Nabil Abdallah, told ...": a name set off after a role.
    const before = tokens[from - 2];
    if (
      tokens[from - 1]?.text === ',' &&
      before &&
      !before.cap &&
      (PERSON_ROLE_WORDS.has(before.lower) || PERSON_TITLES.has(before.lower)) &&
      (tokens[to]?.text === ',' || CUE_FORMS.has(tokens[to]?.lower ?? ''))
    )
      return true;
    if (atSentenceStart(tokens, from) && isCommonWord(words[0]!.text) && !isFirstName(words[0]!.text)) return false;
    if (isFirstName(words[0]!.text) || isLastName(words[n - 1]!.text)) return true;
    const next = tokens[to];
    return (
      !!next &&
      (CUE_FORMS.has(next.lower) ||
        (next.text === ',' && !!tokens[to + 1] && /^(?:a|an|the)$/.test(tokens[to + 1]!.lower)))
    );
  }
}

interface Owner {
  /** Token where the possessive owner starts. */
  from: number;
  code: string;
  demonym: string;
}

function isPossessiveMark(t: Token | undefined, prev?: Token): boolean {
  if (!t) return false;
  if (/^['’]s$/.test(t.text)) return true;
  // "the United States’ message"
  return /^['’]$/.test(t.text) && !!prev && prev.end === t.start && /s$/.test(prev.text);
}

/** The subject of a reporting verb: "Kyiv denied", "Moscow has repeatedly said", "a claim Kyiv denied". */
function isSpeakerPosition(tokens: Token[], from: number, to: number): boolean {
  const prev = tokens[from - 1];
  if (prev && (PLACE_PREPOSITIONS.has(prev.lower) || prev.lower === 'by')) return false;
  let k = to;
  while (tokens[k] && (CUE_AUXILIARIES.has(tokens[k]!.lower) || /ly$/.test(tokens[k]!.lower)) && k < to + 3) k++;
  const verb = tokens[k];
  return (
    !!verb &&
    !verb.cap &&
    (CUE_FORMS.has(verb.lower) || STATE_OBJECT_VERBS.has(verb.lower) || SEAT_VERBS.has(verb.lower)) &&
    !/ing$/.test(verb.lower)
  );
}

/** Chunks of capitalised tokens not yet used, joined across "of"/"for" after a head noun and name particles. */
function chunks(tokens: Token[], used: boolean[]): [number, number][] {
  const result: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (used[i] || !isNameToken(tokens[i]!) || !canStartChunk(tokens, i) || isShortMonth(tokens, i)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      const t = tokens[j];
      if (!t || used[j]) break;
      if ((isNameToken(t) && !isShortMonth(tokens, j)) || (/^\d+(?:st|nd|rd|th)$/.test(t.text) && tokens[j + 1]?.cap)) {
        j++;
        continue;
      }
      const after = tokens[j + 1];
      // "Ministry of Defense", "Secretary of State", "Envoy for the Global Coalition"
      if (CONNECTORS_AFTER_HEAD.has(t.lower) && after && !used[j + 1]) {
        const prevKey = tokenKey(tokens[j - 1]!);
        const isHead = HEAD_KEYS.has(prevKey) || TITLE_KEYS.has(prevKey);
        const nextIdx = after.lower === 'the' ? j + 2 : j + 1;
        const nxt = tokens[nextIdx];
        if (isHead && nxt && nxt.cap && !used[nextIdx] && !DATE_WORDS.has(nxt.lower)) {
          j = nextIdx + 1;
          continue;
        }
      }
      // "Abu Bakr al-Baghdadi", "Haider al Abadi"
      if (NAME_PARTICLES.has(t.lower) && after?.cap && !used[j + 1]) {
        j += 2;
        continue;
      }
      break;
    }
    result.push([i, j]);
    i = j;
  }
  return result;
}

const HEAD_KEYS = new Set(
  [
    ...GOVERNMENT_HEADS,
    ...ARMED_FORCE_HEADS,
    ...ORGANIZATION_HEADS,
    'state',
    'republic',
    'kingdom',
    'bank',
    'university',
    'office',
    'coalition',
    'minister',
    'ministry',
    'department',
    'secretary',
    'envoy',
    'director',
    'commissioner',
    'advisor',
    'adviser',
    'general',
    'president',
    'chief',
    'head',
    'representative',
  ].map((h) => h.split(' ').pop()!),
);
const TITLE_KEYS = new Set([...PERSON_TITLES].map((h) => h.split(' ').pop()!));

function canStartChunk(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (!atSentenceStart(tokens, i)) return true;
  if (!isCommonWord(t.text)) return true;
  // Sentence-initial titles and heads do start names: "President Ilham Aliyev said".
  const next = tokens[i + 1];
  if (!next?.cap) return false;
  return PERSON_TITLES.has(t.lower) || HEAD_KEYS.has(t.lower) || DIRECTIONS.has(t.lower);
}

/** Title words inside a chunk; the name is what follows the last title. */
function splitTitle(
  tokens: Token[],
  from: number,
  to: number,
): { titleFrom: number; titleTo: number; title: string } | null {
  let found: { titleFrom: number; titleTo: number; title: string } | null = null;
  for (let i = from; i < to; i++) {
    const hit = longest(TITLE_TRIE, tokens, i, to);
    if (!hit) continue;
    const [end, title] = hit;
    // Extend over stacked titles: "Lt. Gen.", "Deputy Secretary of State".
    if (found && found.titleTo === i) found = { titleFrom: found.titleFrom, titleTo: end, title };
    else if (!found) found = { titleFrom: i, titleTo: end, title };
    else found = { titleFrom: i, titleTo: end, title };
    i = end - 1;
  }
  if (!found) return null;
  // "Defense Ministry", "Security Council": a head after the title makes it an organisation.
  const headAfter = endingAt(HEAD_TRIE, tokens, found.titleFrom, to);
  if (
    headAfter &&
    (found.titleTo === to ? headAfter[0] >= found.titleFrom && !PERSON_TITLES.has(headAfter[1]) : true) &&
    !PERSON_TITLES.has(headAfter[1])
  )
    return null;
  // Name tokens after the title must look like a name, not another head ("President Trump", not "President Office").
  return found;
}

function canonicalPersonName(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .replace(/[,;:]+$/, '')
    .trim();
}

/** Lower-case party nouns after a demonym or place: "forces", "defense ministry". */
function extendLowerHead(tokens: Token[], to: number): [number, string] | null {
  const t = tokens[to];
  if (!t || t.cap) return null;
  // "Kurdistan regional government", "Gaza interim authorities"
  if (BODY_ADJECTIVES.has(t.lower)) {
    const after = longest(LOWER_HEAD_TRIE, tokens, to + 1);
    if (after && GOVERNMENT_HEADS.has(after[1])) return [after[0], `${t.lower} ${after[1]}`];
  }
  const hit = longest(LOWER_HEAD_TRIE, tokens, to);
  if (!hit) return null;
  // "forces loyal to", fine; "forces" then a capitalised name ("forces Commander X") is not ours to judge.
  return hit;
}

function isVerbAfterSubject(t: Token): boolean {
  return (
    /(?:ed|s)$/.test(t.lower) ||
    [
      'has',
      'have',
      'had',
      'is',
      'was',
      'were',
      'are',
      'will',
      'would',
      'also',
      'later',
      'could',
      'can',
      'did',
      'does',
      'may',
      'might',
      'must',
      'should',
    ].includes(t.lower)
  );
}

/** Subject of a clause: a state acting ("Azerbaijan said", "Israel has launched"), not a place. */
function isActorPosition(tokens: Token[], from: number, to: number): boolean {
  const prev = tokens[from - 1];
  if (
    prev &&
    ((DIRECTIONS.has(prev.lower) && !prev.cap) ||
      PLACE_PREPOSITIONS.has(prev.lower) ||
      prev.lower === 'by' ||
      (prev.lower === 'and' && tokens[from - 2] && PLACE_PREPOSITIONS.has(tokens[from - 2]!.lower)))
  )
    return false;
  const next = tokens[to];
  if (!next) return false;
  if (CUE_FORMS.has(next.lower)) return true;
  let k = to;
  while (tokens[k] && /ly$/.test(tokens[k]!.lower) && tokens[k]!.kind === 'word') k++;
  const verb = tokens[k];
  if (!verb || verb.cap) return false;
  if (
    [
      'has',
      'have',
      'had',
      'will',
      'would',
      'is',
      'was',
      'remains',
      'continues',
      'must',
      'should',
      'can',
      'could',
    ].includes(verb.lower)
  )
    return true;
  if (!isVerbForm(verb.text) || /ing$/.test(verb.lower)) return false;
  if (!isCommonNoun(verb.text)) return true;
  // A verb that is also a noun ("stands", "backed") is a verb when a preposition or article follows.
  return (
    /(?:s|ed)$/.test(verb.lower) &&
    /^(?:with|by|to|for|that|the|a|an|its|their|behind|against|ready|firmly)$/.test(tokens[k + 1]?.lower ?? '')
  );
}

/**
 * A country named as an actor rather than a place, where no verb follows it: the object of a
 * verb of support, attack or persuasion ("support Iraq", "attack the United States"), after
 * "with"/"between"/"against", in apposition ("our ally Turkey"), before "to" and a verb ("for
 * Iraq to obtain"), or the first of two subjects ("the United States and Iraq signed").
 */
function isStateActor(tokens: Token[], from: number, to: number): boolean {
  let p = from - 1;
  if (tokens[p]?.lower === 'the') p--;
  const prev = tokens[p];
  // "central Iran", "northern Syria": a part of the country is a place.
  if (prev && !prev.cap && DIRECTIONS.has(prev.lower)) return false;
  if (prev && !prev.cap) {
    // "the border with Iran", "the frontier between Syria and Turkey" are places.
    const companion =
      STATE_COMPANION_PREPOSITIONS.has(prev.lower) && !POSSESSIVE_PLACE_NOUNS.has(tokens[p - 1]?.lower ?? '');
    if (companion || STATE_APPOSITION_NOUNS.has(prev.lower) || STATE_OBJECT_VERBS.has(prev.lower)) return true;
    if (PLACE_PREPOSITIONS.has(prev.lower) || prev.lower === 'by') return false;
  }
  const next = tokens[to];
  if (!next) return false;
  if (
    next.lower === 'to' &&
    tokens[to + 1] &&
    !tokens[to + 1]!.cap &&
    isVerbForm(tokens[to + 1]!.text) &&
    !isCommonNoun(tokens[to + 1]!.text)
  )
    return true;
  // "the United States and Iraq signed": the second subject's verb decides for both.
  if (next.lower === 'and' && !(prev && PLACE_PREPOSITIONS.has(prev.lower))) {
    let k = to + 1;
    if (tokens[k]?.lower === 'the') k++;
    const a = k;
    while (tokens[k] && tokens[k]!.cap) k++;
    if (k > a && isActorPosition(tokens, a, k)) return true;
  }
  return false;
}

function isKnownCountryOrCapital(name: string): boolean {
  return countryOfName(name) !== null;
}

function stripPlaceType(name: string): string {
  const stripped = name.replace(
    /\s+(?:region|province|governorate|oblast|district|city|town|village|area|county|municipality|axis|front|direction|sector|Region|Province|Governorate|Oblast|District|City|Town|Village|Area|County|Municipality)$/u,
    '',
  );
  return stripped || name;
}
