/**
 * Chunk rule for where people live, as local news names it: "a Chapin man", "the 22-year-old
 * Winona woman", "Roselle police", "Stephen Davis, 30, of Chiefland". The sentence shows the
 * name is a town, which the gazetteer may lack or know only as a first name ("Regina",
 * "Norman"); the geocoder then looks it up, villages included.
 */
import { isKnownPlace, isKnownPlaceOrVillage } from '../geo.js';
import {
  ADJECTIVE_LIKE,
  NP_DETERMINERS,
  RESIDENT_NOUNS,
  RESIDENT_PLACE_NOUNS,
  TOWN_BODY_NOUNS,
} from '../lexicon/mention-words.js';
import type { Token } from '../tokens.js';
import { foldName } from '../../names.js';
import { STATELESS_DEMONYMS } from '../lexicon/parties.js';
import { STREET_TYPES } from '../lexicon/places.js';
import { isCommonWord, isLastName } from '../wordclass.js';
import type { Chunk } from './chunks.js';
import { addPlaceSpan, namedAfterPlace } from './places.js';
import type { Scan } from './scan.js';
import { atSentenceStart, isAcronym, isPossessiveMark, titleWithin } from './shared.js';

/** Longest town name taken this way, in tokens. */
const MAX_TOKENS = 3;
const AGE = /^\d{1,3}-year-old$/;
const AGE_WORD = /^(?:year|month|week)-old$/;

export function residence(s: Scan, { from, to, name }: Chunk): boolean {
  if (to - from > MAX_TOKENS || !plausibleTown(s, from, to)) return false;
  if (!(beforeResidentNoun(s, from, to) || residentOf(s, from, to))) return false;
  // "Metro Nashville police": the known place named in part.
  const known = isKnownPlace(name) ? name : namedAfterPlace(s, from, to);
  addPlaceSpan(s, from, to, known ?? name, !known);
  return true;
}

/**
 * A name that could be a town's: no acronym, title, known person or street, no demonym or
 * compound adjective ("a Muslim couple", "a Franco-Algerian couple"), not made of English words
 * ("Criticizing police tactics").
 */
function plausibleTown(s: Scan, from: number, to: number): boolean {
  const words = s.tokens.slice(from, to);
  if (words.some((w) => isAcronym(w) || !w.cap || w.text.includes('-') || STATELESS_DEMONYMS.has(w.lower)))
    return false;
  if (titleWithin(s.tokens, from, to) || s.resolveDemonymToken(from, to)) return false;
  if (STREET_TYPES.has(words[words.length - 1]!.lower)) return false;
  if (to - from === 1 && s.ctx.surnames.has(foldName(words[0]!.text))) return false;
  // "Local police", "Previously residents": a sentence's first word shaped like an adjective or adverb.
  if (to - from === 1 && atSentenceStart(s.tokens, from) && ADJECTIVE_LIKE.test(words[0]!.lower)) return false;
  // "the Laquan McDonald police shooting": a name ending in a surname is a person's.
  if (to - from >= 2 && isLastName(words[words.length - 1]!.text) && !isKnownPlace(s.slice(from, to))) return false;
  return !words.every((w) => isCommonWord(w.text));
}

/**
 * "a Chapin man", "Hounslow residents", "Roselle police", "a Lanexa home": the name before a
 * lower-case noun for people or a home of a place. A home needs its opener: "the Smith home"
 * is a family's.
 */
function beforeResidentNoun(s: Scan, from: number, to: number): boolean {
  const next = s.tokens[to];
  // "the French Open men's final": a noun that owns the next one is no resident.
  if (!next || next.cap || isPossessiveMark(s.tokens[to + 1], next)) return false;
  const opener = openerBefore(s.tokens, from);
  // "Chapin man dies after crash": a headline starts with the name.
  if (RESIDENT_NOUNS.has(next.lower)) return opener !== null || from === 0;
  if (TOWN_BODY_NOUNS.has(next.lower)) return true;
  return RESIDENT_PLACE_NOUNS.has(next.lower) && opener !== null && opener !== 'the';
}

/** The opener before a name, past an age ("a 22-year-old Winona man"), if any. */
function openerBefore(tokens: Token[], from: number): string | null {
  let k = from - 1;
  if (tokens[k] && AGE.test(tokens[k]!.lower)) k--;
  // The tokenizer splits a number from its hyphen: "22", "-", "year-old".
  else if (
    AGE_WORD.test(tokens[k]?.lower ?? '') &&
    tokens[k - 1]?.text === '-' &&
    /^\d{1,3}$/.test(tokens[k - 2]?.text ?? '')
  )
    k -= 3;
  const t = tokens[k];
  return t && NP_DETERMINERS.test(t.lower) ? t.lower : null;
}

/**
 * "Mindy Miller of Ravenel", "Jeremy Watson, 30, of Ten Mile", "both of Annville": a town
 * after a person and "of". Without an age, the name must be a place the gazetteer knows, a
 * village among them ("Nelson", "Regina" are first names as well), or "both"/"all" must say it
 * is shared.
 */
function residentOf(s: Scan, from: number, to: number): boolean {
  const { tokens } = s;
  let k = from - 1;
  if (tokens[k]?.lower !== 'of') return false;
  k--;
  if (tokens[k]?.text === ',') k--;
  let aged = false;
  if (tokens[k]?.kind === 'number' && /^\d{1,3}$/.test(tokens[k]!.text) && tokens[k - 1]?.text === ',') {
    aged = true;
    k -= 2;
  }
  // A village's name will do here: after a person and "of" it is where they live ("of Annville").
  const known = isKnownPlaceOrVillage(s.slice(from, to));
  if (tokens[k]?.lower === 'both' || tokens[k]?.lower === 'all') return known || aged;
  const person = s.out.some((m) => m.type === 'party' && m.kind === 'PERSON' && !m.reference && m.to === k + 1);
  return person && (aged || known);
}
