/**
 * Pass 2: capitalised chunks, each classified by the chunk rules in order; the first rule that
 * takes a chunk decides it. The order matters: a title before a name beats a head noun, a head
 * noun beats a demonym, a known place beats an unknown name before a force noun.
 */
import { foldName } from '../../names.js';
import { lookupPlaceMatches } from '../gazetteer.js';
import { isKnownPlace, namesTypedDivision } from '../geo.js';
import { CONNECTORS_AFTER_HEAD, DATE_WORDS, NAME_PARTICLES } from '../lexicon/mention-words.js';
import { MINISTRY_SUBJECT_WORDS } from '../lexicon/parties.js';
import { DIRECTIONS, PERSON_TITLES } from '../lexicon/roles.js';
import type { Token } from '../tokens.js';
import { isCommonWord } from '../wordclass.js';
import { acronym, bracketedAcronym } from './acronyms.js';
import { demonymHead } from './demonym-heads.js';
import { forceNoun } from './force-nouns.js';
import { headNoun, heldCompound, platform } from './organisations.js';
import { knownSurname, personName, titledPerson } from './persons.js';
import { afterPlacePreposition, beforeUsState, gazetteerOrPattern, shortUsState } from './places.js';
import { residence } from './residences.js';
import type { Scan } from './scan.js';
import {
  atSentenceStart,
  endingAt,
  HEAD_KEYS,
  HEAD_TRIE,
  headKind,
  isNameToken,
  isShortMonth,
  TITLE_KEYS,
  tokenKey,
} from './shared.js';
import type { Owner } from './types.js';

/** A capitalised chunk [from, to), with the possessive state that owns it, if any. */
export interface Chunk {
  from: number;
  to: number;
  /** `text` of the chunk. */
  name: string;
  owner?: Owner;
}

/** A chunk rule: true when it decided the chunk (whether or not it made a mention). */
export type ChunkRule = (s: Scan, c: Chunk) => boolean;

/** The chunk rules in the order they are tried, with the rule name each records. */
const CHUNK_RULES: [string, ChunkRule][] = [
  ['chunk/platform', platform],
  ['chunk/held-compound', heldCompound],
  ['chunk/titled-person', titledPerson],
  ['chunk/known-surname', knownSurname],
  ['chunk/masthead', masthead],
  ['chunk/typed-division', typedDivision],
  ['chunk/head-noun', headNoun],
  ['chunk/demonym-head', demonymHead],
  ['chunk/short-us-state', shortUsState],
  ['chunk/gazetteer-or-pattern', gazetteerOrPattern],
  ['chunk/residence', residence],
  ['chunk/force-noun', forceNoun],
  ['chunk/bracketed-acronym', bracketedAcronym],
  ['chunk/acronym', acronym],
  ['chunk/after-place-preposition', afterPlacePreposition],
  ['chunk/before-us-state', beforeUsState],
  ['chunk/person-name', personName],
];

/** "the Daily Star", "Daily Nation": a newspaper named after "Daily" is a medium, not a person. */
function masthead(s: Scan, { from, to }: Chunk): boolean {
  if (s.tokens[from]?.lower !== 'daily' || to - from < 2 || to - from > 3) return false;
  s.addParty(from, to, {
    kind: 'MEDIA',
    name: s.slice(from, to),
    affiliation: null,
    head: 'daily',
    knownAliases: [],
    reference: false,
  });
  return true;
}

/**
 * "Haiti's Centre department", "the North region", "Centre Department": a first-level division
 * named by a common word, known only with its type word. Decided before the head nouns, which
 * would take "Centre" for a body.
 */
function typedDivision(s: Scan, chunk: Chunk): boolean {
  const next = s.tokens[chunk.to];
  const typedAfter = next?.kind === 'word' && !next.cap && namesTypedDivision(`${chunk.name} ${next.text}`);
  return (typedAfter || namesTypedDivision(chunk.name)) && gazetteerOrPattern(s, chunk);
}

export function capitalisedChunks(s: Scan): void {
  s.rule = 'chunk';
  s.chunkList = chunks(s.tokens, s.used, s.ctx.surnames);
  s.classifyChunk = (from, to, owner) => classifyChunk(s, from, to, owner);
  for (const [from, to] of s.chunkList) if (!s.used[from]) classifyChunk(s, from, to);
}

/**
 * Tries the chunk rules in order. `owner`: a possessive state right before the chunk ("Russia's
 * Defence Ministry"): it gives the affiliation and the canonical name's demonym, and its tokens
 * join the party's mention. A chunk no rule takes is dropped.
 */
export function classifyChunk(s: Scan, from: number, to: number, owner?: Owner): void {
  const c: Chunk = { from, to, name: s.slice(from, to), owner };
  for (const [name, rule] of CHUNK_RULES) {
    s.rule = name;
    if (rule(s, c)) return;
  }
}

/** Chunks of capitalised tokens not yet used, joined across "of"/"for" after a head noun and name particles. */
function chunks(tokens: Token[], used: boolean[], surnames: ReadonlyMap<string, string>): [number, number][] {
  const result: [number, number][] = [];
  let i = 0;
  while (i < tokens.length) {
    if (used[i] || !isNameToken(tokens[i]!) || !canStartChunk(tokens, i, surnames) || isShortMonth(tokens, i)) {
      i++;
      continue;
    }
    let j = i + 1;
    let joinedOf = false;
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
          joinedOf = true;
          continue;
        }
      }
      // "the Ministry of Water and Sanitation", "Ministry of Labour and Social Affairs": after a
      // head's "of", "and" joins the words of one portfolio (not another name: "… and Hamas").
      if (joinedOf && t.lower === 'and') {
        let k = j + 1;
        while (tokens[k] && !used[k] && tokens[k]!.cap && MINISTRY_SUBJECT_WORDS.has(tokens[k]!.lower)) k++;
        if (k > j + 1 && !tokens[k]?.cap) {
          j = k;
          continue;
        }
      }
      // "Bosnia and Herzegovina", "Jammu and Kashmir": a place the gazetteer knows by the whole phrase is one name, not two.
      const whole = t.lower === 'and' ? placeNamedWithAnd(tokens, used, i, j) : 0;
      if (whole) {
        j = whole;
        continue;
      }
      // "Abu Bakr al-Baghdadi", "Haider al Abadi"
      if (NAME_PARTICLES.has(t.lower) && after?.cap && !used[j + 1]) {
        j += 2;
        continue;
      }
      break;
    }
    // "OMAHA -- A University of Nebraska sociologist", a headline's "A Regina Teen": an article
    // that starts a sentence or stands capitalised is no part of the name after it.
    if (j - i >= 2 && ARTICLES.has(tokens[i]!.text)) {
      i++;
    }
    // "the 158th Fighter Wing", "3rd Brigade": a unit's ordinal belongs to its name.
    const ordinal = i > 0 && !used[i - 1] && /^\d+(?:st|nd|rd|th)$/.test(tokens[i - 1]!.text);
    const head = ordinal ? endingAt(HEAD_TRIE, tokens, i, j) : null;
    result.push([head && headKind(head[1]) === 'ARMED_FORCE' ? i - 1 : i, j]);
    i = j;
  }
  return result;
}

/** The end of "<name> and <name>" from `from` when the gazetteer knows the whole phrase as one place, else 0. */
function placeNamedWithAnd(tokens: Token[], used: boolean[], from: number, and: number): number {
  let end = and + 1;
  while (end < and + 4 && tokens[end] && !used[end] && isNameToken(tokens[end]!)) end++;
  for (let e = end; e > and + 1; e--) {
    if (
      namesPlaceWhole(
        tokens
          .slice(from, e)
          .map((t) => t.text)
          .join(' '),
      )
    )
      return e;
  }
  return 0;
}

/** A place the gazetteer knows by the whole phrase, not with a first word dropped as an article ("As Iraq"). */
function namesPlaceWhole(phrase: string): boolean {
  const key = foldName(phrase);
  return isKnownPlace(phrase) && lookupPlaceMatches(phrase, false).some((m) => m.matchedKey === key);
}

/**
 * Words after a sentence-initial word that make it the common word even where it is someone's
 * surname: "Will the talks resume?", "May we ...", "Brown of the ...".
 */
const NOT_AFTER_SURNAME = new Set([
  'the',
  'a',
  'an',
  'we',
  'you',
  'i',
  'it',
  'they',
  'he',
  'she',
  'this',
  'that',
  'these',
  'those',
  'there',
  'of',
  'and',
  'or',
  'to',
]);

/** Capitalised articles: "A", "An", "The" (a name's own "The" is found by the known parties first). */
const ARTICLES = new Set(['A', 'An', 'The']);

function canStartChunk(tokens: Token[], i: number, surnames: ReadonlyMap<string, string>): boolean {
  const t = tokens[i]!;
  if (!atSentenceStart(tokens, i)) return true;
  // "US authorities said": written in capitals, an abbreviation, not the word "us".
  if (!isCommonWord(t.text) || /^[A-Z]{2,}$/.test(t.text)) return true;
  const next = tokens[i + 1];
  // "Cook said ...", "Brown's office": the surname of someone the article named, not the word.
  if (surnames.has(foldName(t.text)) && next && !next.cap && !NOT_AFTER_SURNAME.has(next.lower)) return true;
  // Sentence-initial titles and heads do start names: "President Ilham Aliyev said".
  if (!next?.cap) return false;
  if (PERSON_TITLES.has(t.lower) || HEAD_KEYS.has(t.lower) || DIRECTIONS.has(t.lower)) return true;
  // So does a place named with an English word: "Grand Prairie police", "Rolling Meadows man".
  const third = tokens[i + 2];
  return (
    namesPlaceWhole(`${t.text} ${next.text}`) ||
    (!!third?.cap && namesPlaceWhole(`${t.text} ${next.text} ${third.text}`))
  );
}
