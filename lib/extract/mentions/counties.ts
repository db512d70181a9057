/**
 * US counties and parishes as local news names them, without their type word: "DuPage Sheriff
 * John Zaruba", "a Pointe Coupee teen", "Delegate Clif Moore, D-McDowell". The gazetteer knows
 * them only typed ("DuPage County"), so a mention of the bare name is named as the county.
 */
import { foldName } from '../../names.js';
import { lookupPlaceMatches, lookupVillageMatches } from '../gazetteer.js';
import { isKnownPlace } from '../geo.js';
import { COUNTY_FOLLOWERS, DIVISION_PLURALS, SETTLEMENT_WORDS, TOWN_OFFICES } from '../lexicon/places.js';
import { RESIDENT_NOUNS } from '../lexicon/mention-words.js';
import { memo } from '../memo.js';
import { isCommonWord, isFirstName, isLastName } from '../wordclass.js';
import { DIVISION_CODES } from './division-lists.js';
import type { Scan } from './scan.js';
import { isAcronym } from './shared.js';

/** Type words a US county or parish's name is written without. */
const BARE_DIVISION_TYPES = ['County', 'Parish'];

/** Longest bare county name, in tokens ("Prince William", "Pointe Coupee"). */
const MAX_TOKENS = 3;

const TYPE_WORD = new RegExp(
  `\\b(?:${[...BARE_DIVISION_TYPES, ...Object.values(DIVISION_PLURALS)].join('|')})\\b`,
  'i',
);

/**
 * The county or parish a name the gazetteer lacks stands for: the one typed name it knows as a
 * whole, as a division. Not when a village of the name lies in that county's country: the
 * village is as likely meant.
 */
export const countyOf = memo((name: string): string | null => {
  if (!/^\p{Lu}/u.test(name) || isKnownPlace(name)) return null;
  const found = BARE_DIVISION_TYPES.map((type) => `${name} ${type}`).filter((typed) => {
    const key = foldName(typed);
    return lookupPlaceMatches(typed, false).some(
      (m) => m.matchedKey === key && DIVISION_CODES.has(m.place.featureCode),
    );
  });
  if (found.length !== 1) return null;
  const countries = new Set(
    lookupPlaceMatches(found[0]!, false).flatMap((m) => (m.place.countryCode ? [m.place.countryCode] : [])),
  );
  return lookupVillageMatches(name, countries).length ? null : found[0]!;
});

/**
 * Pass, before the chunk rules: a county's bare name before a word for its offices or people
 * ("DuPage Sheriff", "the Pointe Coupee Sheriff's Office", "Avoyelles task force", "Preble
 * voters"). Noted inside whatever the chunk rules make of the whole.
 */
export function countiesBeforeOffices(s: Scan): void {
  const { tokens, used } = s;
  s.rule = 'county-before-office';
  for (let k = 0; k < tokens.length; k++) {
    // The name starts a capitalised run: "Bradford Woods Mayor" is not Woods County's.
    const prev = tokens[k - 1];
    if (prev && prev.kind === 'word' && prev.cap && !/^(?:the|a|an)$/.test(prev.lower)) continue;
    for (let to = Math.min(tokens.length - 1, k + MAX_TOKENS); to > k; to--) {
      const next = tokens[to]!;
      if (!(COUNTY_FOLLOWERS.has(next.lower) || TOWN_OFFICES.has(next.lower) || RESIDENT_NOUNS.has(next.lower)))
        continue;
      // "Cross City", "Falls Village": a settlement word after a name is part of it.
      if (SETTLEMENT_WORDS.includes(next.lower) || next.kind !== 'word') continue;
      const words = tokens.slice(k, to);
      if (words.some((w, i) => used[k + i] || !w.cap || w.kind !== 'word' || isAcronym(w))) continue;
      if (!nameOnly(s, k, to)) continue;
      const county = countyOf(s.slice(k, to));
      if (!county) continue;
      s.notePlace(k, to, county, false);
      k = to;
      break;
    }
  }
}

/**
 * Words that can be nothing but a name: "White voters" and "Sanders officials" are a colour and
 * a candidate's, though White County and Sanders County exist.
 */
function nameOnly(s: Scan, from: number, to: number): boolean {
  const words = s.tokens.slice(from, to);
  if (isFirstName(words[0]!.text)) return false;
  if (to - from > 1) return !words.every((w) => isCommonWord(w.text));
  const word = words[0]!.text;
  return !isCommonWord(word) && !isLastName(word) && !s.ctx.surnames.has(foldName(word));
}

/**
 * Pass, before the chunk rules: a county written short as AP style does ("Platte Co. tops 32K",
 * "PLYMOUTH CO. -"): the name and "Co." are the county, when the gazetteer knows "<name>
 * County". A company's name ends in "Co." too ("Ford Motor Co."), but is no county's.
 */
export function shortCounties(s: Scan): void {
  const { tokens, used } = s;
  // A dateline taken whole before this pass ("PLYMOUTH CO. -").
  for (const m of s.out) {
    const short = m.type === 'place' ? /^(.+) (?:Co|CO)\.$/.exec(m.name) : null;
    const county = short ? knownCounty(titleCase(short[1]!)) : null;
    if (m.type === 'place' && county) {
      m.name = county;
      m.rule = `${m.rule}+short-county`;
    }
  }
  s.rule = 'short-county';
  for (let k = 1; k < tokens.length; k++) {
    if (used[k] || !/^(?:Co|CO)\.$/.test(tokens[k]!.text)) continue;
    let from = k;
    while (
      from > 0 &&
      k - from < MAX_TOKENS &&
      !used[from - 1] &&
      tokens[from - 1]!.kind === 'word' &&
      tokens[from - 1]!.cap
    )
      from--;
    for (let f = from; f < k; f++) {
      const name = knownCounty(titleCase(s.slice(f, k)));
      if (!name) continue;
      s.addPlace(f, k + 1, name, false);
      break;
    }
  }
}

/** "<name> County" when the gazetteer knows it as a whole, as a division; else null. */
function knownCounty(name: string): string | null {
  const typed = `${name} County`;
  const key = foldName(typed);
  return lookupPlaceMatches(typed, false).some((m) => m.matchedKey === key && DIVISION_CODES.has(m.place.featureCode))
    ? typed
    : null;
}

/** "PLYMOUTH" → "Plymouth": a dateline's capitals as a name. */
function titleCase(name: string): string {
  return name.replace(/\p{L}+/gu, (w) => (w === w.toUpperCase() ? w[0]! + w.slice(1).toLowerCase() : w));
}

/**
 * Pass, last: a place mention whose name the gazetteer knows only as a county's ("D-Monongalia",
 * "Sarpy" in a list of counties): named as the county.
 */
export function bareCountyNames(s: Scan): void {
  for (const m of s.out) {
    if (m.type !== 'place' || m.common || m.use !== 'PLACE' || TYPE_WORD.test(m.name)) continue;
    const typed = countyOf(m.name);
    if (!typed || !nameOnly(s, m.from, m.to)) continue;
    m.name = typed;
    m.rule = `${m.rule}+as-county`;
  }
}
