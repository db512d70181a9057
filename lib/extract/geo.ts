/**
 * The few gazetteer questions that mention finding asks, with the project's own demonym
 * aliases in front ("Azeri", "U.S.") and memoised, since the same names recur in every sentence.
 */
import { foldName } from '../names.js';
import { countryByDemonym, countryByName, isKnownPlaceName, lookupPlaces } from './gazetteer.js';
import { DEMONYM_ALIASES } from './lexicon/parties.js';

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

function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key: string) => {
    let v = cache.get(key);
    if (v === undefined && !cache.has(key)) {
      v = fn(key);
      if (cache.size > 50_000) cache.clear();
      cache.set(key, v);
    }
    return v as T;
  };
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
