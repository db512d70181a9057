/**
 * Pass 4: places that are not names. References back ("the city", "the besieged town"),
 * resolved after geocoding, and sites ("destroyed two bridges", "at a hospital").
 */
import { CUE_FORMS } from '../cues.js';
import { NP_COLLECTIVES, NP_DETERMINERS, NP_STOP } from '../lexicon/mention-words.js';
import {
  PLACE_PREPOSITIONS,
  PLACE_REFERENCE_NOUNS,
  SITE_NOUNS,
  SITE_PREPOSITIONS,
  SITE_VERBS,
} from '../lexicon/roles.js';
import {
  DEICTIC_PLACES,
  ENGAGING_VERBS,
  LOCATION_NOUNS,
  MOTION_VERBS,
  ROUTE_PREPOSITIONS,
  VICINITY_NOUNS,
} from '../lexicon/places.js';
import { isCommonNoun, isVerbForm } from '../wordclass.js';
import { isJoinedParticleName } from './shared.js';
import type { Scan } from './scan.js';

export function placeReferencesAndSites(s: Scan): void {
  s.rule = 'place-reference-or-site';
  placeReferences(s);
  sites(s);
  deicticPlaces(s);
}

/** "arrived here", "won't get there": where someone goes, said by pointing; a site, never geocoded. */
function deicticPlaces(s: Scan): void {
  const { tokens, used } = s;
  tokens.forEach((t, k) => {
    if (used[k] || !DEICTIC_PLACES.has(t.lower) || !MOTION_VERBS.has(tokens[k - 1]?.lower ?? '')) return;
    s.notePlace(k, k + 1, t.text, true, { common: 'site' });
    s.mark(k, k + 1);
  });
}

/** "the city", "the Iraqi city", "the besieged town": a place named earlier (resolved after geocoding). */
function placeReferences(s: Scan): void {
  const { tokens, text, used } = s;
  for (let i = 0; i < tokens.length; i++) {
    if (used[i] || !/^(?:the|this)$/.test(tokens[i]!.lower)) continue;
    let k = i + 1;
    while (
      k < i + 3 &&
      tokens[k] &&
      !used[k] &&
      !PLACE_REFERENCE_NOUNS[tokens[k]!.lower] &&
      tokens[k]!.kind === 'word' &&
      (!tokens[k]!.cap || s.resolveDemonymToken(k, k + 1))
    )
      k++;
    // "the country's second-largest city": the reference is the city, the country its owner.
    if (PLACE_REFERENCE_NOUNS[tokens[k]?.lower ?? ''] && /^['’]s$/.test(tokens[k + 1]?.text ?? '')) {
      let m = k + 2;
      while (
        m < k + 4 &&
        tokens[m] &&
        !used[m] &&
        tokens[m]!.kind === 'word' &&
        !tokens[m]!.cap &&
        !PLACE_REFERENCE_NOUNS[tokens[m]!.lower]
      )
        m++;
      if (tokens[m] && !used[m] && PLACE_REFERENCE_NOUNS[tokens[m]!.lower]) k = m;
    }
    const noun = tokens[k];
    const refersTo = noun && !noun.cap && !used[k] ? PLACE_REFERENCE_NOUNS[noun.lower] : undefined;
    if (!refersTo) continue;
    const after = tokens[k + 1];
    // "the city of Mosul" is a name; "20 percent of the city of enemy forces" is the reference.
    const ofName = after?.lower === 'of' && isNameAfterOf(s, k + 2);
    if (
      after &&
      (ofName ||
        (after.cap && after.kind === 'word') ||
        (after.kind === 'word' &&
          !after.cap &&
          isCommonNoun(after.text) &&
          !isVerbForm(after.text) &&
          !PLACE_PREPOSITIONS.has(after.lower)))
    )
      continue;
    s.notePlace(i, k + 1, text.slice(tokens[i]!.start, tokens[k]!.end), true, { common: 'reference', refersTo });
    s.mark(i, k + 1);
    i = k;
  }
}

/**
 * Sites: noun phrases headed by a site noun, as the object of a verb of attack or capture
 * (and the list that follows it: "destroyed a VBIED, a fighting position and a tunnel
 * entrance") or after a place preposition ("at a hospital", "against ISIL targets").
 */
function sites(s: Scan): void {
  const { tokens, text, used } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (used[i] || t.cap) continue;
    const verb = SITE_VERBS.has(t.lower) || ENGAGING_VERBS.has(t.lower);
    if (!verb && !SITE_PREPOSITIONS.has(t.lower) && !ROUTE_PREPOSITIONS.has(t.lower)) continue;
    let k = i + 1;
    // "in the vicinity of the airfield": the site is what the vicinity is of.
    if (!verb) k = pastVicinity(s, k);
    for (let items = 0; items < 12 && k < tokens.length; items++) {
      const np = nounPhrase(s, k);
      if (!np) break;
      const head = tokens[np.to - 1]!;
      if (np.to > np.from && (SITE_NOUNS.has(head.lower) || LOCATION_NOUNS.has(head.lower)) && !head.cap) {
        const name = text.slice(tokens[np.nameFrom]!.start, head.end);
        s.notePlace(np.from, np.to, name, true, { common: 'site' });
        s.mark(np.from, np.to);
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
function nounPhrase(s: Scan, k: number): { from: number; nameFrom: number; to: number } | null {
  const { tokens, used } = s;
  // "to liberate territory": a verb of its own, not a noun phrase.
  if (tokens[k] && SITE_VERBS.has(tokens[k]!.lower)) return null;
  let from = k;
  let j = k;
  if (tokens[j] && NP_DETERMINERS.test(tokens[j]!.lower) && !used[j]) j++;
  // "dozens of villages", "a group of buildings"
  if (tokens[j] && NP_COLLECTIVES.has(tokens[j]!.lower) && tokens[j + 1]?.lower === 'of') j += 2;
  // "liberated dozens of villages": the count was read as the determiner.
  else if (j > k && NP_COLLECTIVES.has(tokens[j - 1]!.lower) && tokens[j]?.lower === 'of') j++;
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
    // "returned to base safely": an adverb ends the phrase.
    if (end > j && /ly$/.test(w.lower) && !isCommonNoun(w.text)) break;
    if (end > j && (w.kind === 'number' || NP_DETERMINERS.test(w.lower))) break;
    end++;
  }
  // "three ISIL tactical units": all taken by parties, but the list goes on past it.
  if (end <= j) return end > k ? { from: end, nameFrom: end, to: end } : null;
  return { from, nameFrom: Math.max(nameFrom, from), to: end };
}

/** Past "the vicinity of", "the outskirts of" from token k, else k. */
function pastVicinity(s: Scan, k: number): number {
  const { tokens, used } = s;
  const j = tokens[k]?.lower === 'the' ? k + 1 : k;
  return tokens[j] && !used[j] && VICINITY_NOUNS.has(tokens[j]!.lower) && tokens[j + 1]?.lower === 'of' ? j + 2 : k;
}

/** A name after "of" ("the city of Mosul", "the town of al-Bab"), skipping "the". */
function isNameAfterOf(s: Scan, k: number): boolean {
  const t = s.tokens[k]?.lower === 'the' ? s.tokens[k + 1] : s.tokens[k];
  return !!t && (t.cap || isJoinedParticleName(t) || t.kind !== 'word');
}
