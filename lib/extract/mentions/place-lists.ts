/**
 * Pass: a name no rule took, in a list with places ("Monroe, Trenton and Seven Mile", "Harwinton,
 * Bantam, Litchfield"): a place the gazetteer lacks, or one it knows only as a first name. The
 * list must name at least two places, one of them right beside the name; or one right beside
 * it when the gazetteer knows the name. And the town after
 * a street address ("of Main Street, Tipperary").
 */
import { isKnownPlace } from '../geo.js';
import { STREET_TYPES } from '../lexicon/places.js';
import type { Scan } from './scan.js';
import { isNameToken } from './shared.js';

/** Longest unknown name taken from a list, in tokens. */
const MAX_NAME_TOKENS = 3;
/** Items looked at on each side. */
const REACH = 4;

export function placesInLists(s: Scan): void {
  const { tokens, used } = s;
  s.rule = 'place-in-list';
  const placeAt = new Array<boolean>(tokens.length).fill(false);
  for (const m of s.out) if (m.type === 'place' && !m.common) for (let k = m.from; k < m.to; k++) placeAt[k] = true;
  const isSep = (k: number) => tokens[k]?.text === ',' || tokens[k]?.lower === 'and' || tokens[k]?.lower === 'or';

  /** The list items on one side of [from, to): for each, whether it is a place. */
  const itemsBeside = (from: number, to: number, dir: -1 | 1): boolean[] => {
    const out: boolean[] = [];
    let k = dir < 0 ? from - 1 : to;
    while (out.length < REACH && isSep(k)) {
      while (isSep(k)) k += dir;
      const t = tokens[k];
      if (!t || !(isNameToken(t) || placeAt[k])) break;
      out.push(placeAt[k]!);
      while (tokens[k] && !isSep(k) && (isNameToken(tokens[k]!) || placeAt[k]) && tokens[k]!.kind !== 'punct') k += dir;
      // A place's own qualifier punctuation ("Sioux Falls, S.D.") stays inside its mention.
      while (tokens[k] && placeAt[k]) k += dir;
    }
    return out;
  };

  // Twice: a name found in the list makes its neighbour's case ("Harwinton, Bantam, Litchfield").
  for (let round = 0; round < 2; round++) addRound();

  function addRound(): void {
    for (const [from, to] of s.chunkList) {
      if (to - from > MAX_NAME_TOKENS) continue;
      let free = true;
      for (let k = from; k < to; k++) if (used[k] || placeAt[k]) free = false;
      if (!free) continue;
      // "of Main Street, Tipperary,": the town of an address.
      const street = tokens[from - 2];
      if (tokens[from - 1]?.text === ',' && street?.cap && STREET_TYPES.has(street.lower)) {
        s.rule = 'place-after-address';
        s.addPlace(from, to, s.slice(from, to), true);
        s.rule = 'place-in-list';
        for (let k = from; k < to; k++) placeAt[k] = true;
        continue;
      }
      const before = itemsBeside(from, to, -1);
      const after = itemsBeside(from, to, 1);
      const places = [...before, ...after].filter(Boolean).length;
      // Two places make a list of places; one beside a name the gazetteer knows does too
      // ("Gainesville and Lindsay": a town taken for a first name).
      const known = places >= 1 && isKnownPlace(s.slice(from, to));
      if ((places >= 2 || known) && (before[0] || after[0])) {
        s.addPlace(from, to, s.slice(from, to), true);
        for (let k = from; k < to; k++) placeAt[k] = true;
      }
    }
  }
}
