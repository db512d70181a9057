/**
 * The few gazetteer questions that mention finding asks, with the project's own demonym
 * aliases in front ("Azeri", "U.S.") and memoised, since the same names recur in every sentence.
 */
import { foldName } from '../names.js';
import {
  countryByCode,
  countryByDemonym,
  countryByName,
  isKnownPlaceName,
  isVillageName,
  lookupPlaceMatches,
  lookupPlaces,
} from './gazetteer.js';
import { DEMONYM_ALIASES } from './lexicon/parties.js';
import { TRAILING_DIVISION_TYPE } from './lexicon/places.js';
import { memo } from './memo.js';

export interface Demonym {
  /** Canonical form ("Azerbaijani" for "Azeri"). */
  demonym: string;
  code: string | null;
  /** Used as a noun for the people ("Azeris", "the Turks"). */
  plural: boolean;
}

const CANONICAL_DEMONYM = new Map<string, string>();
for (const { demonym, code } of Object.values(DEMONYM_ALIASES)) {
  if (!CANONICAL_DEMONYM.has(code)) CANONICAL_DEMONYM.set(code, demonym);
}

export const resolveDemonym = memo((phrase: string): Demonym | null => {
  const key = foldName(phrase);
  if (!key || /\d/.test(key)) return null;
  const alias = DEMONYM_ALIASES[key];
  const plural = key.endsWith('s') && !key.endsWith('ss') && !key.endsWith('ese') && key !== 'us';
  if (alias) {
    if (key === 'us' && !/^(?:U\.?S\.?|US)$/.test(phrase.trim())) return null;
    return { demonym: alias.demonym, code: alias.code, plural: plural && key !== 'u s' && !['swiss'].includes(key) };
  }
  if (/^[A-Z]{2,}$/.test(phrase)) return null;
  const country = countryByDemonym(phrase);
  if (!country?.countryCode) return null;
  // A country's own name is not its demonym ("Israel" vs "Israeli").
  if (foldName(country.name) === key) return null;
  const singular = plural && countryByDemonym(phrase.slice(0, -1)) ? phrase.slice(0, -1) : phrase;
  return {
    demonym: CANONICAL_DEMONYM.get(country.countryCode) ?? singular,
    code: country.countryCode,
    plural: plural && singular !== phrase,
  };
});

export function demonymOf(code: string): string | null {
  return CANONICAL_DEMONYM.get(code) ?? null;
}

export interface Country {
  code: string;
  name: string;
}

export const countryOfName = memo((name: string): Country | null => {
  const alias = DEMONYM_ALIASES[foldName(name)];
  if (alias && /^(?:U\.?S\.?A?|US|UK|U\.K\.)$/.test(name.trim())) {
    return { code: alias.code, name: alias.code === 'US' ? 'United States' : 'United Kingdom' };
  }
  const place = countryByName(name.replace(/^the\s+/i, ''));
  return place?.countryCode ? { code: place.countryCode, name: place.name } : null;
});

export const countryCodeOfPlace = memo((name: string): string | null => lookupPlaces(name)[0]?.countryCode ?? null);

export const isKnownPlace = memo((name: string): boolean => isKnownPlaceName(name));

/**
 * Known as a place, a village among them: only where the words around the name already say it
 * is a place ("to Yellow Springs", "Stephen Davis, of Chiefland"); the village tier says which.
 */
export const isKnownPlaceOrVillage = memo((name: string): boolean => isKnownPlace(name) || isVillageName(name));

/**
 * The country whose capital `name` is ("Kyiv" → Ukraine), when the capital is the name's most
 * prominent namesake: a capital standing for its government ("a claim Kyiv denied").
 */
export const capitalCountry = memo((name: string): Country | null => {
  const matches = lookupPlaceMatches(name);
  const capital = matches.find((m) => m.place.featureCode === 'PPLC' && m.via !== 'alias')?.place;
  // A bigger town of that very name is meant as often (an alias elsewhere is not: "Islamabad").
  if (
    !capital?.countryCode ||
    matches.some((m) => m.place !== capital && m.via === 'name' && m.place.population > capital.population)
  )
    return null;
  const country = countryByCode(capital.countryCode);
  return country ? { code: capital.countryCode, name: country.name } : null;
});

/**
 * "Mosul, Iraq", "Woodbridge, Virginia", "Washington, D.C.": `qualifier` after a comma narrows
 * `base` down (a country or region, a name known with it, or a place in a country where `base`
 * has a namesake), rather than starting a list ("Mosul, Raqqa").
 */
export function qualifiesPlace(base: string, qualifier: string): boolean {
  const whole = foldName(`${base}, ${qualifier}`);
  if (lookupPlaceMatches(`${base}, ${qualifier}`).some((m) => m.matchedKey === whole)) return true;
  const baseCodes = new Set(lookupPlaces(base).map((p) => p.countryCode));
  const country = countryOfName(qualifier);
  if (country) return baseCodes.size === 0 || baseCodes.has(country.code);
  const q = lookupPlaces(qualifier);
  if (q.some((p) => p.precision === 'REGION')) return true;
  return q.some((p) => p.precision !== 'COUNTRY' && baseCodes.has(p.countryCode));
}

/** "Chin State", "Masisi territory": a division the gazetteer knows by this very phrase, type word included. */
export function namesTypedDivision(phrase: string): boolean {
  return (
    TRAILING_DIVISION_TYPE.test(phrase) &&
    lookupPlaceMatches(phrase, false).some((m) => m.place.precision === 'REGION' && m.matchedKey === foldName(phrase))
  );
}

/** `name` as a whole is a gazetteer name or alias (no wrapping words dropped): "West Bank". */
export const isExactPlace = memo((name: string): boolean =>
  lookupPlaceMatches(name).some((m) => m.matchedKey === foldName(name)),
);
