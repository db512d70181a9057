/**
 * Claimants named by what they are, with a name no mention rule knew: "Itar-Tass news agency",
 * "the official news agency Ceteka", "the Swiss Agency for Development and Cooperation". A source
 * that names no one ("security sources", "witnesses", "a news agency", "an Egyptian newspaper")
 * stays a claimant mention with no party: who stands behind it is not said.
 */
import type { PartyKind } from './types.js';
import { resolveDemonym, isKnownPlace } from './geo.js';
import {
  OUTLET_HEADS,
  OUTLET_ADJECTIVES,
  NAMED_BODY_HEADS,
  NAMED_GOVERNMENT_HEADS,
} from './lexicon/attribution-words.js';

export interface NamedSource {
  name: string;
  kind: PartyKind;
  /** ISO country code of a demonym in the phrase ("the Czech news agency CTK" → CZ). */
  affiliation: string | null;
}

const NAME_WORD = /^\p{Lu}[\p{L}'’.&-]*$/u;
const LINK_WORDS = new Set(['of', 'for', 'and', 'on', 'the', 'in', 'de', 'al', '&']);

/** Splits off the demonyms at the start of a run of capitalised words: their country, and the rest. */
function withoutDemonyms(words: string[]): { rest: string[]; code: string | null } {
  let code: string | null = null;
  let i = 0;
  while (i < words.length) {
    const d = resolveDemonym(words[i]!);
    if (!d) break;
    code ??= d.code;
    i++;
  }
  return { rest: words.slice(i), code };
}

/** A news outlet named in the phrase: "Itar-Tass news agency", "the state news agency Ceteka". */
function outlet(words: string[]): NamedSource | null {
  const lower = words.map((w) => w.toLowerCase());
  for (let h = 0; h < words.length; h++) {
    const two = h + 1 < words.length ? `${lower[h]} ${lower[h + 1]}` : '';
    const len = OUTLET_HEADS.has(two) ? 2 : OUTLET_HEADS.has(lower[h]!) ? 1 : 0;
    if (!len) continue;
    const after = words.slice(h + len);
    let b = h;
    while (b > 0 && (NAME_WORD.test(words[b - 1]!) || OUTLET_ADJECTIVES.has(lower[b - 1]!))) b--;
    const before = words.slice(b, h).filter((w) => !OUTLET_ADJECTIVES.has(w.toLowerCase()));
    const { rest, code } = withoutDemonyms(before);
    // "the news agency Ceteka": the name after the head.
    if (after.length && after.length <= 3 && after.every((w) => NAME_WORD.test(w)))
      return { name: after.join(' '), kind: 'MEDIA', affiliation: code };
    if (after.length) return null;
    // "Itar-Tass news agency": the name before it, once demonyms and places are dropped.
    if (!rest.length || rest.length > 3 || isKnownPlace(rest.join(' '))) return null;
    return { name: rest.join(' '), kind: 'MEDIA', affiliation: code };
  }
  return null;
}

/**
 * A body's full name in title case with a head that says what it is: "the Swiss Agency for
 * Development and Cooperation", "the Nigerian Union of Teachers".
 */
function namedBody(words: string[]): NamedSource | null {
  const start = words[0]?.toLowerCase() === 'the' ? 1 : 0;
  const name = words.slice(start);
  if (name.length < 2 || name.length > 10 || !NAME_WORD.test(name[0]!) || !NAME_WORD.test(name.at(-1)!)) return null;
  if (!name.every((w) => NAME_WORD.test(w) || LINK_WORDS.has(w.toLowerCase()))) return null;
  const heads = name.filter((w) => NAMED_BODY_HEADS.has(w.toLowerCase()));
  if (!heads.length) return null;
  const { code } = withoutDemonyms(name);
  const government = heads.some((w) => NAMED_GOVERNMENT_HEADS.has(w.toLowerCase()));
  return { name: name.join(' '), kind: government ? 'GOVERNMENT_BODY' : 'ORGANIZATION', affiliation: code };
}

/** The party a source phrase names, or null when it names none. */
export function namedSource(phrase: string): NamedSource | null {
  // "the Nigerian Union of Teachers (NUT), the umbrella union ...": the name before its apposition.
  const words = phrase
    .split(/\s*[,;:(]/)[0]!
    .trim()
    .split(/\s+/)
    .filter((w) => w.length);
  if (!words.length || words.length > 12) return null;
  return outlet(words) ?? namedBody(words);
}
