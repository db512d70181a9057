/**
 * Pass: places named by how a state or a people acts, not by where something is. A country (or a
 * capital) that the rules made a party is still a use of its name ("Iran said", "Russia's defence
 * ministry", "the Sudan Liberation Army"), and so is a demonym ("Iraqi forces", "Russian
 * officials", "the Palestinians"): each becomes a place mention of use ACTOR or DEMONYM inside
 * the party's span, its Party untouched. Geoparsing corpora count these as toponyms; the uses
 * let a scorer (or a reader) that wants only literal places leave them out.
 */
import { foldName } from '../../names.js';
import { capitalCountry, countryOfName, isKnownPlace } from '../geo.js';
import { STATELESS_DEMONYMS } from '../lexicon/parties.js';
import {
  CONTINENT_DEMONYMS,
  DEMONYM_CITY_POPULATION,
  EPONYM_ADJECTIVES,
  PLACE_DEMONYM_ENDINGS,
} from '../lexicon/places.js';
import { countryByCode, lookupPlaceMatches } from '../gazetteer.js';
import type { PlaceUse } from '../types.js';
import type { Scan } from './scan.js';
import { isAcronym, titleWithin } from './shared.js';
import { isCommonWord, isFirstName } from '../wordclass.js';
import { memo } from '../memo.js';
import type { PartyMention } from './types.js';

/** Longest country name or demonym considered, in tokens ("the United Arab Emirates", "Sri Lankan"). */
const MAX_NAME_TOKENS = 4;

export function actorPlaces(s: Scan): void {
  const { tokens } = s;
  const placeTokens = new Array<boolean>(tokens.length).fill(false);
  for (const m of s.out) if (m.type === 'place') for (let k = m.from; k < m.to; k++) placeTokens[k] = true;
  const parties = s.out.filter((m): m is PartyMention => m.type === 'party' && !m.reference);

  // A place inside a party's name names who the party belongs to ("the Baku government",
  // "Gainesville Police", "Fargo Mayor X"), not where anything happens.
  for (const p of s.out)
    if (p.type === 'place' && !p.common && parties.some((m) => m.start <= p.start && p.end <= m.end)) p.use = 'ACTOR';

  s.rule = 'actor-place';
  for (const m of parties) {
    for (let k = m.from; k < m.to; ) {
      const found = placeNameAt(s, k, m.to, placeTokens);
      // In a person's mention only a title's qualifier ("Georgian President X"), never the name ("Jordan Smith").
      if (!found || (m.kind === 'PERSON' && !titleWithin(tokens, found.to, m.to))) {
        k++;
        continue;
      }
      s.notePlace(k, found.to, found.name, false, { use: found.use, ...derivedRule(found) });
      k = found.to;
    }
    // A capital standing for its government ("Moscow said", "a claim Kyiv denied").
    const from = tokens[m.from]?.lower === 'the' ? m.from + 1 : m.from;
    if (m.kind === 'STATE' && !placeTokens[from] && !s.out.some((p) => p.type === 'place' && p.from === from)) {
      const name = s.slice(from, m.to);
      if (capitalCountry(name) || (isKnownPlace(name) && !countryOfName(name)))
        s.notePlace(from, m.to, name, false, { use: 'ACTOR' });
    }
  }

  // A demonym no rule took: an adjective ("Armenian sites", "American people"), a people
  // ("Afghans"), or a country's demonym starting a name ("American Airlines", "the Russian
  // Museum": the name does name the country, as geoparsing corpora count it); or a country's name.
  s.rule = 'demonym';
  for (let k = 0; k < tokens.length; ) {
    if (s.isUsed(k) || placeTokens[k] || !tokens[k]!.cap) {
      k++;
      continue;
    }
    const found = placeNameAt(s, k, Math.min(tokens.length, k + MAX_NAME_TOKENS), placeTokens, true);
    if (found && (standsAlone(s, found.to) || (found.use === 'DEMONYM' && !found.derived))) {
      // A country's name no rule took before a word is where that is ("U.S. cities", "U.S. 95",
      // "U.S. territory"); before punctuation it is a state acting in a list or compound
      // ("the U.S., French and Royal navies", "a U.S.-led coalition", "the U.K.'s ship").
      const next = tokens[found.to];
      const modifies = next && (next.kind === 'word' || next.kind === 'number');
      s.notePlace(k, found.to, found.name, false, {
        use: found.use === 'DEMONYM' ? 'DEMONYM' : modifies ? 'PLACE' : 'ACTOR',
        ...derivedRule(found),
      });
      k = found.to;
    } else k++;
  }
}

/**
 * The country name or demonym starting at token k, longest first, within [k, limit): a demonym
 * is its country's mention of use DEMONYM, a country's name one of use ACTOR.
 */
function placeNameAt(
  s: Scan,
  k: number,
  limit: number,
  placeTokens: boolean[],
  unusedOnly = false,
): { to: number; name: string; use: PlaceUse; derived?: true } | null {
  const { tokens } = s;
  const t = tokens[k]!;
  if ((!t.cap && !isAcronym(t)) || t.lower === 'the') return null;
  for (let to = Math.min(limit, k + MAX_NAME_TOKENS); to > k; to--) {
    let free = true;
    for (let j = k; j < to; j++) if (placeTokens[j] || (unusedOnly && s.isUsed(j))) free = false;
    if (!free || !tokens[to - 1]!.cap) continue;
    const phrase = s.slice(k, to);
    const country = countryOfName(phrase);
    // The country's own name, not the written one: "U.S. District Judge" is not a place "U.S. District".
    if (country) return { to, name: country.name, use: 'ACTOR' };
    const demonym = s.resolveDemonymToken(k, to);
    const place = demonym?.code ? countryByCode(demonym.code) : null;
    if (place) return { to, name: place.name, use: 'DEMONYM' };
    const continent = CONTINENT_DEMONYMS[foldName(phrase)];
    if (continent) return { to, name: continent, use: 'DEMONYM' };
    const region = placeOfDemonym(phrase);
    if (region) return { to, name: region, use: 'DEMONYM', derived: true };
  }
  return null;
}

/** A demonym derived from a region's or city's name records a rule of its own ("Ohioans"). */
function derivedRule(found: { derived?: true }): { rule: string } | undefined {
  return found.derived ? { rule: 'region-demonym' } : undefined;
}

/**
 * The region or large city a demonym of no country names ("Ohioans" → Ohio, "Londoner" →
 * London, "Central Americans" → Central America): its ending undone, a first-level division, a
 * region or, for a people in the plural ("Londoners"; "the New Yorker" is a magazine, "Grader"
 * a surname), a city of at least DEMONYM_CITY_POPULATION; not an eponym ("Victorian"), a first
 * name, an English word or a place's own name.
 */
// Capitalised words recur in every article: each is derived once.
export const placeOfDemonym = memo((phrase: string): string | null => derivedDemonymPlace(phrase));

function derivedDemonymPlace(phrase: string): string | null {
  const key = foldName(phrase);
  // Capitalised words only, no article ("An American") or punctuation.
  if (!/^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*$/u.test(phrase) || /^(?:A|An|The) /.test(phrase)) return null;
  if (EPONYM_ADJECTIVES.has(key) || STATELESS_DEMONYMS.has(key)) return null;
  const plural = /(?:ans|ites|ers)$/.test(phrase);
  const singular = plural ? phrase.slice(0, -1) : phrase;
  // A word of its own: a first name ("Logan", "Susan"), an English word ("Further"), a place ("Milan").
  const last = singular.split(' ').pop()!;
  if (isFirstName(last) || isCommonWord(last) || isCommonWord(phrase) || isKnownPlace(singular)) return null;
  for (const [ending, placeEnding] of PLACE_DEMONYM_ENDINGS) {
    if (!singular.endsWith(ending)) continue;
    const name = singular.slice(0, -ending.length) + placeEnding;
    if (name.length < 3 || !isKnownPlace(name)) continue;
    const big = lookupPlaceMatches(name, false).some(
      (m) =>
        m.via === 'name' &&
        (m.place.featureCode === 'ADM1' ||
          m.place.featureCode === 'RGN' ||
          (plural && m.place.precision === 'CITY' && m.place.population >= DEMONYM_CITY_POPULATION)),
    );
    if (big) return name;
  }
  return null;
}

/**
 * A demonym ends where a lower-case word, punctuation or the sentence follows, not a capitalised
 * name ("American Airlines"); but an acronym or a known party after it is what it qualifies
 * ("the Georgian MoD", "Turkish TV channels", "Russian ICBMs", "the Czech EU presidency", "an
 * Iranian Red Crescent official").
 */
function standsAlone(s: Scan, to: number): boolean {
  const next = s.tokens[to];
  if (!next?.cap) return true;
  if (next.text.length <= 5 && (next.text.match(/[A-Z]/g)?.length ?? 0) >= 2) return true;
  return s.out.some((m) => m.type === 'party' && m.from === to && m.rule === 'known-party');
}
