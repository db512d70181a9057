/**
 * What the mention passes share: phrase tries over the lexicons, token classes and the naming
 * of heads (kind, canonical form). No rule lives here; the passes decide.
 */
import { foldName } from '../../names.js';
import { countryOfName, resolveDemonym } from '../geo.js';
import { KNOWN_PARTIES, NAME_NORMALISATION, type KnownParty } from '../lexicon/parties.js';
import {
  ARMED_FORCE_HEADS,
  DEMONYM_LOWER_HEADS,
  GOVERNMENT_HEADS,
  GROUP_HEADS,
  MEDIA_HEADS,
  ORGANIZATION_HEADS,
  PERSON_TITLES,
} from '../lexicon/roles.js';
import {
  BODY_ADJECTIVES,
  CHUNK_HEAD_WORDS,
  DATE_WORDS,
  INSTITUTION_HEAD_STEMS,
  JOINED_NAME_PARTICLES,
  NEVER_NAMES,
  PERSON_HEAD_STEMS,
  SHORT_MONTHS,
  SUBJECT_FOLLOWERS,
} from '../lexicon/mention-words.js';
import type { PartyKind } from '../types.js';
import type { Token } from '../tokens.js';
import { tokenize } from '../tokens.js';

// ---------------------------------------------------------------------------------------------
// Phrase tables

export interface Trie<T> {
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

export function tokenKey(t: Token): string {
  return foldName(t.text) || t.text;
}

export interface KnownEntry {
  party: KnownParty;
  /** Written in capitals and short: only matches when the text has it in capitals too. */
  caseSensitive: string | null;
}

export const KNOWN_TRIE: Trie<KnownEntry> = { next: new Map() };
for (const party of KNOWN_PARTIES) {
  for (const form of [party.name, ...party.aliases]) {
    const stripped = form.replace(/^the\s+/i, '');
    const letters = stripped.replace(/[.\s]/g, '');
    const caseSensitive = /^[A-Z0-9]{2,5}$/.test(letters) ? letters : null;
    trieInsert(KNOWN_TRIE, phraseWords(stripped), { party, caseSensitive });
  }
}

export function buildSetTrie(phrases: Iterable<string>): Trie<string> {
  const root: Trie<string> = { next: new Map() };
  for (const p of phrases) trieInsert(root, phraseWords(p), p);
  return root;
}

/** Known parties by every folded name and alias, to canonicalise built names ("Sudanese army"). */
export const KNOWN_BY_NAME = new Map<string, KnownParty>();
for (const party of KNOWN_PARTIES) {
  for (const form of [party.name, ...party.aliases]) {
    const key = foldName(form.replace(/^the\s+/i, ''));
    if (key && !KNOWN_BY_NAME.has(key)) KNOWN_BY_NAME.set(key, party);
  }
}

export const TITLE_TRIE = buildSetTrie(PERSON_TITLES);
export const HEAD_TRIE = buildSetTrie([
  ...GOVERNMENT_HEADS,
  ...ARMED_FORCE_HEADS,
  ...GROUP_HEADS,
  ...ORGANIZATION_HEADS,
  ...MEDIA_HEADS,
]);
export const LOWER_HEAD_TRIE = buildSetTrie(DEMONYM_LOWER_HEADS);
const FORCE_HEAD_TRIE = buildSetTrie([...ARMED_FORCE_HEADS, ...GROUP_HEADS]);

/** Last words of heads and titles, which may join "of"/"for" and a name into one chunk. */
export const HEAD_KEYS = new Set(
  [...GOVERNMENT_HEADS, ...ARMED_FORCE_HEADS, ...ORGANIZATION_HEADS, ...CHUNK_HEAD_WORDS].map(
    (h) => h.split(' ').pop()!,
  ),
);
export const TITLE_KEYS = new Set([...PERSON_TITLES].map((h) => h.split(' ').pop()!));

/** Longest phrase of the trie starting at token i; returns [end, value]. */
export function longest<T>(trie: Trie<T>, tokens: Token[], i: number, limit = tokens.length): [number, T] | null {
  let node: Trie<T> | undefined = trie;
  let best: [number, T] | null = null;
  for (let j = i; j < limit && node; j++) {
    node = node.next.get(tokenKey(tokens[j]!));
    if (node?.value !== undefined) best = [j + 1, node.value];
  }
  return best;
}

/** A person's title starts somewhere in tokens [at, end) ("Police Chief", "Emergency Services Director"). */
export function titleWithin(tokens: Token[], at: number, end: number): boolean {
  for (let k = at; k < end; k++) if (longest(TITLE_TRIE, tokens, k, end)) return true;
  return false;
}

/** A phrase of the trie that ends exactly at token end (exclusive), longest first. */
export function endingAt<T>(trie: Trie<T>, tokens: Token[], from: number, end: number): [number, T] | null {
  for (let s = from; s < end; s++) {
    const hit = longest(trie, tokens, s, end);
    if (hit && hit[0] === end) return [s, hit[1]];
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Token classes

const QUOTE_OR_BRACKET = /^["“‘'([«—–-]$/;

export function isAcronym(t: Token): boolean {
  return /^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&-]{1,6}$/.test(t.text) || isMixedAcronym(t.text);
}

/** "FAMa", "FARDC"-like names with a lower-case letter inside (not a plural "MPs"): an organisation's acronym. */
export function isMixedAcronym(word: string): boolean {
  return /^[A-Z]{2,}[a-rt-z][A-Z]*$/.test(word) && word.length <= 8;
}

/** "GAZA, Nov 20": a month written short without its dot, known by the day after it. */
export function isShortMonth(tokens: Token[], i: number): boolean {
  return SHORT_MONTHS.has(tokens[i]!.lower) && /^\d{1,2}(?:st|nd|rd|th)?$/.test(tokens[i + 1]?.text ?? '');
}

const JOINED_PARTICLE_NAME = new RegExp(`^(?:${JOINED_NAME_PARTICLES.join('|')})-\\p{Lu}`, 'u');

/** "al-Qaida", "al-Abadi": a name behind a joined particle, capitalised or not. */
export function isJoinedParticleName(t: Token): boolean {
  return t.kind === 'word' && JOINED_PARTICLE_NAME.test(t.text);
}

/** The word a joined particle leads ("al-Abadi" → "Abadi"), or null. */
export function afterJoinedParticle(word: string): string | null {
  const m = /^[\p{L}]+-(\p{Lu}.*)$/u.exec(word);
  return m && JOINED_PARTICLE_NAME.test(word) ? m[1]! : null;
}

export function isNameToken(t: Token): boolean {
  if (t.kind === 'punct') return false;
  if (DATE_WORDS.has(t.lower) || NEVER_NAMES.has(t.lower)) return false;
  return t.cap || isAcronym(t) || isJoinedParticleName(t);
}

export function atSentenceStart(tokens: Token[], i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (QUOTE_OR_BRACKET.test(t.text) || t.text === ':') continue;
    return false;
  }
  return true;
}

export function isPossessiveMark(t: Token | undefined, prev?: Token): boolean {
  if (!t) return false;
  if (/^['’]s$/.test(t.text)) return true;
  // "the United States’ message"
  return /^['’]$/.test(t.text) && !!prev && prev.end === t.start && /s$/.test(prev.text);
}

export function isVerbAfterSubject(t: Token): boolean {
  return /(?:ed|s)$/.test(t.lower) || SUBJECT_FOLLOWERS.has(t.lower);
}

// ---------------------------------------------------------------------------------------------
// Names and heads

export function titleCase(word: string): string {
  return word.replace(/(^|[\s-])(\p{Ll})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

export function normaliseWords(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w) => NAME_NORMALISATION[w.toLowerCase()] ?? w)
    .join('');
}

export function canonicalPersonName(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .replace(/[,;:]+$/, '')
    .trim();
}

const PERSON_HEAD = new RegExp(PERSON_HEAD_STEMS.join('|'));
const INSTITUTION_HEAD = new RegExp(INSTITUTION_HEAD_STEMS.join('|'), 'i');

export function headKind(head: string): PartyKind {
  const h = head.toLowerCase();
  const last = h.split(' ').pop()!;
  if (MEDIA_HEADS.has(h) && !GOVERNMENT_HEADS.has(h)) return 'MEDIA';
  // A whole head a group's ("rebel leaders") before its last word ("leaders" of a government).
  if (GROUP_HEADS.has(h)) return 'GROUP';
  if (ARMED_FORCE_HEADS.has(h) || ARMED_FORCE_HEADS.has(last)) return 'ARMED_FORCE';
  if (GOVERNMENT_HEADS.has(h) || GOVERNMENT_HEADS.has(last)) return 'GOVERNMENT_BODY';
  if (GROUP_HEADS.has(h) || GROUP_HEADS.has(last)) return 'GROUP';
  if (MEDIA_HEADS.has(h) || MEDIA_HEADS.has(last)) return 'MEDIA';
  if (PERSON_HEAD.test(h)) return 'PERSON';
  return 'ORGANIZATION';
}

/** Institution heads are capitalised in canonical names ("Russian Defense Ministry"); groups are not ("Russian forces"). */
export function canonicalHead(head: string): string {
  const normalised = normaliseWords(head);
  return INSTITUTION_HEAD.test(head) ? titleCase(normalised) : normalised.toLowerCase();
}

/** Lower-case party nouns after a demonym or place: "forces", "defense ministry". */
export function extendLowerHead(tokens: Token[], to: number): [number, string] | null {
  const t = tokens[to];
  if (!t || t.cap) return null;
  // "Kurdistan regional government", "Gaza interim authorities"
  if (BODY_ADJECTIVES.has(t.lower)) {
    const after = longest(LOWER_HEAD_TRIE, tokens, to + 1);
    if (after && GOVERNMENT_HEADS.has(after[1])) return [after[0], `${t.lower} ${after[1]}`];
  }
  return longest(LOWER_HEAD_TRIE, tokens, to);
}

/** A force or group noun in lower case at `to` ("forces", "coalition", "separatists"): [end, head]. */
export function forceHead(tokens: Token[], to: number): [number, string] | null {
  const t = tokens[to];
  if (!t || t.cap) return null;
  const ext = extendLowerHead(tokens, to);
  if (ext && (ARMED_FORCE_HEADS.has(ext[1]) || GROUP_HEADS.has(ext[1]))) return ext;
  return longest(FORCE_HEAD_TRIE, tokens, to);
}

/** The country code of a name or demonym ("Saudi" → SA, "Russia" → RU), a known party's, or null. */
export function affiliationOf(name: string): string | null {
  return (
    resolveDemonym(name)?.code ?? countryOfName(name)?.code ?? KNOWN_BY_NAME.get(foldName(name))?.affiliation ?? null
  );
}
