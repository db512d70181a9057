/**
 * Chunk rules for places: names the gazetteer knows or a pattern shows ("the city of X", "X
 * province", "Camp Hurriya"), and unknown names after a place preposition. A country's name may
 * be a party instead (states.ts decides); a place's span takes its type word, qualifier and
 * introducing phrase.
 */
import { foldName } from '../../names.js';
import {
  capitalCountry,
  countryCodeOfPlace,
  countryOfName,
  demonymOf,
  isExactPlace,
  isKnownPlace,
  isKnownPlaceOrVillage,
  namesTypedDivision,
  qualifiesPlace,
  resolveDemonym,
} from '../geo.js';
import { STATELESS_DEMONYMS } from '../lexicon/parties.js';
import type { PlaceUse } from '../types.js';
import { countryByCode, isVillageName, lookupPlaceMatches } from '../gazetteer.js';
import { memo } from '../memo.js';
import {
  ADJECTIVE_LIKE,
  DIVISION_WORDS,
  FACILITY_WORDS,
  FRONT_SUFFIXES,
  INTRODUCING_TYPES,
  LEADING_PLACE_WORDS,
  CAMP_KINDS,
  NAME_PARTICLES,
  PEOPLES,
  NAME_DIRECTIONS,
  NOT_PLACE_TYPES_AFTER,
  NOT_PLACE_TYPES_LAST,
  NOT_UNKNOWN_PLACE_PREPOSITIONS,
  NP_STOP,
  PLACE_TYPE_SUFFIXES,
  HOLIDAYS,
} from '../lexicon/mention-words.js';
import {
  COMPASS_POINTS,
  CONTINENT_DEMONYMS,
  ERAS,
  LEGISLATOR_PARTIES,
  NAMED_DIVISION_ENDINGS,
  NOT_PLACE_NAME_ENDINGS,
  PARTY_MEMBER_NOUNS,
  PLACES_OF_THEIR_OWN,
  PLURAL_DIVISION_HEADS,
  SEAT_BUILDINGS,
  provinceOfAbbreviation,
  TOWN_OFFICES,
  TOWN_SERVICE_WORDS,
  TRAILING_DIVISION_TYPE,
  US_STATE_ABBREVIATIONS,
} from '../lexicon/places.js';
import {
  DIRECTIONS,
  NON_ACTOR_HEADS,
  PERSON_TITLES,
  PLACE_LIST_HEADS,
  PLACE_PREPOSITIONS,
  PLACE_TYPES,
} from '../lexicon/roles.js';
import { isCommonWord, isFirstName, isLastName } from '../wordclass.js';
import type { Chunk } from './chunks.js';
import type { Scan } from './scan.js';
import type { Mention } from './types.js';
import {
  atSentenceStart,
  canonicalHead,
  extendLowerHead,
  HEAD_KEYS,
  headKind,
  isAcronym,
  isJoinedParticleName,
  isMixedAcronym,
  isNameToken,
  isPossessiveMark,
  KNOWN_BY_NAME,
  titleWithin,
} from './shared.js';
import {
  inCountryList,
  isActorPosition,
  isSpeakerPosition,
  isStateActor,
  possessiveState,
  stateOwned,
} from './states.js';

/** Places known to the gazetteer, or by pattern; a country may act as a state, a capital as its government. */
export function gazetteerOrPattern(s: Scan, { from, to, owner }: Chunk): boolean {
  const { tokens } = s;
  // An era is neither place nor party.
  if (isEra(s, from, to)) return true;
  const placeName = placeNameOf(s, from, to);
  if (placeName) {
    const country = countryOfName(placeName);
    // Country (or capital) + party noun: "Azerbaijan's defense ministry", "the Baku government".
    const lowerExt = extendLowerHead(tokens, to);
    const possessiveHead = tokens[to]?.text.match(/^['’]s$/) ? extendLowerHead(tokens, to + 1) : null;
    const headExt = lowerExt ?? possessiveHead;
    if (headExt && !NON_ACTOR_HEADS.has(headExt[1])) {
      const ownerName = country ? (demonymOf(country.code) ?? placeName) : placeName;
      const code = country?.code ?? countryCodeOfPlace(placeName);
      s.addParty(from, headExt[0], {
        kind: headKind(headExt[1]),
        name: `${ownerName} ${canonicalHead(headExt[1])}`,
        affiliation: code ?? placeName,
        head: headExt[1],
        knownAliases: [],
        reference: false,
      });
      // A city is mentioned too ("the Baku government" names Baku); a country is the affiliation.
      if (!country) s.notePlace(from, to, placeName, false);
      return true;
    }
    if (country && isPossessiveMark(tokens[to], tokens[to - 1]) && !owner) {
      possessiveState(s, from, to, placeName, country);
      return true;
    }
    if (country && stateOwned(s, from, to, country)) return true;
    if (
      country &&
      (isActorPosition(tokens, from, to) || isStateActor(tokens, from, to) || inCountryList(s, from, to))
    ) {
      s.addParty(from, to, {
        kind: 'STATE',
        name: country.name,
        affiliation: country.code,
        head: null,
        knownAliases: [],
        reference: false,
      });
      return true;
    }
    // A capital as the speaker stands for its government ("a claim Kyiv denied", "Moscow said").
    const seat = country ? null : capitalCountry(placeName);
    if (seat && isSpeakerPosition(tokens, from, to)) {
      s.addParty(from, to, {
        kind: 'STATE',
        name: seat.name,
        affiliation: seat.code,
        head: null,
        knownAliases: [seat.name, placeName],
        reference: false,
      });
      return true;
    }
    addPlaceSpan(s, from, to, placeName, false);
    return true;
  }
  const patterned = placeByPattern(s, from, to);
  if (!patterned) return false;
  const leading = namedAfterPlace(s, from, to);
  addPlaceSpan(s, from, to, leading ?? patterned, !leading);
  return true;
}

/**
 * The known place a facility or a body's premises is named after ("Springfield Science
 * Museum", "Henderson County Jail", "Mount Pleasant High School", "Vancouver International
 * Airport"): the gazetteer lacks the whole, so the place it lies in stands for it. Not a river,
 * a lake or a division ("Neches River", "Hamilton Township"), which are places of their own.
 */
export function namedAfterPlace(s: Scan, from: number, to: number): string | null {
  const { tokens } = s;
  if (to - from < 2) return null;
  // "Northeast Georgia", "Historic Dublin", "S. Jersey": a region or quarter of a known place.
  let start = from;
  while (start < to - 1 && PLACE_MODIFIERS.test(tokens[start]!.text)) start++;
  if (start > from) {
    const whole = placeNameOf(s, start, to);
    if (whole) return whole;
  }
  for (let end = Math.min(to - 1, start + 3); end > start; end--) {
    if (!tokens[end - 1]!.cap || tokens[end]?.lower === 'of') continue;
    // "Catawba River", "Hamilton Township": the place and its type word are a place of their own;
    // "Laurel County School District" is a body's district named after the county.
    // "Jordan Smith Hall" is no place's; "Laurel County School District" is the county's.
    if (isFirstName(tokens[start]!.text) && !NAMED_DIVISION_ENDINGS.has(tokens[end - 1]!.lower)) continue;
    if (end - start === 1 && isLastName(tokens[end]!.text)) continue;
    // "Jebel Moya": the feature's word alone is no place the name is named after (Jebel is also a town of Romania).
    if (end - start === 1 && LEADING_PLACE_WORDS.has(tokens[start]!.lower)) continue;
    const name = placeNameOf(s, start, end);
    if (!name) continue;
    return end === to - 1 && PLACES_OF_THEIR_OWN.has(tokens[to - 1]!.lower) ? null : name;
  }
  return null;
}

const HOLIDAY_NAMES = new Set(HOLIDAYS.map((h) => h.toLowerCase()));

/** Words before a place that name a part of it: compass words, their initials, "Historic", "Downtown", "Far". */
const PLACE_MODIFIERS =
  /^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Northeast|Northwest|Southeast|Southwest|N\.|S\.|E\.|W\.|N\.W\.|N\.E\.|S\.W\.|S\.E\.|Historic|Downtown|Uptown|Midtown|Metro|Greater|Far|Sub-Saharan|Upstate|Downstate)$/;

/**
 * A US state written short by AP style in a headline or before a noun ("Missing Ill. man",
 * "Mass. legislators", "Neb. jail"): the abbreviation, its period, then a lower-case word, so
 * the period ends no sentence and the word is no title ("Del. John Smith").
 */
export function shortUsState(s: Scan, { from, to }: Chunk): boolean {
  const { tokens } = s;
  const t = tokens[from]!;
  const dot = tokens[to];
  const after = tokens[to + 1];
  if (to - from !== 1 || /^[A-Z]+$/.test(t.text) || !dot || dot.text !== '.' || dot.start !== t.end) return false;
  const state = US_STATE_ABBREVIATIONS[t.text];
  if (!state || !after || after.kind !== 'word' || after.cap || s.isUsed(to)) return false;
  s.addPlace(from, to + 1, state, false);
  return true;
}

/** Prepositions after which a known place named like a person is the place ("in Regina"; not "to Regina"). */
const STRICT_PLACE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'inside']);

/**
 * Unknown name after a place preposition: a place the gazetteer lacks. Not after "on" ("wrote
 * on Telegram", "sanctions on Rosneft"), nor a name made of English words ("Exercise Eager
 * Lion", "to Counter ISIL").
 */
export function afterPlacePreposition(s: Scan, { from, to, name }: Chunk): boolean {
  const { tokens } = s;
  const first = tokens[from]!;
  const prev = tokens[from - 1];
  if (
    prev &&
    PLACE_PREPOSITIONS.has(prev.lower) &&
    !NOT_UNKNOWN_PLACE_PREPOSITIONS.has(prev.lower) &&
    (!mostlyEnglish(s, from, to) || isKnownPlaceOrVillage(name)) &&
    !s.isUsed(to) &&
    tokens[from - 2]?.lower !== 'according' &&
    (!isFirstName(first.text) || (STRICT_PLACE_PREPOSITIONS.has(prev.lower) && isKnownPlaceOrVillage(name))) &&
    !atSentenceStart(tokens, from) &&
    to - from <= 3 &&
    !isAcronym(first) &&
    !knownCompound(first.text) &&
    // "between Fulani herders and farmers": a people is no place.
    !((PEOPLES.has(first.lower) || STATELESS_DEMONYMS.has(first.lower)) && !isKnownPlace(name)) &&
    // "in Asian markets": a continent's demonym is the continent's mention, which the demonym pass makes.
    !CONTINENT_DEMONYMS[foldName(name)] &&
    // "in Easter week", "during Ramadan": a feast is a time.
    !HOLIDAY_NAMES.has(first.lower) &&
    // "at American Woodmark", "at American Electric's plant": a name a country's demonym starts is a body's.
    !(to - from > 1 && !isKnownPlace(name) && s.resolveDemonymToken(from, from + 1)?.code)
  ) {
    const leading = namedAfterPlace(s, from, to);
    addPlaceSpan(s, from, to, leading ?? name, !leading);
    return true;
  }
  return false;
}

/**
 * An unknown name before a comma and a US state written short ("Dennis Lopez of Thackerville,
 * Okla.", "Amy Booth, of Fowlerville, Mich., said", "Friedensburg, Pa."): the dateline's and the
 * address's form, which names a town. Not a name of English words ("However, Texas ...") nor a
 * person's first and last name.
 */
export function beforeUsState(s: Scan, { from, to, name }: Chunk): boolean {
  const { tokens } = s;
  if (to - from > 3 || tokens[to]?.text !== ',' || s.isUsed(to)) return false;
  const end = usStateAbbreviationEnd(s, to + 1);
  if (!end) return false;
  const after = tokens[end];
  if (after && after.kind === 'word' && after.cap) return false;
  const words = tokens.slice(from, to);
  if (words.some((w) => isAcronym(w) || !w.cap) || mostlyEnglish(s, from, to)) return false;
  // "Tom Baxley, Ga.": a person's name and the state they are from.
  if (to - from >= 2 && isFirstName(words[0]!.text)) return false;
  const known = isKnownPlace(name);
  addPlaceSpan(s, from, to, name, !known);
  return true;
}

/**
 * An all-caps name the gazetteer knows as a place's acronym, a country's name or a place's own
 * name in capitals ("UAE", "DRC", a dateline's "KYIV"); not one of GeoNames' alternate names.
 */
function isPlaceAcronym(name: string): boolean {
  return lookupPlaceMatches(name, false).some(
    (m) => m.via === 'acronym' || m.via === 'name' || m.place.precision === 'COUNTRY',
  );
}

/** "575 B.C.", "AD 70": an era beside a year, not British Columbia. */
function isEra(s: Scan, from: number, to: number): boolean {
  const { tokens } = s;
  return (
    to - from === 1 &&
    ERAS.has(tokens[from]!.text) &&
    (tokens[from - 1]?.kind === 'number' || tokens[to]?.kind === 'number')
  );
}

/**
 * The US state a dotted abbreviation names ("S.C.", "N.Y.", "D.C."): written so it is no word or
 * acronym of anything else, wherever it stands.
 */
export function dottedUsState(text: string): string | null {
  return /^(?:[A-Z]\.){2}$/.test(text) ? (US_STATE_ABBREVIATIONS[text.slice(0, -1)] ?? null) : null;
}

/** The place a chunk names, if the gazetteer knows it (type word stripped), else null. */
export function placeNameOf(s: Scan, from: number, to: number): string | null {
  const { tokens } = s;
  const chunkText = s.slice(from, to);
  const state = to - from === 1 ? dottedUsState(chunkText) : null;
  if (state) return state;
  // "-- A city court": a lone capital letter is an article or an initial.
  if (to - from === 1 && chunkText.length === 1) return null;
  if (isEra(s, from, to)) return null;
  // An acronym is a place only as a known place acronym ("UAE", "DRC"): "(ELN)" is an armed group, not a village.
  if (to - from === 1 && /^[A-Z]{2,6}$/.test(chunkText) && !isPlaceAcronym(chunkText)) return null;
  // "FAMa" is the Malian army, not Fama: written so, a name is a place only as a place's acronym.
  if (
    to - from === 1 &&
    isMixedAcronym(chunkText) &&
    !lookupPlaceMatches(chunkText, false).some((m) => m.via === 'acronym')
  )
    return null;
  // "Chin state", "Rivers state": a word that is also a common noun names the division the gazetteer knows so typed.
  if (to - from === 1 && tokens[to] && !tokens[to]!.cap && namesTypedDivision(`${chunkText} ${tokens[to]!.text}`))
    return chunkText;
  if (
    to - from === 1 &&
    isCommonWord(tokens[from]!.text) &&
    !tokens[from]!.text.match(/^[A-Z]{2,}$/) &&
    !bigCityWritten(s, from)
  )
    return null;
  if (to - from === 1 && isFirstName(tokens[from]!.text) && !isKnownCountryOrCapital(chunkText)) return null;
  if (isKnownPlace(chunkText)) return knownWhole(chunkText) ? chunkText : stripPlaceType(chunkText);
  // "East Mosul", "Northern Gaza": a compass word before a known place the gazetteer lacks as a whole.
  if (to - from >= 2 && DIRECTIONS.has(tokens[from]!.lower) && tokens[from]!.cap) {
    const rest = s.slice(from + 1, to);
    // "North Kansas City" lies by Kansas City, not in Kansas.
    if (isKnownPlace(rest) && !countryOfName(rest)) return knownWhole(rest) ? rest : stripPlaceType(rest);
  }
  // "Far North Queensland", "Upstate New York": two words for a part of a known place.
  if (to - from >= 3 && PLACE_MODIFIERS.test(tokens[from]!.text) && PLACE_MODIFIERS.test(tokens[from + 1]!.text)) {
    const rest = s.slice(from + 2, to);
    if (isKnownPlace(rest) && !countryOfName(rest)) return knownWhole(rest) ? rest : stripPlaceType(rest);
  }
  return null;
}

/**
 * A place mention with the words that belong to its span: the division it names ("the eastern
 * Donetsk region": name "Donetsk region"), a country or region that qualifies it ("Mosul, Iraq",
 * "Washington, D.C."), the phrase that introduces it ("the Iraqi city of Mosul", "the village
 * of X") and a compass adjective ("northern Syria"). The name stays the place's own.
 */
export function addPlaceSpan(s: Scan, from: number, to: number, name: string, patternOnly: boolean): void {
  const { tokens, used } = s;
  let f = from;
  let t = to;
  let n = name;
  let qualifier: { from: number; to: number } | null = null;
  const next = tokens[t];
  if (next && !next.cap && !used[t] && DIVISION_WORDS.has(next.lower) && !DIVISION_WORDS.has(tokens[t - 1]!.lower)) {
    n = `${n} ${next.text}`;
    t++;
  } else if (next?.text === ',' && !countryOfName(name)) {
    const q = qualifierEnd(s, t + 1, name);
    if (q) {
      qualifier = { from: t + 1, to: q };
      t = q;
    }
  }
  const prev = tokens[f - 1];
  if (prev?.lower === 'of' && !used[f - 1]) {
    let k = f - 2;
    if (tokens[k] && !tokens[k]!.cap && !used[k] && INTRODUCING_TYPES.has(tokens[k]!.lower)) {
      const typeAt = k;
      k--;
      // "the Iraqi city of", "the northwest province of", "the mining town of": modifiers back to the article.
      while (
        k >= 0 &&
        typeAt - k < 4 &&
        !used[k] &&
        tokens[k]!.kind === 'word' &&
        !NP_STOP.has(tokens[k]!.lower) &&
        !/^(?:the|a|an)$/.test(tokens[k]!.lower) &&
        (!tokens[k]!.cap || s.resolveDemonymToken(k, k + 1))
      )
        k--;
      f = k >= 0 && !used[k] && /^(?:the|a|an)$/.test(tokens[k]!.lower) ? k : typeAt;
    }
  } else if (prev && !prev.cap && !used[f - 1] && DIRECTIONS.has(prev.lower) && !NAME_DIRECTIONS.has(prev.lower)) {
    f--;
  }
  s.addPlace(f, t, n, patternOnly);
  // "Paris, Texas", "Mosul, Iraq": the text names the qualifier too, a place of its own inside the span.
  if (qualifier) {
    const rule = s.rule;
    s.rule = 'qualifier';
    s.notePlace(qualifier.from, qualifier.to, qualifierName(s, qualifier.from, qualifier.to), false);
    s.rule = rule;
  }
}

/** The name of a qualifier: a US state's or Canadian province's in full for its abbreviation ("Ind." → Indiana, "Man." → Manitoba). */
function qualifierName(s: Scan, from: number, to: number): string {
  const written = s.slice(from, to);
  return provinceOfAbbreviation(written.replace(/\.$/, '').replace(/\. /g, '.'))?.name ?? written.replace(/\.$/, '');
}

/** ", Iraq" after a place: the end of the qualifier, when it is a country or region and not a list. */
function qualifierEnd(s: Scan, k: number, base: string): number | null {
  const { tokens, used } = s;
  const state = usStateAbbreviationEnd(s, k);
  if (state) return state;
  let e = k;
  // "Jamundí, Valle del Cauca": a particle inside the qualifier's name, between capitalised words.
  const inName = (j: number) =>
    isNameToken(tokens[j]!) ||
    (j > k && NAME_PARTICLES.has(tokens[j]!.lower) && !!tokens[j + 1] && isNameToken(tokens[j + 1]!));
  while (e < tokens.length && !used[e] && e < k + 5 && inName(e)) e++;
  if (e === k) return null;
  const after = tokens[e];
  if (
    after &&
    (after.lower === 'and' ||
      after.lower === 'or' ||
      (after.text === ',' && (tokens[e + 1]?.lower === 'and' || tokens[e + 1]?.cap)))
  )
    return null;
  return qualifiesPlace(base, s.slice(k, e)) ? e : null;
}

/**
 * A US state or Canadian province written short after a town and a comma ("South Bend, Ind.",
 * "Columbia, S.C.", "Charleston, W. Va.", "Austin, TX", "Churchill, Man."): the end of the
 * abbreviation, its period included; else null.
 */
function usStateAbbreviationEnd(s: Scan, k: number): number | null {
  const { tokens, used } = s;
  const t = tokens[k];
  if (!t || used[k] || !t.cap) return null;
  // "W. Va.": an initial and the rest.
  const two = /^[A-Z]\.$/.test(t.text) && tokens[k + 1]?.cap && tokens[k + 1]!.start === t.end + 1;
  const last = two ? k + 1 : k;
  const word = (two ? `${t.text}${tokens[k + 1]!.text}` : t.text).replace(/\.$/, '');
  if (!provinceOfAbbreviation(word) || used[last]) return null;
  // A postal code stands alone ("TX"); AP style takes its period ("Ind.", "S.C.").
  if (/^[A-Z]{2}$/.test(word)) return last + 1;
  if (tokens[last]!.text.endsWith('.')) return last + 1;
  return tokens[last + 1]?.text === '.' && tokens[last + 1]!.start === tokens[last]!.end ? last + 2 : null;
}

/** A city this big is what its name means when capitalised mid-sentence, English word or not ("Queens"). */
const BIG_CITY = 1_000_000;

/** A capitalised English word mid-sentence that is the own name of a city of BIG_CITY people ("the streets of Queens"). */
function bigCityWritten(s: Scan, k: number): boolean {
  return !atSentenceStart(s.tokens, k) && namesBigCity(s.tokens[k]!.text);
}
const namesBigCity = memo((word: string): boolean =>
  lookupPlaceMatches(word, false).some(
    (m) => m.via === 'name' && m.place.precision === 'CITY' && m.place.population >= BIG_CITY,
  ),
);

/** A name made mostly of English words ("Exercise Eager Lion", "Next Isolation Phase"): a title, not a place. */
function mostlyEnglish(s: Scan, from: number, to: number): boolean {
  const common = s.tokens.slice(from, to).filter((t) => isCommonWord(t.text)).length;
  return to - from === 1 ? common === 1 : common * 2 > to - from;
}

function placeByPattern(s: Scan, from: number, to: number): string | null {
  const { tokens } = s;
  const chunkText = s.slice(from, to);
  // "-- A city court": a lone capital letter is an article or an initial.
  if (chunkText.length === 1) return null;
  const prev = tokens[from - 1];
  const prev2 = tokens[from - 2];
  // "the city of X", "the village of X"
  if (prev?.lower === 'of' && prev2 && PLACE_TYPES.has(prev2.lower)) return chunkText;
  // "two miles east of X", "southwest of X": a bearing is taken from a place.
  if (prev?.lower === 'of' && prev2 && !prev2.cap && COMPASS_POINTS.has(prev2.lower) && to - from <= 3)
    return chunkText;
  // "Kagara (Rafi LGA, Niger)": an unknown name before the district and province it lies in,
  // as event reports write villages (geocoding then places it at the district).
  if (tokens[to]?.text === '(' && !isFirstName(tokens[from]!.text) && parentsInParentheses(s, to)) return chunkText;
  // "X province", "X axis"
  const next = tokens[to];
  // "the Nur Shams refugee camp", "the Zamzam displacement camp"
  if (next && CAMP_KINDS.has(next.lower) && /^camps?$/.test(tokens[to + 1]?.lower ?? '')) return chunkText;
  if (next && PLACE_TYPES.has(next.lower) && !next.cap && !NOT_PLACE_TYPES_AFTER.has(next.lower)) return chunkText;
  // Last word of the chunk is a place type or a facility: "Idlib Province", "Tabqa Dam", "Ishtar Gate"
  const last = tokens[to - 1]!.lower;
  if (
    to - from >= 2 &&
    (PLACE_TYPES.has(last) || (FACILITY_WORDS.has(last) && !isFirstName(tokens[from]!.text))) &&
    !NOT_PLACE_TYPES_LAST.has(last)
  )
    return chunkText;
  // First word: "Camp Hurriya", "Fort Campbell", "Mount Hermon"
  if (to - from >= 2 && LEADING_PLACE_WORDS.has(tokens[from]!.lower)) return chunkText;
  // Lists before a place-type head: "the A, B and C axes"
  if (inPlaceList(s, to)) return chunkText;
  return null;
}

/**
 * "(Rafi LGA, Niger)", "(Djugu, Ituri)": a parenthesis of two or three comma-separated names
 * whose first, type word aside, is a division or country the gazetteer knows.
 */
function parentsInParentheses(s: Scan, open: number): boolean {
  const after = s.text.slice(s.tokens[open]!.start, s.tokens[open]!.start + 80);
  const inner = /^\(([^()\n]{2,70})\)/u.exec(after)?.[1];
  if (!inner) return false;
  const parts = inner.split(',').map((part) => part.trim());
  // Two or three: "(Texas)" alone follows a politician's name as often as a village's.
  if (parts.length < 2 || parts.length > 3 || !parts.every((part) => /^\p{Lu}/u.test(part))) return false;
  return lookupPlaceMatches(parts[0]!.replace(TRAILING_DIVISION_TYPE, ''), false).some(
    (m) => m.place.precision === 'REGION' || m.place.precision === 'COUNTRY',
  );
}

function inPlaceList(s: Scan, to: number): boolean {
  const { tokens } = s;
  let j = to;
  while (j < tokens.length) {
    const t = tokens[j]!;
    if (t.text === ',' || t.lower === 'and' || t.lower === 'or') {
      j++;
      while (j < tokens.length && isNameToken(tokens[j]!)) j++;
      continue;
    }
    return (PLACE_LIST_HEADS.has(t.lower) || PLURAL_DIVISION_HEADS.has(t.lower)) && !t.cap;
  }
  return false;
}

function isKnownCountryOrCapital(name: string): boolean {
  return countryOfName(name) !== null;
}

const PLACE_TYPE_SUFFIX = new RegExp(
  `\\s+(?:${[...PLACE_TYPE_SUFFIXES, ...FRONT_SUFFIXES, ...PLACE_TYPE_SUFFIXES.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('|')})$`,
  'u',
);

/**
 * A town named "... City" or "... Town" that the gazetteer has as written ("Kansas City", "Cape
 * Town"): the type word is part of its name. A division keeps its type word apart ("Idlib
 * province" is looked up as Idlib, whose division the geocoder then prefers).
 */
function knownWhole(name: string): boolean {
  if (!/ (?:City|Town)$/.test(name)) return false;
  const key = foldName(name);
  return lookupPlaceMatches(name, false).some((m) => m.matchedKey === key);
}

/** "Idlib province" → "Idlib": the name to look up. */
export function stripPlaceType(name: string): string {
  return name.replace(PLACE_TYPE_SUFFIX, '') || name;
}

/**
 * Pass: a capitalised name no rule took, that starts with a place the gazetteer knows, mentions
 * that place: "the Georgia Bureau of Investigation", "the Ohio Department of Transportation",
 * "Anderson County Sheriff", "Paris Junior College". Local news names its places mostly this
 * way. The longest known run of leading words, short of the whole name; not a person's first
 * name ("Jordan Smith Foundation"), nor a common word ("General Motors").
 */
export function placesInsideNames(s: Scan): void {
  const { tokens } = s;
  s.rule = 'place-inside-name';
  const taken = s.out.map((m) => [m.from, m.to] as const);
  const leadingPlace = (
    from: number,
    end: number,
    countries: boolean,
    titleAfter = false,
    demonymOnly = false,
  ): void => {
    if (NOT_PLACE_NAME_ENDINGS.has(tokens[end - 1]!.lower)) return;
    for (let to = Math.min(end - 1, from + 3); to > from; to--) {
      if (!tokens[to - 1]!.cap) continue;
      // "University of Kentucky College": what stands before "of" is the name's head, not a place.
      if (tokens[to]?.lower === 'of') continue;
      // "Tal al-Hawa", "Deir al-Balah": a word before a joined particle is part of one name.
      if (tokens[to] && isJoinedParticleName(tokens[to]!)) continue;
      // "Jordan Smith Foundation" is no place; "Laurel County Clerk" is, and so is "Lindsay Police".
      const townService = TOWN_SERVICE_WORDS.has(tokens[to]?.lower ?? '');
      if (isFirstName(tokens[from]!.text) && !NAMED_DIVISION_ENDINGS.has(tokens[to - 1]!.lower) && !townService)
        continue;
      // In a person's mention, only a place before the title ("Fargo Police Chief X") or a
      // division's name, which no person has ("Douglas County Sheriff").
      // "the Arizona Republican": a party's member after the place is as good as a title.
      const member = to === end - 1 && PARTY_MEMBER_NOUNS.has(tokens[to]!.lower);
      if (titleAfter && !member && !titleWithin(tokens, to, end) && !NAMED_DIVISION_ENDINGS.has(tokens[to - 1]!.lower))
        continue;
      // "Metro Vancouver", "Greater Manchester": a word for part of a place is not a place alone.
      if (to - from === 1 && PLACE_MODIFIERS.test(tokens[from]!.text)) continue;
      // "UN Security Council", "Central Command": an acronym or a compass word alone is not the place.
      if (
        to - from === 1 &&
        (isAcronym(tokens[from]!) || DIRECTIONS.has(tokens[from]!.lower)) &&
        !countryOfName(s.slice(from, to)) &&
        !dottedUsState(s.slice(from, to))
      )
        continue;
      const placeName =
        placeNameOf(s, from, to) ?? (townService && isKnownPlace(s.slice(from, to)) ? s.slice(from, to) : null);
      if (!placeName) continue;
      // "the Somali government": a country's demonym that is also a place's name (Ethiopia's
      // Somali Region) names the country.
      const country = countryOfName(placeName);
      const demonym = country ? null : resolveDemonym(placeName)?.code;
      const countryOfDemonym = demonym ? countryByCode(demonym)?.name : undefined;
      if (countryOfDemonym) {
        s.notePlace(from, to, countryOfDemonym, false, { use: 'DEMONYM' });
        return;
      }
      if ((!countries && country) || demonymOnly) return;
      // A country leading a name is whose the named thing is ("the U.S. Embassy Chargé d'Affaires").
      s.notePlace(from, to, placeName, false, country ? { use: 'ACTOR' } : undefined);
      return;
    }
  };
  for (const [from, to] of s.chunkList) {
    if (to - from < 2 || taken.some(([f, t]) => f < to && from < t)) continue;
    const before = s.out.length;
    leadingPlace(from, to, true);
    // "Metro Vancouver", "Team Alberta", "CBC Toronto": else a known place ending the name.
    if (s.out.length === before) trailingPlace(s, from, to);
    if (s.out.length === before + 1) widenToVillage(s, s.out[before]!, from, to);
  }
  // "the Family Policy Council of West Virginia", "the State of Ohio", "the University of
  // Kentucky College of Law": a place after "of" inside a name, where no place was noted.
  const notedPlaces = () => s.out.filter((m) => m.type === 'place');
  const spans = [
    ...s.chunkList,
    ...s.out
      .filter((m) => m.type === 'party' && !m.reference && m.kind !== 'STATE')
      .map((m) => [m.from, m.to] as const),
  ];
  for (const [from, to] of spans) {
    if (notedPlaces().some((p) => p.from < to && from < p.to)) continue;
    for (let k = from + 1; k < to - 1; k++) if (tokens[k]!.lower === 'of') placeAfterOf(s, k + 1, to);
  }
  // Hyphenated compounds name places too: "a Texas-based firm", "Sen. Ray Miller, D-Columbus",
  // "the Washington-Moscow route", "Egyptian-US relations". Each capitalised part the gazetteer
  // knows, a country's short name or a demonym (its country's, of use DEMONYM), as its own span.
  const noted = s.out.filter((m) => m.type === 'place');
  tokens.forEach((token, k) => {
    if (!token.text.includes('-') || token.kind !== 'word' || noted.some((m) => m.from <= k && k < m.to)) return;
    let offset = 0;
    const parts = token.text.split('-');
    // "Sen. Ray Miller, D-Columbus": after a legislator's party, the place they represent, known or not.
    // Only after a comma or bracket, as a name's affiliation: "D-Day" is no place.
    const represented =
      parts.length === 2 &&
      LEGISLATOR_PARTIES.has(parts[0]!) &&
      /^\p{Lu}\p{Ll}/u.test(parts[1]!) &&
      (tokens[k - 1]?.text === ',' || tokens[k - 1]?.text === '(');
    // "Paris-Henry County", "Springfield-Greene County": a city and its county, the last part
    // typed by the word after the compound.
    const typeAfter = tokens[k + 1];
    const countyAfter =
      typeAfter && typeAfter.start === token.end + 1 && NAMED_DIVISION_TYPES.has(typeAfter.text) ? typeAfter : null;
    parts.forEach((part, i) => {
      const at = offset;
      offset += part.length + 1;
      const county = countyAfter && i === parts.length - 1 && i > 0 ? `${part} ${countyAfter.text}` : null;
      if (county && /^\p{Lu}/u.test(part) && isExactPlace(county)) {
        const start = token.start + at;
        s.out.push({
          type: 'place',
          sentence: s.sentence.index,
          from: k,
          to: k + 2,
          start,
          end: countyAfter!.end,
          name: county,
          use: 'PLACE',
          patternOnly: false,
          rule: 'county-in-compound',
        });
        return;
      }
      // "New York-based": the compound's first part ends a name the words before it start.
      const whole = i === 0 ? nameEndingAt(tokens, k, part) : null;
      if (whole) {
        s.out.push({
          type: 'place',
          sentence: s.sentence.index,
          from: whole.from,
          to: k + 1,
          start: tokens[whole.from]!.start,
          end: token.start + part.length,
          name: whole.name,
          use: 'PLACE',
          patternOnly: false,
          rule: 'place-in-compound',
        });
        return;
      }
      const place = represented && at > 0 ? { name: part, use: 'PLACE' as const } : compoundPart(part);
      if (!place) return;
      const start = token.start + at;
      s.out.push({
        type: 'place',
        sentence: s.sentence.index,
        from: k,
        to: k + 1,
        start,
        end: start + part.length,
        ...place,
        patternOnly: false,
        rule: 'place-in-compound',
      });
    });
  });
  // A body the rules took as a party ("the Madison County Health Department", "Dublin Arts
  // Council"), unless a place of it is already noted. A country's name before a body is its
  // affiliation ("U.S. Central Command"), not where the story is.
  const places = s.out.filter((m) => m.type === 'place');
  for (const m of s.out) {
    if (m.type !== 'party' || m.reference || m.kind === 'STATE') continue;
    if (places.some((p) => p.from < m.to && m.from < p.to)) continue;
    let from = tokens[m.from]?.lower === 'the' ? m.from + 1 : m.from;
    // "Former Arkansas Gov. Mike Huckabee": a word for when the title was held comes before its place.
    if (m.kind === 'PERSON' && TITLE_TIME_WORDS.has(tokens[from]?.lower ?? '')) from++;
    // "in Pope County": a division's whole name a title word starts is the division, not a person.
    if (
      m.kind === 'PERSON' &&
      NAMED_DIVISION_ENDINGS.has(tokens[m.to - 1]!.lower) &&
      isExactPlace(s.slice(from, m.to))
    ) {
      s.notePlace(from, m.to, s.slice(from, m.to), false);
      continue;
    }
    const before = s.out.length;
    // A known party's name is its own ("Fano militia" is no militia of Fano, Italy): only a
    // demonym in it is read ("Syrian Democratic Forces").
    if (m.to - from >= 2 && tokens[from]?.cap)
      leadingPlace(from, m.to, false, m.kind === 'PERSON', m.rule === 'known-party');
    if (s.out.length === before) townBeforeService(s, from, m.to);
    // "Environment Canada", "Skate Canada": a name taken for a person's that no first name starts
    // and a country or province ends is a body of that place.
    if (
      s.out.length === before &&
      m.kind === 'PERSON' &&
      m.rule === 'chunk/person-name' &&
      !isFirstName(tokens[from]!.text)
    )
      trailingPlace(s, from, m.to);
  }
  seatsAsPlaces(s);
}

/** Prepositions before a seat of government that make it where something is or goes ("at the White House"). */
const SEAT_PREPOSITIONS = new Set(['at', 'in', 'inside', 'outside', 'into', 'to', 'from', 'near', 'toward', 'towards']);

/**
 * "a ceremony at the White House", "talks in the Kremlin": a government known by its building,
 * written as where something happens, is a mention of the city the building stands in. (Acting,
 * "the White House said", it stays the party alone.)
 */
function seatsAsPlaces(s: Scan): void {
  const { tokens } = s;
  for (const m of [...s.out]) {
    if (m.type !== 'party' || m.rule !== 'known-party') continue;
    const from = tokens[m.from]?.lower === 'the' ? m.from + 1 : m.from;
    const city = SEAT_BUILDINGS[foldName(s.slice(from, m.to))];
    // The preposition before the name, past a "the" inside or before the party's span.
    const at = from - 1 >= 0 && tokens[from - 1]!.lower === 'the' ? from - 2 : from - 1;
    if (!city || !SEAT_PREPOSITIONS.has(tokens[at]?.lower ?? '')) continue;
    if (s.out.some((p) => p.type === 'place' && p.from < m.to && m.from < p.to)) continue;
    s.notePlace(from, m.to, city, false);
  }
}

/** How many capitalised words before a compound may start the place name it ends ("Salt Lake City-based"). */
const MAX_NAME_WORDS_BEFORE = 2;

/**
 * The longest place name that capitalised words right before token `k` start and `part` (the
 * first part of the compound token `k`) ends: "New" + "York" of "New York-based".
 */
function nameEndingAt(tokens: Scan['tokens'], k: number, part: string): { from: number; name: string } | null {
  let found: { from: number; name: string } | null = null;
  let name = part;
  for (let j = k - 1; j >= Math.max(0, k - MAX_NAME_WORDS_BEFORE); j--) {
    const word = tokens[j]!;
    if (word.kind !== 'word' || !word.cap || word.end + 1 !== tokens[j + 1]!.start) break;
    name = `${word.text} ${name}`;
    if (isExactPlace(name)) found = { from: j, name };
  }
  return found;
}

/**
 * "Brownsboro Police", "the Harwinton Senior Center", "Tillsonburg Mayor Stephen Molnar",
 * "Bantam Superior Court": a town's services and officers are named after it, so the name
 * before them is a town, known to the gazetteer or not.
 */
function townBeforeService(s: Scan, from: number, end: number): void {
  const { tokens } = s;
  for (let k = from + 1; k < end && k <= from + 3; k++) {
    if (!TOWN_OFFICES.has(tokens[k]!.lower)) continue;
    if (!plausibleTownName(s, from, k)) return;
    const name = s.slice(from, k);
    s.notePlace(from, k, name, !isKnownPlace(name), { rule: 'town-before-service' });
    return;
  }
}

/** Capitalised words that could name a town: no acronym, demonym, person's name or English words only. */
function plausibleTownName(s: Scan, from: number, to: number): boolean {
  const words = s.tokens.slice(from, to);
  if (words.some((w) => !w.cap || isAcronym(w) || w.text.includes('-'))) return false;
  if (s.resolveDemonymToken(from, to) || words.some((w) => isCommonWord(w.text) || isCommonWord(w.lower))) return false;
  if (KNOWN_BY_NAME.has(foldName(s.slice(from, to))) || CONTINENT_DEMONYMS[foldName(s.slice(from, to))]) return false;
  if (words.some((w) => DIRECTIONS.has(w.lower) || PERSON_TITLES.has(w.lower))) return false;
  // "Smith Mayor Race": a surname alone is more often a person's; "National Police": an adjective.
  if (to - from === 1 && isLastName(words[0]!.text)) return false;
  if (ADJECTIVE_LIKE.test(words[to - from - 1]!.lower)) return false;
  // "Navy Senior Chief Petty Officer": a force or body, not a town.
  if (words.some((w) => HEAD_KEYS.has(w.lower))) return false;
  // "County Police", "Community Affairs Office": a service's own words.
  if (words.some((w) => TOWN_OFFICES.has(w.lower) || TOWN_SERVICE_WORDS.has(w.lower) || PLACE_TYPES.has(w.lower)))
    return false;
  return !(to - from >= 2 && isFirstName(words[0]!.text) && isLastName(words[to - from - 1]!.text));
}

/**
 * The longest known place that ends a name no rule took, short of the whole: "Team Alberta",
 * "CBC Toronto", "Skate Canada"; a prominent one only, since a name's last word is often an
 * English word some small town is called ("Eager Lion", "G7 Summit").
 */
function trailingPlace(s: Scan, from: number, to: number): void {
  const { tokens } = s;
  // A name with "of" inside has its place after "of" (placeAfterOf).
  if (NOT_PLACE_NAME_ENDINGS.has(tokens[to - 1]!.lower) || tokens.slice(from, to).some((t) => t.lower === 'of')) return;
  for (let k = Math.max(from + 1, to - 3); k < to; k++) {
    if (!tokens[k]!.cap || isAcronym(tokens[k]!)) continue;
    const placeName = placeNameOf(s, k, to);
    if (!placeName || !isProminent(placeName)) continue;
    s.notePlace(k, to, placeName, false, countryOfName(placeName) ? { use: 'ACTOR' } : undefined);
    return;
  }
}

/**
 * "Avondale Estates", "New Concord High School": a place found inside a name whose words around
 * it are a village's whole name is that village, not the town named by a part of it. The
 * longest such run of capitalised words of the name, two words at least.
 */
function widenToVillage(s: Scan, m: Mention, from: number, to: number): void {
  if (m.type !== 'place' || m.use !== 'PLACE') return;
  const { tokens } = s;
  for (let a = from; a <= m.from; a++) {
    for (let b = to; b >= m.to && b - a >= 2; b--) {
      if (b - a === m.to - m.from || tokens.slice(a, b).some((t) => !t.cap)) continue;
      const name = s.slice(a, b);
      if (!isVillageName(name)) continue;
      Object.assign(m, { from: a, to: b, ...s.span(a, b), name, rule: 'village-name' });
      return;
    }
  }
}

/** Smallest city a name's last words may name ("Exercise Eager Lion" ends in no town). */
const TRAILING_CITY_POPULATION = 50_000;

/** A country, a first-level division or a city of TRAILING_CITY_POPULATION, by its own name. */
function isProminent(name: string): boolean {
  return lookupPlaceMatches(name, false).some(
    (m) =>
      m.via === 'name' &&
      (m.place.precision === 'COUNTRY' ||
        m.place.featureCode === 'ADM1' ||
        (m.place.precision === 'CITY' && m.place.population >= TRAILING_CITY_POPULATION)),
  );
}

/**
 * The longest run of words from `at` (past a "the") inside a name's end that the gazetteer
 * knows, noted as a place; a country is the named thing's owner (use ACTOR).
 */
function placeAfterOf(s: Scan, at: number, end: number): void {
  const { tokens } = s;
  const from = tokens[at]?.lower === 'the' ? at + 1 : at;
  if (from >= end || !tokens[from]!.cap) return;
  for (let to = Math.min(end, from + 4); to > from; to--) {
    if (!tokens[to - 1]!.cap || isAcronym(tokens[from]!)) continue;
    const placeName = placeNameOf(s, from, to);
    if (!placeName) continue;
    s.notePlace(from, to, placeName, false, countryOfName(placeName) ? { use: 'ACTOR' } : undefined);
    return;
  }
}

/** Words before a title for when it was held: "Former Arkansas Gov.", "Then-Texas Gov.", "Acting Ohio Attorney General". */
const TITLE_TIME_WORDS = new Set(['former', 'then', 'acting', 'interim', 'late', 'outgoing', 'incoming', 'retired']);

/** Capitalised type words that make a county or the like of the name before them. */
const NAMED_DIVISION_TYPES = new Set(['County', 'Parish', 'Borough']);

/** "Fargo-Moorhead", "Russian-American": a compound whose parts name places, each its own mention (placesInsideNames). */
function knownCompound(word: string): boolean {
  return word.includes('-') && word.split('-').some((part) => compoundPart(part) !== null);
}

/** The place a part of a hyphenated compound names ("Texas-based", "Egyptian-US", "Arab-Israeli"), if any. */
function compoundPart(part: string): { name: string; use: PlaceUse } | null {
  if (!/^\p{Lu}/u.test(part)) return null;
  if (/^[A-Z]{2,6}$/.test(part)) {
    const country = countryOfName(part);
    return country ? { name: country.name, use: 'PLACE' } : null;
  }
  if (part.length < 3 || isCommonWord(part) || isFirstName(part)) return null;
  const demonym = STATELESS_DEMONYMS.has(foldName(part)) ? null : resolveDemonym(part);
  const country = demonym?.code ? countryByCode(demonym.code) : null;
  if (country) return { name: country.name, use: 'DEMONYM' };
  return isKnownPlace(part) ? { name: part, use: 'PLACE' } : null;
}
