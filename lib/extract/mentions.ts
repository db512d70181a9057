/**
 * Mentions of parties and places in one sentence, by rules over capitalised chunks and
 * lexicons: titles before names, head nouns after demonyms, "the city of X", gazetteer names.
 * The output is raw mentions; parties.ts merges them into parties and resolves references.
 */
import { foldName } from '../names.js';
import type { PartyKind } from './types.js';
import type { Sentence } from './sentences.js';
import type { Token } from './tokens.js';
import { tokenize } from './tokens.js';
import { isCommonNoun, isCommonWord, isFirstName, isLastName, isVerbForm } from './wordclass.js';
import { countryCodeOfPlace, countryOfName, demonymOf, isKnownPlace, resolveDemonym } from './geo.js';
import { KNOWN_PARTIES, STATELESS_DEMONYMS, MINISTRY_SUBJECTS, NAME_NORMALISATION, type KnownParty } from './lexicon/parties.js';
import {
  PERSON_TITLES, GOVERNMENT_HEADS, ARMED_FORCE_HEADS, GROUP_HEADS, ORGANIZATION_HEADS, MEDIA_HEADS,
  DEMONYM_LOWER_HEADS, NON_ACTOR_HEADS, PLACE_TYPES, PLACE_LIST_HEADS, DIRECTIONS, PLACE_PREPOSITIONS,
  PERSON_ROLE_WORDS,
} from './lexicon/roles.js';
import { CUE_FORMS } from './cues.js';
import { NON_PARTY_ACRONYMS } from './lexicon/words.js';

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
    if (!child) node.next.set(w, (child = { next: new Map() }));
    node = child;
  }
  if (node.value === undefined) node.value = value;
}

function phraseWords(phrase: string): string[] {
  return tokenize(phrase).filter((t) => t.kind !== 'punct' || t.text === '’s' || t.text === "'s").map((t) => tokenKey(t));
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

const TITLE_TRIE = buildSetTrie(PERSON_TITLES);
const HEAD_TRIE = buildSetTrie([...GOVERNMENT_HEADS, ...ARMED_FORCE_HEADS, ...GROUP_HEADS, ...ORGANIZATION_HEADS, ...MEDIA_HEADS]);
const LOWER_HEAD_TRIE = buildSetTrie(DEMONYM_LOWER_HEADS);

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

const CONNECTORS_AFTER_HEAD = new Set(['of', 'for']);
const NAME_PARTICLES = new Set(['al', 'el', 'bin', 'ibn', 'abu', 'van', 'von', 'de', 'da', 'del', 'der', 'la', 'le', 'du', 'dos', 'das']);
const DATE_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.',
]);
const NEVER_NAMES = new Set(['i', 'i’m', "i'm", 'ok', 'tv', 'am', 'pm', 'a.m.', 'p.m.']);
const QUOTE_OR_BRACKET = /^["“‘'(\[«—–-]$/;

function isAcronym(t: Token): boolean {
  return /^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&-]{1,6}$/.test(t.text);
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
  return /ministry|council|command|office|department|agency|service|staff|parliament|embassy|cabinet|presidency|guard|assembly|committee|commission/i.test(head)
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
  const mark = (from: number, to: number) => {
    for (let k = from; k < to; k++) used[k] = true;
  };
  const span = (from: number, to: number) => ({ start: tokens[from]!.start, end: tokens[to - 1]!.end });

  const addParty = (from: number, to: number, p: Omit<PartyMention, 'type' | 'sentence' | 'from' | 'to' | 'start' | 'end'>) => {
    // Organisations take their article ("the Defense Ministry of ..."); people do not.
    let f = from;
    const prev = tokens[f - 1];
    if (p.kind !== 'PERSON' && prev && (prev.lower === 'the') && !used[f - 1]) f -= 1;
    out.push({ type: 'party', sentence: sentence.index, from: f, to, ...span(f, to), ...p });
    mark(f, to);
  };
  const addPlace = (from: number, to: number, name: string, patternOnly: boolean) => {
    out.push({ type: 'place', sentence: sentence.index, from, to, ...span(from, to), name, patternOnly });
    mark(from, to);
  };

  // 1. Known parties from the lexicon (longest match, case rules for acronyms).
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
  for (const [from, to] of chunks(tokens, used)) if (!used[from]) classifyChunk(from, to);

  // 3. Lower-case references ("the ministry", "the president") and place patterns with no capital chunk.
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const t = tokens[i]!;
    if (t.lower !== 'the' && t.lower !== 'this' && t.lower !== 'that') continue;
    const hit = longest(HEAD_TRIE, tokens, i + 1) ?? longest(TITLE_TRIE, tokens, i + 1);
    if (!hit) continue;
    const [end, head] = hit;
    if (tokens.slice(i + 1, end).some((x, k) => used[i + 1 + k] || x.cap)) continue;
    const after = tokens[end];
    if (after && (after.lower === 'of' || after.lower === "'s" || after.lower === '’s' || after.kind === 'word' && !CUE_FORMS.has(after.lower) && /^[a-z]/.test(after.text) && !isVerbAfterSubject(after))) continue;
    if (!PERSON_ROLE_WORDS.has(head) && headKind(head) === 'ORGANIZATION' && !['group', 'coalition', 'alliance', 'organization', 'organisation'].includes(head)) continue;
    out.push({
      type: 'party', sentence: sentence.index, from: i, to: end, ...span(i, end),
      kind: PERSON_ROLE_WORDS.has(head.split(' ').pop()!) && headKind(head) === 'PERSON' ? 'PERSON' : headKind(head),
      name: '', affiliation: null, head, knownAliases: [], reference: true,
    });
    mark(i, end);
  }

  return out.sort((a, b) => a.start - b.start);

  // -------------------------------------------------------------------------------------------

  function classifyChunk(from: number, to: number): void {
    const chunkText = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    const first = tokens[from]!;

    // Person: [qualifier] Title Name ("Azerbaijani President Ilham Aliyev", "Lt. Gen. Stephen J. Townsend").
    const person = splitTitle(tokens, from, to);
    if (person) {
      const { titleFrom, titleTo, title } = person;
      const affiliation = titleFrom > from ? qualifierAffiliation(from, titleFrom) : null;
      if (titleTo < to) {
        const name = text.slice(tokens[titleTo]!.start, tokens[to - 1]!.end);
        addParty(from, to, { kind: 'PERSON', name: canonicalPersonName(name), affiliation, head: title, knownAliases: [], reference: false });
        const parts = name.split(/\s+/);
        if (parts.length > 1) ctx.surnames.set(foldName(parts[parts.length - 1]!), canonicalPersonName(name));
        return;
      }
      // A title with no name: a role ("Azerbaijani President", "U.S. Secretary of State").
      const qualifier = titleFrom > from ? text.slice(tokens[from]!.start, tokens[titleFrom - 1]!.end) : '';
      addParty(from, to, {
        kind: 'PERSON',
        name: qualifier ? `${qualifierName(from, titleFrom) ?? qualifier} ${titleCase(title)}` : '',
        affiliation, head: title, knownAliases: [], reference: !qualifier,
      });
      return;
    }

    // A surname of a person named earlier in the article ("Davis" after "Capt. Jeff Davis").
    const surname = to - from === 1 ? ctx.surnames.get(foldName(first.text)) : undefined;
    if (surname) {
      addParty(from, to, { kind: 'PERSON', name: surname, affiliation: null, head: null, knownAliases: [], reference: false });
      return;
    }

    // Organisation by head noun: "Armenian Defense Ministry", "Syrian Democratic Forces", "Baku government".
    const headHit = endingAt(HEAD_TRIE, tokens, from, to);
    const lowerExt = extendLowerHead(tokens, to);
    if (headHit && headHit[0] > from) {
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
    }
    if (headHit && headHit[0] === from) {
      // Head first: "Ministry of Defense of Russia", or a bare "Ministry".
      const ofExt = extendOwner(to);
      const subject = MINISTRY_SUBJECTS[foldName(text.slice(tokens[from + 1 < to ? from + 1 : from]!.start, tokens[to - 1]!.end)).replace(/^of /, '')];
      if (ofExt) {
        addOwned(from, ofExt.end, ofExt.owner, ofExt.ownerFrom, ofExt.ownerTo, headHit[1]);
        return;
      }
      if (to - from === 1 && !atSentenceStart(tokens, from)) {
        out.push({ type: 'party', sentence: sentence.index, from, to, ...span(from, to), kind: headKind(headHit[1]), name: '', affiliation: null, head: headHit[1], knownAliases: [], reference: true });
        mark(from, to);
        return;
      }
      if (subject) {
        addParty(from, to, { kind: 'GOVERNMENT_BODY', name: `${subject} Ministry`, affiliation: null, head: 'ministry', knownAliases: [], reference: false });
        return;
      }
    }

    // Demonym-led: "Azerbaijani forces", "Israeli officials", "Azeris".
    const demonym = resolveDemonymToken(from, to);
    if (demonym) {
      if (lowerExt) {
        const head = lowerExt[1];
        if (NON_ACTOR_HEADS.has(head)) return;
        addParty(from, lowerExt[0], {
          kind: headKind(head), name: `${demonym.demonym} ${canonicalHead(head)}`,
          affiliation: demonym.code ?? demonym.demonym, head, knownAliases: [], reference: false,
        });
        return;
      }
      if (demonym.plural) {
        addParty(from, to, { kind: 'GROUP', name: `${titleCase(first.lower)}`, affiliation: demonym.code, head: null, knownAliases: [], reference: false });
        return;
      }
      return; // an adjective: "Armenian sites"
    }

    // Places known to the gazetteer, or by pattern.
    const placeName = placeNameOf(from, to);
    if (placeName) {
      const country = countryOfName(placeName);
      // Country (or capital) + party noun: "Azerbaijan's defense ministry", "the Baku government".
      const possessiveHead = tokens[to]?.text.match(/^['’]s$/) ? extendLowerHead(tokens, to + 1) : null;
      const headExt = lowerExt ?? possessiveHead;
      if (headExt && !NON_ACTOR_HEADS.has(headExt[1])) {
        const owner = country ? demonymOf(country.code) ?? placeName : placeName;
        const code = country?.code ?? countryCodeOfPlace(placeName);
        addParty(from, headExt[0], { kind: headKind(headExt[1]), name: `${owner} ${canonicalHead(headExt[1])}`, affiliation: code ?? placeName, head: headExt[1], knownAliases: [], reference: false });
        // A city is mentioned too ("the Baku government" names Baku); a country is the affiliation.
        if (!country) out.push({ type: 'place', sentence: sentence.index, from, to, ...span(from, to), name: placeName, patternOnly: false });
        return;
      }
      if (country && (isActorPosition(tokens, from, to) || inCountryList(from, to))) {
        addParty(from, to, { kind: 'STATE', name: country.name, affiliation: country.code, head: null, knownAliases: [], reference: false });
        return;
      }
      addPlace(from, to, placeName, false);
      return;
    }
    const patterned = placeByPattern(from, to);
    if (patterned) {
      addPlace(from, to, patterned, true);
      return;
    }

    // Acronyms: organisations ("SDF", "YPG") unless a place.
    if (to - from === 1 && isAcronym(first) && !NON_PARTY_ACRONYMS.has(first.text.replace(/\./g, ''))) {
      addParty(from, to, { kind: 'ORGANIZATION', name: first.text.replace(/\./g, ''), affiliation: null, head: null, knownAliases: [], reference: false });
      return;
    }

    // Unknown name after a place preposition: a place the gazetteer lacks.
    const prev = tokens[from - 1];
    if (prev && PLACE_PREPOSITIONS.has(prev.lower) && !['of', 'by', 'with', 'against'].includes(prev.lower) && tokens[from - 2]?.lower !== 'according' && !isFirstName(first.text) && !atSentenceStart(tokens, from) && to - from <= 3 && !isAcronym(first)) {
      addPlace(from, to, chunkText, true);
      return;
    }
    if (looksLikePersonName(from, to)) {
      const name = canonicalPersonName(chunkText);
      addParty(from, to, { kind: 'PERSON', name, affiliation: null, head: null, knownAliases: [], reference: false });
      const parts = name.split(/\s+/);
      if (parts.length > 1) ctx.surnames.set(foldName(parts[parts.length - 1]!), name);
      return;
    }

    // Multi-word names with an organisation word ("Counter-Daesh Coalition" handled by heads); else drop.
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
      addParty(from, to, { kind: headKind(head), name: `${demonym.demonym} ${canonicalHead(headText)}`, affiliation: demonym.code ?? demonym.demonym, head, knownAliases: [], reference: false });
      return;
    }
    const placeName = placeNameOf(from, headFrom);
    if (placeName) {
      const country = countryOfName(placeName);
      const owner = country ? demonymOf(country.code) ?? placeName : placeName;
      addParty(from, to, { kind: headKind(head), name: `${owner} ${canonicalHead(headText)}`, affiliation: country?.code ?? countryCodeOfPlace(placeName) ?? placeName, head, knownAliases: [], reference: false });
      return;
    }
    addParty(from, to, {
      kind: headKind(head), name: normaliseWords(text.slice(tokens[from]!.start, tokens[to - 1]!.end)),
      affiliation: demonym?.code ?? null, head, knownAliases: [], reference: false,
    });
  }

  /** "Defense Ministry of <the unrecognized region of> Nagorno Karabakh" → "Nagorno Karabakh Defense Ministry". */
  function addOwned(from: number, end: number, owner: string, ownerFrom: number, ownerTo: number, head: string, qualifier?: string): void {
    const country = countryOfName(owner);
    const demonym = resolveDemonymToken(ownerFrom, ownerTo);
    const ownerName = demonym?.demonym ?? (country ? demonymOf(country.code) ?? owner : owner);
    const headWords = qualifier ? `${qualifier} ${head}` : head;
    const subject = MINISTRY_SUBJECTS[foldName(text.slice(tokens[from]!.start, tokens[end - 1]!.end)).replace(/^.*?ministry of /, '').replace(/ of .*$/, '')];
    const headName = subject && head === 'ministry' && !qualifier ? `${subject} Ministry` : canonicalHead(headWords);
    addParty(from, end, {
      kind: headKind(head), name: `${ownerName} ${headName}`,
      affiliation: demonym?.code ?? country?.code ?? owner, head, knownAliases: [], reference: false,
    });
    // A region or city that owns a body is still a place mention; a country is the party's affiliation.
    if (!demonym && !country) out.push({ type: 'place', sentence: sentence.index, from: ownerFrom, to: ownerTo, ...span(ownerFrom, ownerTo), name: owner, patternOnly: !isKnownPlace(owner) });
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
    while (j < tokens.length && skipped < 6 && !tokens[j]!.cap && tokens[j]!.kind === 'word' && !CUE_FORMS.has(tokens[j]!.lower)) {
      j++;
      skipped++;
    }
    if (j >= tokens.length || !tokens[j]!.cap) return null;
    let k = j;
    while (k < tokens.length && isNameToken(tokens[k]!) && !used[k]) k++;
    if (k === j) return null;
    const owner = text.slice(tokens[j]!.start, tokens[k - 1]!.end);
    if (!isKnownPlace(owner) && !resolveDemonymToken(j, k) && !/\b(?:region|republic|state|province)\b/i.test(text.slice(tokens[to]!.start, tokens[j]!.start))) return null;
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
    if (to - from === 1 && isCommonWord(tokens[from]!.text) && !tokens[from]!.text.match(/^[A-Z]{2,}$/)) return null;
    if (to - from === 1 && isFirstName(tokens[from]!.text) && !isKnownCountryOrCapital(chunkText)) return null;
    if (isKnownPlace(chunkText)) return stripPlaceType(chunkText);
    return null;
  }

  function placeByPattern(from: number, to: number): string | null {
    const chunkText = text.slice(tokens[from]!.start, tokens[to - 1]!.end);
    const prev = tokens[from - 1];
    const prev2 = tokens[from - 2];
    // "the city of X", "the village of X"
    if (prev?.lower === 'of' && prev2 && PLACE_TYPES.has(prev2.lower)) return chunkText;
    // "X province", "X axis"
    const next = tokens[to];
    if (next && PLACE_TYPES.has(next.lower) && !next.cap && !['state', 'republic', 'department', 'border', 'base', 'road', 'highway', 'front'].includes(next.lower)) return chunkText;
    // Last word of the chunk is a place type: "Idlib Province", "Camp Hurriya" (leading), "Tabqa Dam"
    const last = tokens[to - 1]!.lower;
    if (to - from >= 2 && PLACE_TYPES.has(last) && !['state', 'republic', 'department', 'front'].includes(last)) return chunkText;
    // Lists before a place-type head: "the A, B and C axes"
    if (inPlaceList(to)) return chunkText;
    return null;
  }

  /** Three or more countries in a row act together ("Australia, Canada, France and Jordan conducted ..."). */
  function inCountryList(from: number, to: number): boolean {
    let count = 1;
    for (const dir of [-1, 1]) {
      let k = dir < 0 ? from - 1 : to;
      for (;;) {
        const sep = tokens[k];
        if (!sep || !(sep.text === ',' || sep.lower === 'and')) break;
        let a = k + dir;
        if (tokens[a]?.lower === 'and') a += dir;
        let b = a;
        while (tokens[b + dir] && isNameToken(tokens[b + dir]!)) b += dir;
        const [lo, hi] = dir < 0 ? [b, a] : [a, b];
        if (!tokens[lo] || !tokens[hi] || !isNameToken(tokens[lo]!)) break;
        if (!countryOfName(text.slice(tokens[lo]!.start, tokens[hi]!.end))) break;
        count++;
        k = dir < 0 ? lo - 1 : hi + 1;
      }
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
    if (atSentenceStart(tokens, from) && isCommonWord(words[0]!.text) && !isFirstName(words[0]!.text)) return false;
    if (isFirstName(words[0]!.text) || isLastName(words[n - 1]!.text)) return true;
    const next = tokens[to];
    return !!next && (CUE_FORMS.has(next.lower) || next.text === ',' && !!tokens[to + 1] && /^(?:a|an|the)$/.test(tokens[to + 1]!.lower));
  }
}

/** Chunks of capitalised tokens not yet used, joined across "of"/"for" after a head noun and name particles. */
function chunks(tokens: Token[], used: boolean[]): [number, number][] {
  const result: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (used[i] || !isNameToken(tokens[i]!) || !canStartChunk(tokens, i)) {
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      const t = tokens[j];
      if (!t || used[j]) break;
      if (isNameToken(t) || /^\d+(?:st|nd|rd|th)$/.test(t.text) && tokens[j + 1]?.cap) {
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

const HEAD_KEYS = new Set([...GOVERNMENT_HEADS, ...ARMED_FORCE_HEADS, ...ORGANIZATION_HEADS, 'state', 'republic', 'kingdom', 'bank', 'university', 'office', 'coalition', 'minister', 'ministry', 'department', 'secretary', 'envoy', 'director', 'commissioner', 'advisor', 'adviser', 'general', 'president', 'chief', 'head', 'representative'].map((h) => h.split(' ').pop()!));
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
function splitTitle(tokens: Token[], from: number, to: number): { titleFrom: number; titleTo: number; title: string } | null {
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
  if (headAfter && (found.titleTo === to ? headAfter[0] >= found.titleFrom && !PERSON_TITLES.has(headAfter[1]) : true) && !PERSON_TITLES.has(headAfter[1])) return null;
  // Name tokens after the title must look like a name, not another head ("President Trump", not "President Office").
  return found;
}

function canonicalPersonName(name: string): string {
  return name.replace(/\s+/g, ' ').replace(/[,;:]+$/, '').trim();
}

/** Lower-case party nouns after a demonym or place: "forces", "defense ministry". */
function extendLowerHead(tokens: Token[], to: number): [number, string] | null {
  const t = tokens[to];
  if (!t || t.cap) return null;
  const hit = longest(LOWER_HEAD_TRIE, tokens, to);
  if (!hit) return null;
  // "forces loyal to", fine; "forces" then a capitalised name ("forces Commander X") is not ours to judge.
  return hit;
}

function isVerbAfterSubject(t: Token): boolean {
  return /(?:ed|s)$/.test(t.lower) || ['has', 'have', 'had', 'is', 'was', 'were', 'are', 'will', 'would', 'also', 'later', 'could', 'can', 'did', 'does', 'may', 'might', 'must', 'should'].includes(t.lower);
}

/** Subject of a clause: a state acting ("Azerbaijan said", "Israel has launched"), not a place. */
function isActorPosition(tokens: Token[], from: number, to: number): boolean {
  const prev = tokens[from - 1];
  if (prev && (PLACE_PREPOSITIONS.has(prev.lower) || prev.lower === 'by' || prev.lower === 'and' && tokens[from - 2] && PLACE_PREPOSITIONS.has(tokens[from - 2]!.lower))) return false;
  const next = tokens[to];
  if (!next) return false;
  if (CUE_FORMS.has(next.lower)) return true;
  let k = to;
  while (tokens[k] && /ly$/.test(tokens[k]!.lower) && tokens[k]!.kind === 'word') k++;
  const verb = tokens[k];
  if (!verb || verb.cap) return false;
  return ['has', 'have', 'had', 'will', 'would', 'is', 'was', 'remains', 'continues', 'must', 'should', 'can', 'could'].includes(verb.lower) || (isVerbForm(verb.text) && !/ing$/.test(verb.lower) && !isCommonNoun(verb.text));
}

function isKnownCountryOrCapital(name: string): boolean {
  return countryOfName(name) !== null;
}

function stripPlaceType(name: string): string {
  const stripped = name.replace(/\s+(?:region|province|governorate|oblast|district|city|town|village|area|county|municipality|axis|front|direction|sector|Region|Province|Governorate|Oblast|District|City|Town|Village|Area|County|Municipality)$/u, '');
  return stripped || name;
}

