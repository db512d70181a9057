/**
 * Geocoding: picks, for each place name an article mentions, the namesake it means.
 *
 * Evidence, strongest first: a qualifier written next to the name ("Tripoli, Lebanon"); the
 * countries the article names or whose demonyms it uses ("Azeri forces"); a county and a town
 * named together that one pair of namesakes fits; the province the story is pinned to (named
 * outright, more often than its country's other provinces) and the towns its other names were
 * placed at, which outweigh a world-famous namesake unless the text names that one's country;
 * nearness to the article's other places; then prominence (population, capital, country,
 * region). A namesake that is far from the article's places, in a country the article never
 * mentions, and not a world-famous place is rejected; a name whose namesakes are all rejected,
 * or tie without one much the biggest, is kept UNRESOLVED with its candidates.
 */
import { foldName } from '../names.js';
import {
  countryByCode,
  countryByDemonym,
  countryByName,
  findNearSpellings,
  lookupPlaceMatches,
  lookupPlaces,
  lookupVillageMatches,
  neighboursOf,
  type MatchKind,
  type Place,
} from './gazetteer.js';
import { namesTypedDivision, resolveDemonym } from './geo.js';
import { memo } from './memo.js';
import {
  BESIDE_WORDS,
  DIVISION_TYPE_WORDS,
  FORMAL_DIVISION_TYPE_WORDS,
  PROVINCE_OFFICES,
  SETTLEMENT_WORDS,
  SUBURB_HEADS,
  TOWN_OFFICES,
  TRAILING_DIVISION_TYPE,
  provinceOfAbbreviation,
  TYPE_BEFORE_PARENTS,
} from './lexicon/places.js';
import type { ExtractedLocation, GeoCandidate, Span } from './types.js';
import { CAMP_KINDS, NAME_PARTICLES } from './lexicon/mention-words.js';

export interface PlaceMention {
  name: string;
  mentions: Span[];
  /** A common noun phrase ("an ISIL-held building"): kept, never looked up. */
  common?: boolean;
}

/** Beyond this distance from the article's places a namesake needs other support. */
const FAR_KM = 1500;
/**
 * "Near the story": a near spelling ("Aghdra" for "Aghdara"), or a town named like a country,
 * is only believed this close to one of the article's other places.
 */
const LOCAL_KM = 300;
/** A town this big, the only place of its name, is not rejected as far from the places of a story that names no country. */
const KNOWN_TOWN = 50_000;
/** Score gap under which two namesakes far apart are a tie. */
const TIE_MARGIN = 0.1;
/** Namesakes closer than this are one place for the tie rule (a town and its hand-curated point). */
const SAME_PLACE_KM = 50;
const MAX_CANDIDATES = 10;
/** How many times the last pass reads the story's places again (see `geocode`). */
const PLACE_CONTEXT_ROUNDS = 2;
const MAX_ALIASES = 25;

const W_QUALIFIER = 4;
const W_COUNTRY = 2;
const W_NEIGHBOUR = 1;
const W_NEAR = 2;
const NEAR_SCALE_KM = 200;
const W_OWN_NAME = 0.3;
const W_NEAR_SPELLING = -0.5;
const W_TYPED_DIVISION = 1.5;
const W_IN_DIVISION = 1;
/** Support from the other names' namesakes: their countries, and namesakes close by or containing. */
const W_CO_COUNTRY = 1;
const W_CO_LOCAL = 1.2;
const W_FAMOUS = 2.5;
/** A namesake in the first-level region (state, province) where the article's other names are. */
const W_REGION = 1.5;
/** A namesake inside a district, or beside a town, that the text pins down (see `besideStory`). */
const W_BESIDE_STORY = 1;
/** A province named by its own name, over towns named after it elsewhere. */
const W_PROVINCE_NAME = 2;
/** Namesakes this close (or a province and a place in it) support each other. */
const CO_LOCAL_KM = 120;
/** Beyond this a town is not in the district written after its name (whose point is estimated from its towns). */
const PARENT_DISTRICT_KM = 150;
/** Other names with more namesakes than this say too little about where the story is. */
const MAX_SUPPORTING_CANDIDATES = 30;
/** How sharply prominence and country support pick a name's likely namesake (softmax scale). */
const SUPPORT_SHARPNESS = 3;

interface Candidate {
  place: Place;
  via: MatchKind | 'near-spelling';
}

interface Group {
  key: string;
  name: string;
  surfaceNames: string[];
  mentions: Span[];
  /** Has a capital letter: "area" or "the town" is a common noun, never looked up. */
  proper: boolean;
  candidates: Candidate[];
  /** Countries written right after a mention, or whose region is: "Tripoli, Lebanon". */
  qualifiers: Set<string>;
  /**
   * The divisions written after a mention, innermost first: "Kagara (Rafi LGA, Niger)" → Rafi,
   * Niger State; "Kharwar district, Logar" → Logar. A namesake inside them wins; a name the
   * gazetteer lacks falls back to the innermost one's point.
   */
  parents: Place[];
  /** Written with a division's type word ("Hays district", "Niger State"). */
  typedDivision: boolean;
  /** Written as a settlement ("Marib city", "the town of Mandera"): the town beats the province of that name. */
  typedSettlement: boolean;
  /** Written with a province's office after it ("New York Gov."): the province beats a city of the name. */
  governed: boolean;
  /**
   * How much the article's other names back each namesake, before any is resolved: their
   * namesakes in the same country, and those near it or containing it ("Gainesville" beside
   * "Hall County": the Georgia ones). The spatial-minimality rule of the geoparsing literature.
   */
  support: Map<Place, number>;
  /** Namesakes that another name of the article lies beside or inside (see `together`). */
  backed: Set<Place>;
  /** The namesakes the name was looked up to, before villages or near spellings joined them. */
  namesakes: Set<Place>;
  /** The other names of the article that share a namesake with this one (see `sameName`). */
  sameAs: Set<Group>;
}

/**
 * Two names of one place ("Hanover" and "Hanover Town", "Kyiv" and "Kiev"): they share a
 * namesake, so one vouches for nothing about the other, least of all for the famous namesake
 * both would otherwise pull towards.
 */
function sameName(a: Group, b: Group): boolean {
  return a === b || a.key === b.key || a.sameAs.has(b);
}

/** Fills each group's `sameAs`, once: the groups it shares a namesake with. */
function linkSameNames(groups: Group[]): void {
  const byPlace = new Map<Place, Group[]>();
  for (const g of groups)
    for (const p of g.namesakes) {
      const list = byPlace.get(p);
      if (list) list.push(g);
      else byPlace.set(p, [g]);
    }
  for (const list of byPlace.values())
    if (list.length > 1) for (const g of list) for (const h of list) if (g !== h) g.sameAs.add(h);
}

interface CountryEvidence {
  countryCode: string;
  key: string;
  start: number;
  end: number;
}

interface Point {
  latitude: number;
  longitude: number;
}

interface Decision {
  place: Place | null;
  considered: Candidate[];
  /** Resolved with one plausible namesake, or the only one in an evidenced country. */
  confident: boolean;
  /** Not found itself: placed at the division written after it ("Kagara (Rafi LGA, Niger)"). */
  fallback?: boolean;
}

export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const WORD = /\p{L}[\p{L}\p{M}'’.-]*\p{L}|\p{L}/gu;
const MAX_PHRASE_WORDS = 4;

/** The country of a hand-curated region named by `phrase` ("West Bank" → PS), if it has one. */
function countryOfRegion(phrase: string): Place | null {
  const regions = lookupPlaceMatches(phrase, false)
    .map((m) => m.place)
    // Hand-curated regions only: thousands of districts share a name with some word of the text.
    .filter((p) => p.precision === 'REGION' && p.countryCode && !isDivision(p));
  const codes = new Set(regions.map((p) => p.countryCode));
  return codes.size === 1 ? regions[0]! : null;
}

/** The country a phrase names, describes or names a region of; remembered, as phrases recur across articles. */
const countryOfPhrase = memo((phrase: string): string | null => {
  // The project's demonym aliases first: "French" is also a demonym of French Guiana's in GeoNames' list.
  const alias = resolveDemonym(phrase)?.code;
  // Of a country of today ("Soviet" names none).
  return (
    (alias ? countryByCode(alias) : null)?.countryCode ??
    (countryByDemonym(phrase) ?? countryByName(phrase) ?? countryOfRegion(phrase))?.countryCode ??
    null
  );
});

/**
 * Every country the text names, describes with a demonym or names a region of ("Armenia",
 * "Azeris", "U.S.", "the West Bank").
 */
export function findCountryEvidence(text: string): CountryEvidence[] {
  // "Sudan's": the possessive is not part of the name.
  const words = [...text.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length - (/['’]s$/u.test(m[0]) ? 2 : 0),
  }));
  const found: CountryEvidence[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!/\p{Lu}/u.test(text[words[i]!.start]!)) continue;
    for (let n = Math.min(MAX_PHRASE_WORDS, words.length - i); n >= 1; n--) {
      const start = words[i]!.start;
      const end = words[i + n - 1]!.end;
      const phrase = text.slice(start, end);
      const countryCode = countryOfPhrase(phrase);
      if (countryCode) {
        found.push({ countryCode, key: foldName(phrase), start, end });
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

const QUALIFIER = /^,\s+(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3})(?=\s*(?:[,.;:)\]]|$|\s+\p{Ll}))/u;

/** Country codes of a country or region written right after a mention: "Armenia, Colombia", "Martuni, Nagorno Karabakh". */
function qualifiersAfter(text: string, mention: Span): string[] {
  // A mention may carry its qualifier ("Mosul, Iraq"); else it is written right after.
  const comma = mention.text.indexOf(',');
  const match = QUALIFIER.exec(
    comma >= 0 ? `${mention.text.slice(comma)}.` : text.slice(mention.end, mention.end + 60),
  );
  if (!match) return [];
  return lookupPlaceMatches(match[1]!)
    .map((m) => m.place)
    .filter((p) => p.precision === 'COUNTRY' || p.precision === 'REGION')
    .flatMap((p) => (p.countryCode ? [p.countryCode] : []));
}

/** A GeoNames first- or second-level division (province, district): the build marks them ADM1, ADM2, or ADM2P when the point is the province's. */
function isDivision(place: Place): boolean {
  return place.featureCode === 'ADM1' || place.featureCode === 'ADM2' || place.featureCode === 'ADM2P';
}

/**
 * A province ranks like a city of some 250,000 people and a district like a town of 5,000:
 * "Idlib" is the city before the province, "Logar" the province since no town is called so.
 */
const DIVISION_PROMINENCE: Record<string, number> = { ADM1: 1.08, ADM2: 0.74, ADM2P: 0.6 };

/** "(Rafi LGA, Niger)" or ", Logar" or ", Logar province, Afghanistan": the names written as a mention's parents. */
const TYPE_WORD_BEFORE_COMMA = new RegExp(`^${TYPE_BEFORE_PARENTS}(?=\\s*,)`, 'iu');
const PARENS_AFTER = new RegExp(`^${TYPE_BEFORE_PARENTS}\\s*\\(([^()\\n]{2,80})\\)`, 'iu');
// Case matters here (names are capitalised, type words not), so the type words are as news writes them.
const COMMA_TYPE_WORDS = DIVISION_TYPE_WORDS.map((w) => (w === 'lga' ? 'LGA' : w)).join('|');
/** A lower-case particle inside a name ("Valle del Cauca", "Rio de Janeiro"). */
const PARTICLE = `(?:${[...NAME_PARTICLES].join('|')})`;
const COMMAS_AFTER = new RegExp(
  `^((?:,\\s+\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:${PARTICLE}\\s+)?[\\p{Lu}][\\p{L}'’.-]*){0,3}(?:\\s+(?:${COMMA_TYPE_WORDS}))?)+)(?=\\s*(?:[,.;:()\\]]|$|\\s+\\p{Ll}))`,
  'u',
);
const TYPE_WORD = new RegExp(`\\b(?:${DIVISION_TYPE_WORDS.join('|')})\\b`, 'i');
/** A district placed at its province's point lies this close to a town of its name: the town's district. */
const DISTRICT_TOWN_KM = 100;
/** How far after a place its parents are read ("Boni (Hombori, Douentza, Mopti)"), in characters. */
const PARENT_WINDOW = 100;
const FORMAL_TYPE = new RegExp(`\\b(?:${FORMAL_DIVISION_TYPE_WORDS.join('|')})\\b`, 'i');
const TAIL_AFTER_QUALIFIER = new RegExp(`^(?:\\s+(${COMMA_TYPE_WORDS}))?(?:\\s*\\(([^()\\n]{2,80})\\))?`, 'u');
// A name of up to four capitalised words, particles between them ("Valle del Cauca", "Rio de Janeiro").
const NAME_WORDS = `\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:${PARTICLE}\\s+)?\\p{Lu}[\\p{L}'’.-]*){0,3}`;
// The type word as news writes it after "in", in either case ("in Masisi territory", "in Kayin State").
const EITHER_CASE_TYPE_WORDS = DIVISION_TYPE_WORDS.map((w) =>
  w === 'lga' ? 'LGA' : w.replace(/^./, (c) => `[${c}${c.toUpperCase()}]`),
).join('|');
const BESIDE_AFTER = new RegExp(
  `^,?\\s+(?:(?:about|some)\\s+)?(?:\\d+\\s*(?:km|kilometres|kilometers|miles)\\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\\s+of\\s+(${NAME_WORDS})`,
  'u',
);
// "the Solino neighbourhood of Port-au-Prince": a part of a town, written before the town.
const PART_OF_AFTER = new RegExp(`^\\s+(?:neighbou?rhood|quarter|district)\\s+of\\s+(?:the\\s+)?(${NAME_WORDS})`, 'u');
// "Smithfield, just outside Cairns", "Gordonvale, near Cairns": after a comma, a place beside a town.
const OUTSIDE_AFTER = new RegExp(
  `^,\\s+(?:${BESIDE_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|')})\\s+(${NAME_WORDS})(?=\\s*(?:[,.;:)\\]]|$|\\s+\\p{Ll}))`,
  'u',
);
// "the Nur Shams refugee camp near Tulkarm", "Tin-Akoff village near Gorom-Gorom": a settlement's
// own words, then the town it lies beside.
const SETTLEMENT_NEAR_AFTER = new RegExp(
  `^(?:\\s+(?:${[...CAMP_KINDS, ...SETTLEMENT_WORDS].join('|')})){1,2}\\s+(?:near|outside)\\s+(${NAME_WORDS})(?=\\s*(?:[,.;:)\\]]|$|\\s+\\p{Ll}))`,
  'u',
);
// "the Cairns suburbs of Smithfield and Redlynch", "the Dayton suburb of Centerville".
const SUBURB_BEFORE = new RegExp(
  `(?<![\\p{L}'’.-])(${NAME_WORDS})\\s+(?:${SUBURB_HEADS.join('|')})\\s+of\\s+(?:${NAME_WORDS}(?:,\\s+|,?\\s+and\\s+))*$`,
  'u',
);
const SUBURB_HEAD_WORD = new RegExp(`\\b(?:${SUBURB_HEADS.join('|')})\\s+of\\b`, 'u');
const SUBURB_HEAD_START = new RegExp(`^(?:${SUBURB_HEADS.join('|')})\\s+of\\s+`, 'u');
// "London's Gatwick", "Montreal's Trudeau airport": the place of a town or province.
const POSSESSIVE_BEFORE = new RegExp(`(?<![\\p{L}'’.-])(${NAME_WORDS})['’]s\\s+$`, 'u');
/** How many times bigger than its namesakes a city must be to be the one an owner names out of context ("Dayton's"). */
const CLEAR_OWNER = 3;
/** How far before a place a town it is tied to is read ("the Cairns suburbs of A, B, C and D"). */
const BEFORE_WINDOW = 160;
/** Beyond this a place is not beside the town it is written beside ("Richmond, west of Sydney"). */
const BESIDE_PARENT_KM = 300;

/** A name of a national or provincial capital ("Port-au-Prince", "Kharkiv"). */
const isCapitalCity = (name: string): boolean =>
  lookupPlaceMatches(name).some((m) => m.place.featureCode === 'PPLC' || m.place.featureCode === 'PPLA');

/** The town or province written before a mention that it lies beside or in (see SUBURB_BEFORE, POSSESSIVE_BEFORE). */
function ownerBefore(text: string, mention: Span): { name: string; possessive: boolean } | null {
  // The mention may hold the head: "the Dayton [suburb of Centerville]".
  const head = SUBURB_HEAD_START.exec(mention.text)?.[0].length ?? 0;
  const before = text.slice(Math.max(0, mention.start - BEFORE_WINDOW), mention.start + head);
  // Both patterns end at the mention and read back from it: most mentions have neither a
  // suburb's head nor a possessive before them, and skip the scan (it is most of this cost).
  const suburb = SUBURB_HEAD_WORD.test(before) ? SUBURB_BEFORE.exec(before) : null;
  // "the Gaza City neighbourhood of Rimal", but "the Delmas neighbourhood of Port-au-Prince": news
  // writes a neighbourhood on either side of its town; a capital or a provincial capital after
  // "of" is the town, and the name before it the part.
  if (suburb && /neighbou?rhoods?\s+of\s+$/.test(before) && isCapitalCity(mention.text.slice(head))) return null;
  if (suburb) return { name: suburb[1]!, possessive: false };
  const owner = /['’]s\s*$/.test(before.slice(-6)) ? POSSESSIVE_BEFORE.exec(before) : null;
  return owner ? { name: owner[1]!, possessive: true } : null;
}

// "Kwalkwalawa village of Sokoto state": "of" too, after the settlement's own word.
const IN_DIVISION_AFTER = new RegExp(
  `^(?:\\s+(?:${SETTLEMENT_WORDS.join('|')})\\s+of|(?:\\s+(?:${SETTLEMENT_WORDS.join('|')}))?,?\\s+in)\\s+(?:the\\s+)?(${NAME_WORDS}\\s+(?:${EITHER_CASE_TYPE_WORDS}))\\b((?:(?:,|\\s+of)\\s+${NAME_WORDS})*)`,
  'u',
);
// "Nyaung Pin Thar, a village in Sagaing region's Kani township", "Tin-Akoff, a small town near
// Gorom-Gorom": what the settlement lies in or beside, written as an apposition.
const SETTLEMENT_APPOSITION_AFTER = new RegExp(
  `^,\\s+an?\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(?:${SETTLEMENT_WORDS.join('|')})\\s+(in|near|outside)\\s+(?:the\\s+)?(${NAME_WORDS}(?:\\s+(?:${EITHER_CASE_TYPE_WORDS}))?)(?=['’]s\\b|\\s*[,.;:)]|\\s+\\p{Ll}|$)`,
  'u',
);

/**
 * The names written after a mention as where it lies, and whether a town may be one of them: in
 * parentheses or beside ("south of Nablus", "just outside Cairns") it may; after commas only a
 * division is.
 */
function parentNames(text: string, mention: Span): { names: string[]; towns: boolean } {
  const comma = mention.text.indexOf(',');
  let after = text.slice(mention.end, mention.end + PARENT_WINDOW);
  // "the village of Beita, south of Nablus": the town it lies beside, its nearest known point.
  const beside =
    BESIDE_AFTER.exec(after) ??
    OUTSIDE_AFTER.exec(after) ??
    PART_OF_AFTER.exec(after) ??
    SETTLEMENT_NEAR_AFTER.exec(after);
  const names = (list: string[], towns = !!beside) => ({ names: list, towns });
  if (comma >= 0) {
    const parts = mention.text
      .slice(comma + 1)
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    // "Mbau, Beni territory (Nord-Kivu)": the last part's type word, and parents in parentheses after it.
    const tail = TAIL_AFTER_QUALIFIER.exec(after);
    if (tail && parts.length) {
      if (tail[1]) parts[parts.length - 1] += ` ${tail[1]}`;
      if (tail[2]) parts.push(...tail[2].split(',').map((p) => p.trim()));
    }
    return names(parts.filter(Boolean));
  }
  const paren = PARENS_AFTER.exec(after);
  if (paren)
    return names(
      paren[1]!
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      true,
    );
  // "south of Brisbane. Tasmania police ...": the name ends with its sentence, unless it is one ("St. Louis").
  if (beside) {
    const town = lookupPlaceMatches(beside[1]!).length ? beside[1]! : beside[1]!.split(/\.\s/)[0]!;
    return names(plainOwner(town, false) ? [town] : []);
  }
  const apposition = SETTLEMENT_APPOSITION_AFTER.exec(after);
  if (apposition) return names([apposition[2]!], apposition[1] !== 'in');
  // "the town of Rubaya in Masisi territory, North Kivu": a division named with its type word after "in".
  const within = IN_DIVISION_AFTER.exec(after);
  if (within) return names([within[1]!, ...(within[2] ?? '').split(/,|\s+of\s+/)].map((p) => p.trim()).filter(Boolean));
  // "Tabayin township, Sagaing region": the name's own type word stands before its parents.
  const typeWord = TYPE_WORD_BEFORE_COMMA.exec(after)?.[0].length ?? 0;
  const commas = COMMAS_AFTER.exec(after.slice(typeWord));
  if (!commas) return names([]);
  after = after.slice(typeWord);
  // "Moscow, Kiev, Minsk and Riga": a list goes on with "and"/"or" and another name. In a list of
  // addresses ("Richmond, Virginia, Fort Lauderdale and Orlando, Florida") the first part is still this one's.
  if (/^\s*,?\s*(?:and|or)\s+\p{Lu}/u.test(after.slice(commas[0].length))) {
    const [first, ...more] = commas[1]!.split(',').slice(1);
    return names(more.length && first && !/\.\s/.test(first) ? [first.trim()] : []);
  }
  // "Columbus, Miss. He said": the sentence ends with the abbreviation's period.
  const parts = commas[1]!.split(',').map((p) => p.trim());
  const end = parts.findIndex((p) => /\.\s/.test(p));
  if (end >= 0) parts.splice(end, parts.length - end, parts[end]!.split(/\.\s/)[0]!);
  // "Mbau, Beni territory (Nord-Kivu)": the parts in parentheses after the last are its parents.
  const enclosing = end < 0 ? /^\s*\(([^()\n]{2,80})\)/.exec(after.slice(commas[0].length)) : null;
  if (enclosing) parts.push(...enclosing[1]!.split(',').map((p) => p.trim()));
  return names(parts.filter(Boolean));
}

/** `outer` contains `inner`: the same country, and the same first-level division when `outer` is one. */
function contains(outer: Place, inner: Place): boolean {
  if (outer.countryCode === null || outer.countryCode !== inner.countryCode) return false;
  if (outer.precision === 'COUNTRY') return true;
  if (outer.featureCode === 'ADM1') return outer.admin1 === inner.admin1;
  return false;
}

/**
 * The parents written after a mention, resolved together, innermost first: each the most
 * prominent namesake that lies inside one of the next part's namesakes ("Rafi LGA, Niger": the
 * Rafi of Niger State, and so Niger State, not the country Niger).
 */
function parentsAfter(text: string, mention: Span, namesakes: readonly Place[]): Place[] {
  const written = parentNames(text, mention);
  const chain = resolveParents(written.names.slice(0, 3), written.towns, namesakes);
  if (chain.length) return chain;
  // Failing those, the town it is a suburb of, or whose place it is ("London's Gatwick").
  const owner = ownerBefore(text, mention);
  if (!owner) return [];
  // Read before the story's places are, the owner must be plain on its own: its only namesake,
  // or one known from anywhere ("London's", "Toronto's"), not one of many Warren Counties.
  return plainOwner(owner.name, owner.possessive) ? resolveParents([owner.name], true, namesakes) : [];
}

/**
 * A town named as another place's owner or neighbour, read before the story's places are, must
 * be plain on its own: its only namesake, or one known from anywhere ("London's", "Toronto's"),
 * or much the biggest of its name; not one of many Warren Counties, or of two Newmarkets.
 */
function plainOwner(name: string, possessive: boolean): boolean {
  const owners = lookupPlaceMatches(name).map((m) => m.place);
  const first = [...owners].sort((a, b) => prominence(b) - prominence(a))[0];
  if (!first) return false;
  const same = (o: Place) => distanceKm(o, first) <= SAME_PLACE_KM;
  // A possessive is a person's as often ("Obama's Chicago"): only a city known beyond its province, or a province or country, owns a place so.
  const known = !isTown(first) || first.population >= KNOWN_CITY;
  return (
    owners.filter(isProminent).length === 1 ||
    (owners.every(same) && (known || !possessive)) ||
    (isTown(first) &&
      first.population >= KNOWN_CITY &&
      owners.every((o) => same(o) || o.population * CLEAR_OWNER < first.population))
  );
}

/** `parts` resolved as a chain of parents (see `parentsAfter`); towns only where `towns`. */
function resolveParents(parts: string[], towns: boolean, namesakes: readonly Place[]): Place[] {
  if (!parts.length) return [];
  const parens = towns;
  const options: Place[][] = [];
  for (const part of parts) {
    // "Columbus, Miss.", "Austin, TX", "Churchill, Man.": a state's or province's abbreviation,
    // read only in this position, is that division whatever else the letters name (Man, Côte d'Ivoire).
    const abbreviated = /\.$|^[A-Z]{2}$/.test(part)
      ? provinceOfAbbreviation(part.replace(/\.$/, '').replace(/\. /g, '.'))
      : null;
    const province = abbreviated
      ? lookupPlaces(abbreviated.name).filter(
          (p) => p.featureCode === 'ADM1' && p.countryCode === abbreviated.countryCode,
        )
      : [];
    // "Rafi LGA": a district the gazetteer knows by its bare name.
    const typed = province.length ? province : lookupPlaceMatches(part).map((m) => m.place);
    const bare = part.replace(TRAILING_DIVISION_TYPE, '');
    const found = typed.length || bare === part ? typed : lookupPlaceMatches(bare).map((m) => m.place);
    // "Bassa LGA" is a division, whatever towns are called Bassa; a division the gazetteer lacks
    // is named after its seat ("Al Managil locality"), whose point stands for it.
    const divisions = found.filter((p) => p.precision === 'REGION');
    const seat = bare !== part && !divisions.length;
    const all = bare === part ? found : seat ? found.filter((p) => p.precision === 'CITY') : divisions;
    // "Moscow, Kiev, Minsk": after a comma, a name that is first of all a city starts a list, not
    // an address; unless a division of the name holds the town ("Fresnillo, Zacatecas").
    const holds = all.some((p) => p.precision === 'REGION' && namesakes.some((n) => contains(p, n)));
    if (
      !parens &&
      !seat &&
      !holds &&
      all.length &&
      [...all].sort((a, b) => prominence(b) - prominence(a))[0]!.precision === 'CITY'
    )
      break;
    // In parentheses a parent may be a town ("Bali Nyonga (Bali, Mezam, North-West)"); after commas only a division.
    options.push(
      all.filter(
        (pl) =>
          pl.precision === 'COUNTRY' || pl.precision === 'REGION' || ((parens || seat) && pl.precision === 'CITY'),
      ),
    );
  }
  if (!options.length) return [];
  const chain: Place[] = [];
  for (let i = 0; i < options.length; i++) {
    const outer = options.slice(i + 1).find((o) => o.length);
    const fits = options[i]!.filter((p) => !outer || outer.some((o) => contains(o, p)));
    // "Bamenda (Mezam, North-West)": the North-West that holds a Bamenda, not another country's.
    const holding = fits.filter((p) => namesakes.some((n) => contains(p, n)));
    const pick = (holding.length ? holding : fits.length ? fits : options[i]!).sort(
      (a, b) => prominence(b) - prominence(a),
    )[0];
    if (
      pick &&
      (!chain.length ||
        contains(pick, chain[chain.length - 1]!) ||
        pick.countryCode === chain[chain.length - 1]!.countryCode)
    )
      chain.push(pick);
  }
  return chain;
}

function prominence(place: Place): number {
  if (isDivision(place)) return DIVISION_PROMINENCE[place.featureCode]!;
  switch (place.precision) {
    case 'COUNTRY':
      return 2;
    case 'REGION':
      return 1.3;
    case 'POINT':
      return 1.1;
    default: {
      const size = Math.log10(Math.max(place.population, 1000)) / 5;
      const rank = { PPLC: 0.3, PPLA: 0.15, PPLA2: 0.05, PPLH: -0.3, PPLQ: -0.3, PPLW: -0.3 }[place.featureCode] ?? 0;
      return size + rank;
    }
  }
}

/** A continent, ocean or sea: a region of no one country, never inside another place. */
function isWorldRegion(place: Place): boolean {
  return place.precision === 'REGION' && place.countryCode === null;
}

/** Famous enough to be named in news from anywhere: countries, capitals, cities of a million, seas and continents. */
function isProminent(place: Place): boolean {
  return (
    place.precision === 'COUNTRY' ||
    place.featureCode === 'PPLC' ||
    place.population >= 1_000_000 ||
    isWorldRegion(place)
  );
}

/** The anchor nearest to all others (robust to one far capital in the list), and the cluster's spread. */
function clusterOf(points: Point[]): { center: Point; farKm: number } | null {
  if (points.length === 0) return null;
  let center = points[0]!;
  let best = Infinity;
  for (const p of points) {
    const total = points.reduce((sum, q) => sum + distanceKm(p, q), 0);
    if (total < best) {
      best = total;
      center = p;
    }
  }
  const spreads = points.map((p) => distanceKm(p, center)).sort((a, b) => a - b);
  const median = spreads[Math.floor(spreads.length / 2)]!;
  return { center, farKm: Math.max(FAR_KM, 2 * median) };
}

interface Context {
  /** Countries with evidence other than the group's own mentions. */
  countries: Set<string>;
  /** Their neighbours: "Israeli tanks fired on Jericho" is more likely the West Bank's Jericho. */
  neighbours: Set<string>;
  /** Resolved places (not countries) of the article's other names. */
  anchors: Place[];
  /**
   * Where those places are. Countries do not count: a country's centroid says little about
   * where in it a story is, and "U.S. soldiers" in Samarra are no sign that Samarra is American.
   */
  cluster: { center: Point; farKm: number } | null;
  /** First-level divisions the article's other names resolved to ("Florida"). */
  divisions: Place[];
  /**
   * The first-level regions (country and province) the article's other names were placed in
   * on the previous pass, each with how many names: "Paris" beside a Henry County of Tennessee.
   */
  regions: Map<string, number>;
  /** The places of the article's other names that the text itself pins down (see `isFirm`). */
  firm: Place[];
  /** Countries the text itself names or describes (not those inferred from the article's places). */
  namedCountries: Set<string>;
  /** Towns the article's other names were placed at on the previous pass. */
  towns: Place[];
  /** Of those, the towns placed with confidence (see `Decision.confident`), none from the village tier. */
  sureTowns: Place[];
  /** The country the story is written in, when it names none (see `homeCountryOf`). */
  home: string | null;
  /** The country the text's money, clock and spelling say it is written in, read before any name is placed. */
  writtenIn: string | null;
  /** First-level divisions the text names outright ("Florida"), placed on the previous pass. */
  provinces: Place[];
}

/** What the passes after the first know when they read a name's context (all empty on the first). */
interface LaterPass {
  settled?: Map<Group, Place>;
  placed?: Map<Group, Place>;
  sure?: Map<Group, Place>;
  /** The country the story is written in, once the first pass has not placed it abroad. */
  home?: string | null;
  /** The country the text's money, clock and spelling say (default: `home`). */
  writtenIn?: string | null;
}

function contextFor(
  group: Group,
  evidence: CountryEvidence[],
  anchors: Map<Group, Place>,
  actors: readonly string[] = [],
  later: LaterPass = {},
): Context {
  const { settled = new Map(), placed = new Map(), sure = new Map(), home = null } = later;
  const writtenIn = later.writtenIn === undefined ? home : later.writtenIn;
  const own = (e: CountryEvidence): boolean =>
    e.key === group.key || group.mentions.some((m) => m.start < e.end && e.start < m.end);
  // Not the parties' countries: "Alexandria police" has the country of whichever Alexandria it is placed in.
  const namedCountries = new Set(evidence.filter((e) => !own(e)).map((e) => e.countryCode));
  const countries = new Set([...namedCountries, ...actors]);
  const anchored = [...anchors].filter(([g]) => !sameName(g, group)).map(([, p]) => p);
  const others = loneSmallAnchor(anchored, namedCountries, writtenIn) ? [] : anchored;
  for (const p of others) if (p.countryCode) countries.add(p.countryCode);
  // A division's point is an estimate of a wide area: containment (W_IN_DIVISION) uses it, nearness does not.
  const local = others.filter((p) => p.precision !== 'COUNTRY' && !isDivision(p));
  const other = ([g]: [Group, Place]) => !sameName(g, group);
  const firm = [...settled].filter(other).map(([, p]) => p);
  // A place the text pins down ("Bethel, Vt.", "Henry County") names its country as plainly as the country's name would.
  for (const p of firm) if (p.countryCode) countries.add(p.countryCode);
  const neighbours = new Set([...countries].flatMap((cc) => neighboursOf(cc)));
  const elsewhere = [...placed].filter(other).map(([, p]) => p);
  const regions = storyRegions(
    [...settled].filter(other).map(([g, place]) => ({ place, mentions: g.mentions.length })),
    [...placed].filter(other).map(([g, place]) => ({ place, mentions: g.mentions.length })),
  );
  return {
    countries,
    neighbours,
    anchors: local,
    cluster: clusterOf(local),
    divisions: others.filter((p) => p.featureCode === 'ADM1'),
    regions,
    firm: firm.filter((p) => regions.has(regionKey(p) ?? '')),
    namedCountries,
    towns: elsewhere.filter(isTown),
    sureTowns: [...sure]
      .filter(other)
      .map(([, p]) => p)
      .filter((p) => isTown(p) && !p.village),
    home,
    writtenIn,
    provinces: firm.filter((p) => p.featureCode === 'ADM1'),
  };
}

const isTown = (p: Place): boolean => p.precision === 'CITY' && !isDivision(p);

/** The first-level region a place lies in ("US/TN"), or null for a country, a world region or a place with none. */
function regionKey(place: Place): string | null {
  if (!place.countryCode || !place.admin1 || place.precision === 'COUNTRY') return null;
  return `${place.countryCode}/${place.admin1}`;
}

interface Named {
  place: Place;
  mentions: number;
}

/**
 * The first-level regions that hold at least half of the mentions of the other names' firm
 * places: where the story is. A story that ranges over many provinces (a list of shootings
 * across a country) has none.
 */
function storyRegions(firm: Named[], placed: Named[]): Map<string, number> {
  const regions = new Map<string, number>();
  const weight = new Map<string, number>();
  for (const { place, mentions } of firm) {
    const key = regionKey(place);
    if (!key) continue;
    regions.set(key, (regions.get(key) ?? 0) + 1);
    weight.set(key, (weight.get(key) ?? 0) + mentions);
  }
  const total = firm.reduce((sum, f) => sum + f.mentions, 0);
  // One province named outright says less than a county or two places there ("Cleveland" in a story that names Florida).
  const county = (key: string) =>
    firm.some((f) => regionKey(f.place) === key && f.place.featureCode.startsWith('ADM2'));
  // ... unless the story names it more often than all the country's other provinces together ("Manhattan" in a Kansas story).
  const province = (n: Named) => n.place.featureCode === 'ADM1';
  const dominant = (key: string) =>
    firm.some((f) => province(f) && regionKey(f.place) === key) &&
    weight.get(key)! >
      placed
        .filter((p) => province(p) && regionKey(p.place) !== key && key.startsWith(`${p.place.countryCode}/`))
        .reduce((sum, p) => sum + p.mentions, 0);
  for (const [key, n] of regions)
    if (weight.get(key)! < total / 2 || (n < 2 && !county(key) && !dominant(key))) regions.delete(key);
  return regions;
}

/** Another name of the article was placed in this namesake's first-level region. */
function inStoryRegion(place: Place, ctx: Context): boolean {
  const key = regionKey(place);
  return key !== null && (ctx.regions.get(key) ?? 0) > 0;
}

function nearestKm(place: Place, points: Point[]): number {
  return points.reduce((min, p) => Math.min(min, distanceKm(place, p)), Infinity);
}

function qualifies(group: Group, place: Place): boolean {
  if (place.countryCode === null || !group.qualifiers.has(place.countryCode)) return false;
  // Inside the first-level division written after it, when one is ("Gainesville, Fla.").
  const division = group.parents.find((p) => p.featureCode === 'ADM1' && p.countryCode === place.countryCode);
  return !division || division === place || division.admin1 === place.admin1;
}

function isPlausible(group: Group, c: Candidate, ctx: Context): boolean {
  const place = c.place;
  const inCountry = place.countryCode !== null && ctx.countries.has(place.countryCode);
  if (c.via === 'near-spelling') {
    return inCountry && (ctx.anchors.length === 0 || nearestKm(place, ctx.anchors) <= LOCAL_KM);
  }
  // A district with no town of its own, at its province's point, beside a town of its name: the
  // town is the place, and the better point (GeoNames files Gaza's governorate under Israel).
  if (
    place.featureCode === 'ADM2P' &&
    group.candidates.some((o) => isTown(o.place) && distanceKm(o.place, place) <= DISTRICT_TOWN_KM)
  )
    return false;
  // "Dnipropetrovsk oblast": a name written with a formal division's type word is that division,
  // not the city named alike ("the Charlotte region" may still be the city's area).
  if (FORMAL_TYPE.test(group.name) && !isDivision(place) && group.candidates.some((o) => isDivision(o.place)))
    return false;
  // "Kukawa in Bassa LGA": the district written after the name holds it; a namesake far from it is another place.
  const district = group.parents[0];
  if (district?.featureCode === 'ADM2' && place !== district && distanceKm(place, district) > PARENT_DISTRICT_KM)
    return false;
  // "Richmond, west of Sydney": beside the town written with it, not a namesake across the country.
  const local = isTown(place) || place.featureCode === 'ADM2';
  if (district && isTown(district) && local && distanceKm(place, district) > BESIDE_PARENT_KM) return false;
  if (qualifies(group, place)) return true;
  // "Moscow, Idaho", "Salem, Ind.": a town of another province of that country is another place.
  const province = group.parents.find((p) => p.featureCode === 'ADM1');
  const otherProvince = place.admin1 !== '' && place.admin1 !== province?.admin1;
  if (province && isTown(place) && place.countryCode === province.countryCode && otherProvince) return false;
  // In the province the story is pinned to: never far off.
  if (inStoryRegion(place, ctx)) return true;
  // "Boni (Douentza, Mopti)": the text says which country it is in.
  const parentCountry = group.parents[0]?.countryCode;
  if (parentCountry && place.countryCode !== parentCountry) return false;
  // A town named like a country (Armenia in Colombia, Jordan in the US) needs another place of
  // the story close by: a demonym ("Colombian", "U.S.") is too common a sign.
  const countryNamesake =
    place.precision !== 'COUNTRY' && group.candidates.some((o) => o.place.precision === 'COUNTRY');
  if (countryNamesake) return group.backed.has(place) || nearestKm(place, ctx.anchors) <= LOCAL_KM;
  if (inCountry || isProminent(place)) return true;
  // The only place of its name, and a town big enough to be known beyond its province ("Joliet"),
  // in a story that names no country: one that names others (Khujand in a story of Armenia) is elsewhere.
  const known = group.candidates.length === 1 && isTown(place) && place.population >= KNOWN_TOWN;
  if (known && ctx.namedCountries.size === 0) return true;
  // A province named by its own name, the only province so named ("Texas"): known well beyond where the story is.
  if (namesProvince(group, c) && group.candidates.filter((o) => o.place.featureCode === 'ADM1').length === 1)
    return true;
  // Far from the story's other places but beside another of its names ("Decatur" and "DeKalb
  // County"), or written as a division that one country has ("Orange County"): the story is there too.
  if (group.backed.has(place) || (group.typedDivision && isDivision(place) && oneCountry(group, ctx))) return true;
  // Near a town another name was placed at with confidence: the story's places include it, whatever
  // single-namesake name far off made the first cluster ("Camarillo" beside Los Angeles, not Obama, Japan).
  if (nearestKm(place, ctx.sureTowns) <= LOCAL_KM) return true;
  return !ctx.cluster || distanceKm(place, ctx.cluster.center) <= ctx.cluster.farKm;
}

/**
 * The story's only other place is a small town, and the text names no country nor is written
 * as that town's country writes: placed so only because its name has one namesake (often a
 * surname or a word taken for a place, "Bingham to offer plan", or a town's old name), it is no
 * anchor: neither its country nor its neighbourhood backs a namesake of the other names, nor
 * rules out those far from it.
 */
function loneSmallAnchor(anchors: Place[], namedCountries: Set<string>, writtenIn: string | null): boolean {
  if (anchors.length !== 1 || namedCountries.size > 0) return false;
  const anchor = anchors[0]!;
  return isTown(anchor) && !isProminent(anchor) && anchor.countryCode !== writtenIn;
}

/**
 * All the name's namesakes are in one country, and there are several ("Orange County"): a name
 * of that country's. A division the gazetteer has but one of ("Edgar County") is that one,
 * unless the text names other countries only (a "Karak district" in a story about Jordan).
 */
function oneCountry(group: Group, ctx: Context): boolean {
  const cc = group.candidates[0]?.place.countryCode;
  if (!cc || group.candidates.some((c) => c.place.countryCode !== cc)) return false;
  return group.candidates.length > 1 || ctx.namedCountries.size === 0 || ctx.namedCountries.has(cc);
}

function score(group: Group, c: Candidate, ctx: Context): number {
  const place = c.place;
  let s = prominence(place);
  if (qualifies(group, place)) s += W_QUALIFIER;
  if (place.countryCode && ctx.countries.has(place.countryCode)) s += W_COUNTRY;
  else if (place.countryCode && ctx.neighbours.has(place.countryCode)) s += W_NEIGHBOUR;
  if (ctx.anchors.length) {
    const inside = place.precision === 'COUNTRY' && ctx.anchors.some((a) => a.countryCode === place.countryCode);
    const km = inside ? 0 : nearestKm(place, ctx.anchors);
    s += W_NEAR * Math.exp(-km / NEAR_SCALE_KM);
  }
  // A division's own name is no sign over the town it is named after when the town is found by
  // its English name: "Hama" is the city (GeoNames' "Ḩamāh") before Syria's Hama governorate,
  // as "Homs" is. ("Quebec", both by their own names, is left to the rest.)
  const namedAfterTown =
    isDivision(place) &&
    group.candidates.some(
      (o) =>
        isTown(o.place) &&
        o.via === 'alias' &&
        (place.featureCode === 'ADM1' ? contains(place, o.place) : distanceKm(place, o.place) <= DISTRICT_TOWN_KM),
    );
  if ((c.via === 'name' || c.via === 'acronym') && !namedAfterTown) s += W_OWN_NAME;
  if (c.via === 'near-spelling') s += W_NEAR_SPELLING;
  // Only in a story of its country or a neighbour's, or of none yet: a parish named after a town abroad ("Hanover") is not that town's first reading.
  if (namesProvince(group, c) && ofStoryCountry(place, ctx)) s += W_PROVINCE_NAME;
  // "Hays district": the district beats the town; a place inside a province the story is set in beats its namesakes.
  if (group.typedDivision && isDivision(place)) s += W_TYPED_DIVISION;
  if (group.typedSettlement && !isDivision(place) && place.precision === 'CITY') s += W_TYPED_DIVISION;
  if (group.governed && place.featureCode === 'ADM1') s += W_QUALIFIER;
  // "Ohio and Oregon": provinces are named together, and a town named like one is no town of the other.
  const inDivision =
    !isDivision(place) &&
    ctx.divisions.some((d) => contains(d, place)) &&
    !group.candidates.some((o) => namesProvince(group, o));
  // The province alone does not outweigh a country or a capital: "Washington" in an Iowa story is still the capital.
  const inRegion = inStoryRegion(place, ctx) && !capitalRival(group, place, ctx);
  // The story's places say nothing against the province written after the name ("Richmond, Virginia" in a Kentucky list).
  const unwritten = !group.parents.some((p) => p.featureCode === 'ADM1') || qualifies(group, place);
  s += inRegion && unwritten ? W_REGION : inDivision ? W_IN_DIVISION : 0;
  // Inside a county the text pins down, or beside a town it does ("Paris" and "Lamar County, Texas").
  if (unwritten && besideStory(place, ctx)) s += W_BESIDE_STORY;
  else if (unwritten && besideTown(place, ctx)) s += W_BESIDE_STORY / 2;
  s += group.support.get(place) ?? 0;
  // Moscow is Moscow, Russia, in an American story too, unless a place beside it says otherwise.
  if (isFamous(group, place, ctx)) s += W_FAMOUS;
  return s;
}

/** In a country of the story or a neighbour of one, or the story has no country yet. */
function ofStoryCountry(place: Place, ctx: Context): boolean {
  const countries = new Set([...ctx.countries, ...ctx.towns.flatMap((t) => (t.countryCode ? [t.countryCode] : []))]);
  const cc = place.countryCode ?? '';
  return countries.size === 0 || countries.has(cc) || [...countries].some((o) => neighboursOf(o).includes(cc));
}

/**
 * The name is a province's own name, and no town in that province bears it: "Virginia" is the
 * state, not the towns named after it elsewhere. (A province and its namesake capital, Idlib,
 * are left to prominence, which prefers the city.)
 */
function namesProvince(group: Group, c: Candidate): boolean {
  if (c.place.featureCode !== 'ADM1' || c.via !== 'name') return false;
  // A country, a national capital or a city that ranks above a province, of that name ("Mexico",
  // "Washington", "Gaza" beside Mozambique's Gaza province), is what the name means first.
  // ("Virginia" the state, though a South African town of 120,000 bears the name.)
  return !group.candidates.some(
    (o) =>
      o !== c &&
      !isDivision(o.place) &&
      (contains(c.place, o.place) ||
        o.place.featureCode === 'PPLC' ||
        o.place.precision === 'COUNTRY' ||
        isWorldRegion(o.place) ||
        (isTown(o.place) && prominence(o.place) > DIVISION_PROMINENCE.ADM1!)),
  );
}

/** Known from anywhere, and not outweighed by a namesake beside the story's places. */
function isFamous(group: Group, place: Place, ctx: Context): boolean {
  return (
    isProminent(place) &&
    place.precision !== 'COUNTRY' &&
    !rivalBesideStory(group, place, ctx) &&
    !rivalInNamedCountry(group, place, ctx) &&
    !rivalAtHome(group, place, ctx)
  );
}

/**
 * A town of the name in the country the story is written in: "Dublin City Council" in an
 * American story that names no country is an American Dublin's (such a story's places are
 * nearly all at home; its Dublins, Athenses and Alexandrias too).
 */
function rivalAtHome(group: Group, place: Place, ctx: Context): boolean {
  if (!ctx.home || place.countryCode === ctx.home) return false;
  return group.candidates.some((c) => c.place.countryCode === ctx.home && isTown(c.place));
}

/** A city this big is known across its own country: a story of that country means it by the name. */
const KNOWN_CITY = 100_000;

/**
 * A city of the name in a country the text names, while it never names the famous one's: "a
 * Birmingham doctor" in a story that names only the United States is in Birmingham, Alabama.
 */
function rivalInNamedCountry(group: Group, place: Place, ctx: Context): boolean {
  if (!place.countryCode || ctx.namedCountries.has(place.countryCode)) return false;
  return group.candidates.some(
    (c) =>
      c.place.countryCode !== null &&
      c.place.countryCode !== place.countryCode &&
      ctx.namedCountries.has(c.place.countryCode) &&
      isTown(c.place) &&
      c.place.population >= KNOWN_CITY,
  );
}

function capitalRival(group: Group, place: Place, ctx: Context): boolean {
  return group.candidates.some(
    (c) =>
      c.place !== place &&
      (c.place.precision === 'COUNTRY' ||
        (c.place.featureCode === 'PPLC' && !nested(c.place, place) && isFamous(group, c.place, ctx))),
  );
}

/**
 * Another namesake lies beside or inside one of the story's firmly placed names, and this one
 * does not: fame says nothing then ("Paris" in a story about Henry County, Tennessee).
 */
function rivalBesideStory(group: Group, place: Place, ctx: Context): boolean {
  if (!ctx.firm.length && !ctx.towns.length) return false;
  if (besideStory(place, ctx) || inStoryRegion(place, ctx)) return false;
  const rivals = group.candidates.filter(
    (c) => c.place !== place && !nested(c.place, place) && distanceKm(c.place, place) > SAME_PLACE_KM,
  );
  // The text's own pins first; then the towns the other names were placed at, a weaker sign.
  if (rivals.some((c) => (besideStory(c.place, ctx) || inStoryRegion(c.place, ctx)) && !keepsFame(place, c.place, ctx)))
    return true;
  if (besideTown(place, ctx)) return false;
  return rivals.some((c) => besideTown(c.place, ctx) && !keepsFame(place, c.place, ctx));
}

/**
 * A famous place keeps its fame against a namesake in the story's province when the text names
 * its country ("Paris" in an Ohio story that mentions France) or it is the capital of the
 * province's own country ("Washington" in an Iowa story is still the capital), or it is in the
 * country the story is written in and the namesake is abroad ("London" in a story counted in pounds).
 */
function keepsFame(famous: Place, local: Place, ctx: Context): boolean {
  // A famous place of the country the story is written in keeps its fame against a namesake abroad.
  if (ctx.home && famous.countryCode === ctx.home && local.countryCode !== ctx.home) return true;
  if (famous.countryCode === local.countryCode) return famous.featureCode === 'PPLC';
  return famous.countryCode !== null && ctx.namedCountries.has(famous.countryCode);
}

/**
 * Close to a town another name of the story was placed at ("London" beside a St. Thomas placed
 * in Ontario): two names whose namesakes lie together mean those namesakes.
 */
function besideTown(place: Place, ctx: Context): boolean {
  return ctx.towns.some(
    (t) => t !== place && t.countryCode === place.countryCode && distanceKm(t, place) <= STORY_AREA_KM,
  );
}

/** Within a firmly placed district of the story, or close to a firmly placed town. */
function besideStory(place: Place, ctx: Context): boolean {
  return ctx.firm.some((f) => {
    if (f.countryCode !== place.countryCode || f === place) return false;
    if (f.featureCode === 'ADM2') return f.admin1 === place.admin1 && distanceKm(f, place) <= COUNTY_KM;
    if (isDivision(f) || f.precision !== 'CITY') return false;
    return distanceKm(f, place) <= BESIDE_TOWN_KM;
  });
}

/** `a` and `b` lie together: one contains the other, or both are towns (or districts) close by. */
function together(a: Place, b: Place): boolean {
  if (a === b || a.countryCode === null || a.countryCode !== b.countryCode) return false;
  if (a.precision === 'COUNTRY' || b.precision === 'COUNTRY') return false;
  // Provinces are named beside their country's other provinces ("counties in Georgia and … in Florida").
  if (a.featureCode === 'ADM1' && b.featureCode === 'ADM1') return true;
  if (a.featureCode === 'ADM1' || b.featureCode === 'ADM1') return a.admin1 === b.admin1;
  // An estimated district point is a point of its province: nearness means little.
  if (a.featureCode === 'ADM2P' || b.featureCode === 'ADM2P') return false;
  if (a.precision === 'REGION' && !isDivision(a)) return false;
  if (b.precision === 'REGION' && !isDivision(b)) return false;
  return distanceKm(a, b) <= CO_LOCAL_KM;
}

/** How far from a county's point its seat or a town in it lies, for the county-and-town rule. */
const COUNTY_TOWN_KM = 40;
/** A county and a town named together that only one pair of namesakes fits. */
const W_COUNTY_TOWN = 2;

/**
 * A county written as one ("Walker County") and a town named beside it ("Huntsville") that only
 * one pair of their namesakes fits, the town inside the county: the story means that pair.
 */
function pinCountyTowns(groups: Group[], text: string): void {
  const counties = groups.filter((g) => g.proper && g.typedDivision && g.candidates.length > 1);
  // A town of one namesake pins the county too ("Logan County" beside Bellefontaine).
  const towns = groups.filter((g) => g.proper && !g.typedDivision && g.candidates.length > 0);
  for (const county of counties) {
    for (const town of towns) {
      if (town.key === county.key) continue;
      const pairs: [Place, Place][] = [];
      for (const c of county.candidates) {
        if (c.place.featureCode !== 'ADM2') continue;
        for (const t of town.candidates) {
          const p = t.place;
          if (p.precision !== 'CITY' || isDivision(p) || p.countryCode !== c.place.countryCode) continue;
          if (p.admin1 === c.place.admin1 && distanceKm(p, c.place) <= COUNTY_TOWN_KM) pairs.push([c.place, p]);
        }
      }
      // "Springfield-Greene County": written as one, the town is the county's seat, the pair closest together.
      const joined = town.mentions.some((m) =>
        county.mentions.some((c) => c.start === m.end + 1 && text[m.end] === '-'),
      );
      const gap = ([c, t]: [Place, Place]) => distanceKm(c, t);
      if (joined && pairs.length > 1) {
        pairs.sort((a, b) => gap(a) - gap(b));
        if (gap(pairs[0]!) * 2 < gap(pairs[1]!)) pairs.splice(1);
      }
      if (pairs.length !== 1) continue;
      const [c, t] = pairs[0]!;
      county.support.set(c, (county.support.get(c) ?? 0) + W_COUNTY_TOWN);
      town.support.set(t, (town.support.get(t) ?? 0) + W_COUNTY_TOWN);
      county.backed.add(c);
      town.backed.add(t);
    }
  }
}

/**
 * Each namesake's support from the article's other names (see `Group.support`). A name with
 * many namesakes supports each of them less; a name's own country never supports itself.
 */
function addSupport(groups: Group[]): void {
  const named = groups.filter((g) => g.proper && g.candidates.length > 0);
  const countriesOf = new Map(
    named.map((g) => [g, new Set(g.candidates.flatMap((c) => (c.place.countryCode ? [c.place.countryCode] : [])))]),
  );
  const supporters = named.filter((g) => g.candidates.length <= MAX_SUPPORTING_CANDIDATES);
  // Round one: the countries the other names could be in.
  const byCountry = new Map<Group, Map<Place, number>>();
  for (const group of named) {
    const votes = new Map<string, number>();
    for (const other of supporters) {
      if (sameName(other, group)) continue;
      const ccs = countriesOf.get(other)!;
      for (const cc of ccs) votes.set(cc, (votes.get(cc) ?? 0) + 1 / ccs.size);
    }
    const cs = new Map<Place, number>();
    for (const c of group.candidates) {
      const cc = c.place.countryCode;
      cs.set(c.place, W_CO_COUNTRY * (cc ? Math.min(1, (votes.get(cc) ?? 0) / 2) : 0));
    }
    byCountry.set(group, cs);
  }
  // How likely each namesake of a name is on that evidence (its share of the name, by a softmax
  // of prominence and country support): "Florida" beside American names is the US state.
  const likelihood = new Map<Place, number>();
  for (const group of supporters) {
    const raw = group.candidates.map((c) =>
      Math.exp(SUPPORT_SHARPNESS * (prominence(c.place) + byCountry.get(group)!.get(c.place)!)),
    );
    const total = raw.reduce((a, b) => a + b, 0);
    // Never below an even share: a namesake the prominence rates low is still a fair reading.
    const even = 1 / Math.sqrt(group.candidates.length);
    group.candidates.forEach((c, i) => {
      likelihood.set(c.place, Math.max(likelihood.get(c.place) ?? 0, even, raw[i]! / total));
    });
  }
  // Round two: namesakes of the other names beside or around each namesake, by their likelihood.
  for (const group of named) {
    if (group.candidates.length < 2) continue;
    for (const c of group.candidates) {
      let local = 0;
      for (const other of supporters) {
        if (sameName(other, group)) continue;
        let best = 0;
        for (const o of other.candidates)
          if (together(c.place, o.place)) best = Math.max(best, likelihood.get(o.place)!);
        local += best;
      }
      local = Math.min(1, local);
      if (local >= 0.35) group.backed.add(c.place);
      group.support.set(c.place, byCountry.get(group)!.get(c.place)! + W_CO_LOCAL * local);
    }
  }
}

/** A division and a place inside it ("Kharkiv Oblast" and Kharkiv) are one answer, not rivals. */
function nested(a: Place, b: Place): boolean {
  const inside = (outer: Place, inner: Place) =>
    isDivision(outer) &&
    outer.countryCode === inner.countryCode &&
    (outer.featureCode === 'ADM2' ? distanceKm(outer, inner) <= DISTRICT_KM : outer.admin1 === inner.admin1);
  return inside(a, b) || inside(b, a);
}

/**
 * How many times bigger than its tied namesakes a town must be to be the one meant. A fifth
 * bigger is enough: a name the story gives no other clue for is more often the bigger town, and a
 * best guess is worth more than no point (on local news, about one such guess in three is right
 * where leaving the name unresolved is always a miss; a narrower gap guesses worse).
 */
const MUCH_BIGGER = 1.2;
/** A tie goes to the biggest namesake only when it is a town at least this big. */
const BIG_TOWN = 10_000;

/**
 * Namesakes that score alike are still told apart when one is a town clearly the biggest
 * ("Arlington" alone is the city of 390,000 rather than that of 210,000; "Ozark" the Missouri
 * town of 19,000 rather than the Alabama one of 15,000). Otherwise the name stays unresolved.
 */
function breaksTie(best: Place, tied: Place[]): boolean {
  // Towns only: a province's or a district's population is not recorded, and a village is no reading to force.
  const town = (p: Place) => p.precision === 'CITY' && !isDivision(p);
  return (
    town(best) &&
    best.population >= BIG_TOWN &&
    tied.every((p) => town(p) && best.population >= MUCH_BIGGER * p.population)
  );
}

/** A namesake this close to a firmly placed town of the story is the story's (a suburb, the next town). */
const BESIDE_TOWN_KM = 50;
/**
 * A namesake this close to a town another name was placed at is in the story's area: a local
 * story's towns lie a county or two apart ("Paris" in a story that places Lipscomb's student
 * among Tennessee towns). Weaker than a town the text pins down (BESIDE_TOWN_KM).
 */
const STORY_AREA_KM = 200;

/** How far a second-level district's point (a county's) may lie from a town in it. */
const COUNTY_KM = 80;

/** How far a district's estimated point may lie from a place in it. */
const DISTRICT_KM = 60;

function decide(group: Group, ctx: Context): Decision {
  const scored = group.candidates
    .map((c) => ({ c, s: score(group, c, ctx), ok: isPlausible(group, c, ctx) }))
    .sort((a, b) => b.s - a.s);

  const considered = scored.map((x) => x.c);
  const plausible = scored.filter((x) => x.ok);
  const top = plausible[0];
  if (!top) return { place: null, considered, confident: false };
  const tied = [
    top,
    ...plausible.filter(
      (x) =>
        x !== top &&
        !nested(x.c.place, top.c.place) &&
        top.s - x.s < TIE_MARGIN &&
        distanceKm(top.c.place, x.c.place) > SAME_PLACE_KM,
    ),
  ];
  // Namesakes that tie go to the one beside a town the story is placed at, else to the one much
  // the biggest, whichever scored a hair higher. Great cities have towns of every common name
  // around them: they break no tie.
  const small = ctx.towns.filter((t) => !isProminent(t));
  const besideCount = (place: Place) =>
    small.filter((t) => t !== place && distanceKm(place, t) <= BESIDE_TOWN_KM).length;
  const counts = tied.map((x) => besideCount(x.c.place));
  const most = Math.max(...counts);
  // Beside more of the story's towns than any other namesake: a town, or a county holding them.
  const beside = most > 0 && counts.filter((n) => n === most).length === 1 ? tied[counts.indexOf(most)]! : null;
  const best =
    tied.length === 1
      ? top
      : beside && (isTown(beside.c.place) || beside.c.place.featureCode === 'ADM2')
        ? beside
        : tied.find((x) =>
            breaksTie(
              x.c.place,
              tied.filter((y) => y !== x).map((y) => y.c.place),
            ),
          );
  if (!best) return { place: null, considered: plausible.map((x) => x.c), confident: false };
  const rivals = plausible.filter((x) => x !== best && !nested(x.c.place, best.c.place));
  const inCountry = [best, ...rivals].filter((x) => x.c.place.countryCode && ctx.countries.has(x.c.place.countryCode));
  const confident =
    best.c.via !== 'near-spelling' &&
    (rivals.length === 0 || (inCountry.length === 1 && inCountry[0] === best) || qualifies(group, best.c.place));
  return { place: best.c.place, considered, confident };
}

/** A capitalised type word is part of a division's name: "Walker County" is not Walker. */
const NAMED_TYPE =
  /^\s+(County|Parish|Borough|Township|District|Province|Governorate|Oblast|Region|Prefecture|Municipality)\b/u;

const OFFICE_AFTER = new RegExp(
  `^\\s+(?:${PROVINCE_OFFICES.map((w) => w.replace(/\./g, '\\.').replace(/ /g, '\\s+')).join('|')})(?![\\p{L}])`,
  'u',
);

/** "Marib city", "Mandera town" (lower case: "Mexico City" is a name), "the village of Bule". */
const SETTLEMENT_AFTER = /^\s+(?:city|town|village)\b/u;
const SETTLEMENT_BEFORE = /\b(?:city|town|village) of\s+$/iu;
// "the border town of Mandera", "the northern city of Kirkuk".
const SETTLEMENT_START = /^(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?(?:city|town|village) of\s/iu;

/**
 * The name with the capitalised type word its mentions write after it ("Walker" written "Walker
 * County"). Lists of divisions ("Becker, Clay and Wilkin counties") are typed where they are
 * found (mentions/division-lists.ts).
 */
function typedName(p: PlaceMention, text: string): string {
  if (TYPE_WORD.test(p.name)) return p.name;
  const after = (m: Span) => (m.text.startsWith(p.name) ? text.slice(m.start + p.name.length, m.end + 30) : '');
  for (const m of p.mentions) {
    const typed = NAMED_TYPE.exec(after(m));
    if (typed) return `${p.name} ${typed[1]}`;
  }
  // "Masisi territory", "Chin state": a type word in lower case is part of the name where the
  // gazetteer knows the division by that typed name ("Walker county" stays Walker), and only
  // when every use is so written ("bombed Idlib … in Idlib province" names the city too).
  const lower = p.mentions.map((m) => LOWER_TYPE.exec(after(m))?.[1]);
  const name = lower[0] && lower.every((w) => w === lower[0]) ? `${p.name} ${lower[0]}` : '';
  return name && namesTypedDivision(name) ? name : p.name;
}
const LOWER_TYPE = new RegExp(`^\\s+(${DIVISION_TYPE_WORDS.join('|')})\\b`, 'u');

function groupMentions(places: PlaceMention[], text: string): Group[] {
  const groups = new Map<string, Group>();
  for (const mention of places) {
    const p = mention.common ? mention : { ...mention, name: typedName(mention, text) };
    const key = foldName(p.name);
    if (!key) continue;
    let group = groups.get(key);
    if (!group) {
      const proper = !p.common && /\p{Lu}/u.test(p.name);
      group = {
        key,
        name: p.name,
        surfaceNames: [],
        mentions: [],
        proper,
        candidates: [],
        qualifiers: new Set(),
        parents: [],
        typedDivision: TYPE_WORD.test(p.name),
        typedSettlement: false,
        governed: false,
        support: new Map(),
        backed: new Set(),
        namesakes: new Set(),
        sameAs: new Set(),
      };
      groups.set(key, group);
    }
    if (!group.surfaceNames.includes(p.name)) group.surfaceNames.push(p.name);
    group.mentions.push(...p.mentions);
  }
  for (const group of groups.values()) {
    group.mentions = dedupeSpans(group.mentions);
    if (!group.proper) continue;
    group.governed = group.mentions.some((m) => OFFICE_AFTER.test(text.slice(m.end, m.end + 30)));
    group.typedSettlement = group.mentions.some(
      (m) =>
        SETTLEMENT_AFTER.test(text.slice(m.end, m.end + 12)) ||
        SETTLEMENT_BEFORE.test(text.slice(Math.max(0, m.start - 20), m.start)) ||
        SETTLEMENT_START.test(m.text),
    );
    group.candidates = lookupPlaceMatches(group.name).map((m) => ({ place: m.place, via: m.via }));
    if (!group.mentions.some((m) => TOWN_OFFICE_AFTER.test(text.slice(m.end, m.end + 30))))
      group.candidates = group.candidates.filter((c) => !isCityOfItsProvince(group, c));
    group.namesakes = new Set(group.candidates.map((c) => c.place));
    const namesakes = group.candidates.map((c) => c.place);
    group.parents = group.mentions.map((m) => parentsAfter(text, m, namesakes)).find((c) => c.length) ?? [];
    // "Iraq, Afghanistan or Syria", "Asia, Australia": a list of countries or continents, not an address.
    if (group.candidates.some((c) => c.place.precision === 'COUNTRY' || isWorldRegion(c.place))) group.parents = [];
    group.qualifiers = new Set([
      ...group.mentions.flatMap((m) => qualifiersAfter(text, m)),
      ...group.parents.flatMap((p) => (p.countryCode ? [p.countryCode] : [])),
    ]);
  }
  linkSameNames([...groups.values()]);
  addSupport([...groups.values()]);
  pinCountyTowns([...groups.values()], text);
  return [...groups.values()];
}

/** A town office or service after the name ("New York police", "the New York City Council"). */
const TOWN_OFFICE_AFTER = new RegExp(`^\\s+(?:${[...TOWN_OFFICES].join('|')})\\b`, 'iu');

/**
 * A city whose own name is its province's or country's name and "City" ("New York City"), found
 * by the bare name only as an alias: the bare name is the province ("New York"), unless a town
 * office follows it ("the New York police").
 */
function isCityOfItsProvince(group: Group, c: Candidate): boolean {
  if (c.via !== 'alias' || !isTown(c.place) || foldName(c.place.name) !== `${group.key} city`) return false;
  return group.candidates.some(
    (o) =>
      o.via === 'name' &&
      (o.place.featureCode === 'ADM1' || o.place.precision === 'COUNTRY') &&
      contains(o.place, c.place),
  );
}

function dedupeSpans(spans: Span[]): Span[] {
  const seen = new Set<string>();
  return [...spans]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .filter((s) => {
      const id = `${s.start}:${s.end}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
}

const toCandidate = (p: Place): GeoCandidate => ({
  name: p.name,
  latitude: p.latitude,
  longitude: p.longitude,
  countryCode: p.countryCode,
  geonamesId: p.geonamesId,
});

function aliasesOf(name: string, others: string[], place: Place | null): string[] {
  const seen = new Set([foldName(name)]);
  const out: string[] = [];
  for (const alias of [...others, ...(place ? [place.name, ...place.aliases] : [])]) {
    const key = foldName(alias);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
    if (out.length >= MAX_ALIASES) break;
  }
  return out;
}

/**
 * Resolves the article's place names to gazetteer places. `places` are the names the mention
 * finder found (a name may repeat); `text` is the article's clean text, read for country
 * names, demonyms and qualifiers; `actorCountries` are the countries of the article's parties
 * ("Rapid Support Forces" → SD), evidence that the text may not spell out. Names that fold alike are one location (key =
 * foldName(name)); names that resolve to the same place are merged under the first one
 * mentioned, the others becoming aliases.
 */
export function geocode(
  places: PlaceMention[],
  text: string,
  actorCountries: readonly string[] = [],
): ExtractedLocation[] {
  const groups = groupMentions(places, text);
  const evidence = findCountryEvidence(text);
  const actors = [...new Set(actorCountries.filter((c) => /^[A-Z]{2}$/.test(c)))];

  const writtenIn = evidence.length === 0 ? homeCountryOf(text) : null;

  // Pass 1: resolve what country evidence alone settles; those places anchor the rest.
  const anchors = new Map<Group, Place>();
  for (const group of groups) {
    const d = decide(group, contextFor(group, evidence, new Map(), actors));
    if (d.place && d.confident) anchors.set(group, d.place);
  }

  // Pass 2: every name against the anchors. A name the gazetteer lacks, or whose namesakes
  // are all implausible here, may be a variant spelling of a place among the anchors.
  const decisions = new Map<Group, Decision>();
  for (const group of groups) {
    const ctx = contextFor(group, evidence, anchors, actors, { writtenIn });
    let decision = decide(group, ctx);
    const unplaced = !decision.place && !group.candidates.some((c) => isPlausible(group, c, ctx));
    // A namesake far from every other place of the story, when a village of the name lies among them.
    const farOff =
      decision.place !== null &&
      decision.place.precision === 'CITY' &&
      ctx.anchors.length > 0 &&
      nearestKm(decision.place, ctx.anchors) > LOCAL_KM &&
      !qualifies(group, decision.place);
    if (group.proper && (unplaced || farOff)) {
      const villages = villageCandidates(group, ctx).filter(
        (v) => unplaced || qualifies(group, v.place) || nearestKm(v.place, ctx.anchors) <= LOCAL_KM,
      );
      if (villages.length) {
        group.candidates.push(...villages);
        decision = decide(group, ctx);
      }
    }
    if (group.proper && !decision.place && !group.candidates.some((c) => isPlausible(group, c, ctx))) {
      const variants = findNearSpellings(group.name, ctx.countries).filter(
        (m) => !group.candidates.some((c) => c.place === m.place),
      );
      if (variants.length) {
        group.candidates.push(...variants.map((m) => ({ place: m.place, via: 'near-spelling' as const })));
        decision = decide(group, ctx);
      }
    }
    // An unknown village inside a known district is the district's point, at REGION precision.
    const parent = group.parents[0];
    if (group.proper && !decision.place && parent && parent.precision !== 'COUNTRY')
      decision = { place: parent, considered: decision.considered, confident: false, fallback: true };
    decisions.set(group, decision);
  }

  // A story that names no country, nor a province of another, is of the country its text is written in.
  const abroad = (p: Place | null) =>
    !!p && (p.precision === 'COUNTRY' || p.featureCode === 'ADM1') && p.countryCode !== writtenIn;
  const story = writtenIn && ![...decisions.values()].some((d) => abroad(d.place)) ? writtenIn : null;
  // Its parties' other countries were guessed from their towns' biggest namesakes ("Athens City Council"): no evidence then.
  if (story) actors.splice(0, actors.length, story);

  // Pass 3: every name again, now that the others have a place: the region they share is the
  // story's ("Paris" in a story whose Henry County is Tennessee's is Paris, Tennessee). Twice,
  // since a county placed anew ("Jefferson County" beside Kansas towns) pins the story in turn.
  for (let round = 0; round < PLACE_CONTEXT_ROUNDS; round++) {
    const settled = new Map<Group, Place>();
    const placed = new Map<Group, Place>();
    const sure = new Map<Group, Place>();
    for (const [group, d] of decisions) {
      if (!d.place || d.fallback) continue;
      placed.set(group, d.place);
      if (d.confident) sure.set(group, d.place);
      if (isFirm(group, d.place)) settled.set(group, d.place);
    }
    if (settled.size === 0 && placed.size === 0) break;
    let changed = false;
    for (const group of groups) {
      const before = decisions.get(group)!;
      // A name of one namesake is settled once placed; unplaced, the story's places may still vouch for it.
      if (!group.proper || before.fallback) continue;
      const ctx = contextFor(group, evidence, anchors, actors, { settled, placed, sure, home: story });
      const villages = addVillagesBeside(group, before.place, ctx) || addCountiesBeside(group, before.place, ctx);
      if (!villages && group.candidates.length < (before.place ? 2 : 1)) continue;
      const decision = decide(group, ctx);
      if (decision.place || before.place === null) {
        changed ||= decision.place !== before.place;
        decisions.set(group, decision);
      }
    }
    if (!changed) break;
  }

  // Three or more names whose namesakes (villages too) lie together are those namesakes.
  placeTogether(groups, decisions, evidence);

  // Pass 4: a name written only as another's parent ("Fresnillo, Zacatecas", "Bint Jbeil
  // (Bint Jbeil, Nabatieh)") is the division that place's chain of parents resolved to, not a
  // namesake town of its own.
  const withParents = groups.filter((g) => g.parents.length);
  for (const group of groups) {
    const parent = writtenParent(group, withParents, text);
    if (parent) decisions.set(group, { place: parent, considered: group.candidates, confident: true });
  }

  // "Dublin City Council" beside "Dublin": a town's name and "City" is that town, unless a place is so named itself ("Kansas City").
  for (const group of groups) {
    const bare = group.key.endsWith(' city') ? groups.find((g) => g.key === group.key.slice(0, -' city'.length)) : null;
    const town = bare ? decisions.get(bare) : null;
    if (town?.place && isTown(town.place) && !group.candidates.some((c) => c.via === 'name' && isTown(c.place)))
      decisions.set(group, { ...town, considered: group.candidates });
  }

  return mergeSamePlace(groups, decisions);
}

const DOLLARS = /\$\s?\d/;
const POUNDS = /£\s?\d/;
const OTHER_MONEY = /[£€]|\b(?:C|A|NZ|HK|S)\$/;
/** A clock time as American news writes it ("6:30 p.m."); British news writes "6.30pm". */
const AMERICAN_TIME = /\d\s?[ap]\.m\./;
/** Spellings of British, Irish, Canadian and Australian English that American English writes otherwise. */
const COMMONWEALTH_SPELLING =
  /\b(?:neighbour|colour|favour|honour|centre|theatre|defence|offence|organis(?:e|ed|es|ing|ation)|realis(?:e|ed|es|ing)|recognis(?:e|ed|es|ing)|travelled|travelling|jewellery|programme)/giu;
const AMERICAN_SPELLING =
  /\b(?:neighbor|color|favor|honor|center|theater|defense|offense|organiz(?:e|ed|es|ing|ation)|realiz(?:e|ed|es|ing)|recogniz(?:e|ed|es|ing)|traveled|traveling|jewelry)/giu;

/**
 * The country a story that names none is written in, where its text says so: one that counts
 * money in dollars, or tells the time as Americans do ("6:30 p.m."), and spells as Americans do
 * is American (on local news, nearly every such story's places are in the US); one that counts
 * in pounds, and dollars or euros not at all, and spells as Britons do is British ("a £4.2m
 * scheme" for Richmond's cyclists is London's Richmond). A weak sign, read like a party's country.
 */
function homeCountryOf(text: string): string | null {
  const commonwealth = text.match(COMMONWEALTH_SPELLING)?.length ?? 0;
  const american = text.match(AMERICAN_SPELLING)?.length ?? 0;
  if (POUNDS.test(text) && !DOLLARS.test(text) && !text.includes('€')) return commonwealth >= american ? 'GB' : null;
  if (!(DOLLARS.test(text) || AMERICAN_TIME.test(text)) || OTHER_MONEY.test(text)) return null;
  return commonwealth > american ? null : 'US';
}

/** Towns this close are one neighbourhood for `placeTogether`. */
const TOGETHER_KM = 60;
/** Names with more namesakes than this meet another name's by chance too often to vouch for it. */
const MAX_TOGETHER_OPTIONS = 12;

/**
 * Names of small towns that lie together ("Riverside", "Kalona" and "Wellman": three Iowa
 * towns within 25 km) are those towns, though each name's biggest namesake lies elsewhere:
 * a name is moved to the namesake (a village too) beside the namesakes of at least two other
 * names, when its place has fewer such neighbours. Names the text pins down are left alone.
 */
function placeTogether(groups: Group[], decisions: Map<Group, Decision>, evidence: CountryEvidence[]): void {
  const countries = new Set(evidence.map((e) => e.countryCode));
  for (const d of decisions.values()) if (d.place?.countryCode) countries.add(d.place.countryCode);
  const movable = (g: Group) => {
    const d = decisions.get(g);
    return (
      g.proper &&
      !g.typedDivision &&
      !g.governed &&
      g.parents.length === 0 &&
      g.qualifiers.size === 0 &&
      !d?.fallback &&
      (!d?.place || (isTown(d.place) && !isProminent(d.place)))
    );
  };
  const options = new Map<Group, Place[]>();
  for (const g of groups) {
    if (!movable(g)) continue;
    const towns = g.candidates.map((c) => c.place).filter((p) => isTown(p));
    const villages = lookupVillageMatches(g.name, countries)
      .map((m) => m.place)
      .filter((v) => !towns.includes(v));
    const all = [...towns, ...villages];
    if (all.length && all.length <= MAX_TOGETHER_OPTIONS) options.set(g, all);
  }
  if (options.size < 3) return;
  // The places of the names that stay put (counties, towns written with their province) count as they are.
  const fixed = groups.flatMap((g) => {
    const place = options.has(g) ? null : decisions.get(g)?.place;
    // A great city has towns of every common name around it: it vouches for none.
    return place && ((isTown(place) && !isProminent(place)) || place.featureCode === 'ADM2') ? [{ g, place }] : [];
  });
  const neighbours = (g: Group, place: Place): number => {
    let n = 0;
    for (const [h, hs] of options)
      if (h !== g && h.key !== g.key && hs.some((o) => o !== place && distanceKm(o, place) <= TOGETHER_KM)) n++;
    for (const f of fixed) if (f.g.key !== g.key && f.place !== place && distanceKm(f.place, place) <= TOGETHER_KM) n++;
    return n;
  };
  const moves: [Group, Place][] = [];
  for (const [g, all] of options) {
    const current = decisions.get(g)!.place;
    const now = current ? neighbours(g, current) : 0;
    let best: Place | null = null;
    // Beside two names more than where it is: one name more is too often chance.
    let most = now + 1;
    for (const o of all) {
      const n = neighbours(g, o);
      if (n > most) {
        best = o;
        most = n;
      }
    }
    if (best && best !== current) moves.push([g, best]);
  }
  for (const [g, place] of moves) {
    if (!g.candidates.some((c) => c.place === place)) g.candidates.push({ place, via: 'name' });
    decisions.set(g, { place, considered: g.candidates, confident: false });
  }
}

/** Between a place and a parent written after it: a type word, then "(" or "," and the parts before. */
const TO_PARENT = /^(?:\s+\p{Ll}+)?\s*[(,]\s*(?:[^()\n;]*?,\s*)?$/u;

/** The parent `group` stands for when every one of its mentions is written as another place's parent. */
function writtenParent(group: Group, withParents: readonly Group[], text: string): Place | undefined {
  if (!group.proper || group.mentions.length === 0) return undefined;
  // Whether `m` is written as a parent of `o`: inside its span ("Fresnillo, Zacatecas"), or in the
  // window after it that parents are read from.
  const asParentOf = (o: Span, m: Span) =>
    (o !== m && o.start <= m.start && m.end <= o.end) ||
    (o.end <= m.start && m.start - o.end <= PARENT_WINDOW && TO_PARENT.test(text.slice(o.end, m.start)));
  let found: Place | undefined;
  for (const m of group.mentions) {
    const parent = withParents
      .filter((g) => g !== group && g.mentions.some((o) => asParentOf(o, m)))
      .flatMap((g) => g.parents.filter((p) => group.candidates.some((c) => c.place === p)))[0];
    if (!parent || (found && found !== parent)) return undefined;
    found = parent;
  }
  return found;
}

/**
 * A name placed far from every town the story's other names were placed at with confidence (or,
 * failing a village there, at all), or not placed, when a village of the name lies beside one of
 * them ("Mansfield" in a story about Shreveport is the Louisiana village, not the Ohio city): the
 * village joins the candidates.
 */
function addVillagesBeside(group: Group, place: Place | null, ctx: Context): boolean {
  if (group.typedDivision || (place && qualifies(group, place))) return false;
  // Beside the towns placed with confidence when far from them all; else beside any placed town when far from them all.
  const sets = [ctx.sureTowns, ctx.towns];
  const towns = sets.find((t) => t.length && (!place || nearestKm(place, t) > CO_LOCAL_KM));
  // Or outside every province the text names, when a village of the name lies in one ("Williston" in a story that names Florida).
  const provinces = place && (!isTown(place) || ctx.provinces.some((p) => contains(p, place))) ? [] : ctx.provinces;
  // Or abroad (or nowhere) in a story of the country it is written in, when a village of the name is there ("Flemington").
  const home = ctx.home && (!place || (isTown(place) && place.countryCode !== ctx.home)) ? ctx.home : null;
  if (!towns && !provinces.length && !home) return false;
  const villages = villageCandidates(group, ctx, [...(towns ?? []), ...provinces]).filter(
    (v) =>
      ((towns && nearestKm(v.place, towns) <= CO_LOCAL_KM) ||
        provinces.some((p) => contains(p, v.place)) ||
        v.place.countryCode === home) &&
      !group.candidates.some((c) => c.place === v.place),
  );
  // Support was counted before the villages came in: a village shares its country's with its namesakes there.
  for (const v of villages) {
    const same = group.candidates.filter((c) => c.place.countryCode === v.place.countryCode);
    const shared = Math.min(W_CO_COUNTRY, ...same.map((c) => group.support.get(c.place) ?? 0));
    group.support.set(v.place, same.length ? shared : 0);
  }
  group.candidates.push(...villages);
  return villages.length > 0;
}

/**
 * A bare name placed far from every town the story's other names were placed at with confidence,
 * or not placed, when a county of that name holds or borders one of them ("Oxford" beside
 * Woodstock, Ontario; "Douglas, Lancaster and Sarpy" beside Omaha): the county joins the
 * candidates. The gazetteer indexes such a county only with its type word, since most bare
 * county names are surnames; beside the story's towns the name is the county's.
 */
function addCountiesBeside(group: Group, place: Place | null, ctx: Context): boolean {
  if (group.typedDivision || group.typedSettlement || (place && qualifies(group, place))) return false;
  const towns = ctx.sureTowns;
  // Not when the name's place is in the story's area already ("Butte" beside Bozeman, with Oroville in Butte County).
  if (!towns.length || (place && nearestKm(place, towns) <= STORY_AREA_KM)) return false;
  const counties = countiesNamed(group.name).filter(
    (p) => nearestKm(p, towns) <= COUNTY_KM && !group.candidates.some((c) => c.place === p),
  );
  for (const c of counties) group.support.set(c, W_CO_COUNTRY);
  group.candidates.push(...counties.map((place) => ({ place, via: 'name' as const })));
  return counties.length > 0;
}
const COUNTY_WORDS = ['County', 'Parish'];
/** The second-level divisions named so with a county's type word ("Oxford" → Oxford County), remembered. */
const countiesNamed = memo((name: string): Place[] =>
  COUNTY_WORDS.flatMap((w) => lookupPlaceMatches(`${name} ${w}`, false))
    .map((m) => m.place)
    .filter((p) => p.featureCode === 'ADM2'),
);

/**
 * Villages (a gazetteer tier of places of 1,000-4,999 that only this step reads) named like a
 * place the mention finder found and the gazetteer's places lack or place far off: only in the
 * countries the article is about (or those of `more`, places of the story), and inside the division written after the name when one is
 * ("Tennessee Colony, Texas", "Bule (Djugu, Ituri)").
 */
function villageCandidates(group: Group, ctx: Context, more: Place[] = []): Candidate[] {
  const parent = group.parents[0];
  const countries = parent?.countryCode
    ? [parent.countryCode]
    : [...ctx.countries, ...group.qualifiers, ...more.flatMap((p) => (p.countryCode ? [p.countryCode] : []))];
  return lookupVillageMatches(group.name, countries)
    .filter((m) => !parent || parent.precision === 'COUNTRY' || m.place.admin1 === parent.admin1)
    .map((m) => ({ place: m.place, via: m.via }));
}

/**
 * A placed name the text pins down, and so evidence for the others: a division written as one
 * ("Henry County"), a province named outright ("Tennessee"), or a name with its province or
 * country written after it ("Columbus, Miss."). A bare town name may be a surname ("Lawton").
 */
function isFirm(group: Group, place: Place): boolean {
  return (
    (group.typedDivision && isDivision(place)) ||
    (place.featureCode === 'ADM1' && group.candidates.every((c) => c.place.precision !== 'COUNTRY')) ||
    qualifies(group, place)
  );
}

const isShouting = (name: string): boolean => /\p{Lu}{3}/u.test(name) && !/\p{Ll}/u.test(name);

/**
 * The name a location is listed under: the first surface form, except that a name written in
 * capitals (a dateline's "KYIV") gives way to another spelling of it ("Kyiv"), or the gazetteer's.
 */
function displayName(group: Group, place: Place | null): string {
  // "N.Y.": a division written short is listed under its name.
  if (place?.featureCode === 'ADM1' && /\.$/.test(group.name)) return place.name;
  if (!isShouting(group.name)) return group.name;
  const written = group.surfaceNames.find((n) => !isShouting(n));
  if (written) return written;
  const known = place ? [place.name, ...place.aliases].find((n) => foldName(n) === group.key) : undefined;
  return known ?? group.name;
}

/** One location per place: a group resolved to a place already taken joins the first such group. */
function mergeSamePlace(groups: Group[], decisions: Map<Group, Decision>): ExtractedLocation[] {
  const ordered = [...groups].sort((a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0));
  const members = new Map<Group, Group[]>();
  const leaderOf = new Map<Place, Group>();
  for (const group of ordered) {
    const decision = decisions.get(group)!;
    const place = decision.fallback ? null : decision.place;
    const leader = place ? leaderOf.get(place) : undefined;
    if (leader) members.get(leader)!.push(group);
    else {
      members.set(group, [group]);
      if (place) leaderOf.set(place, group);
    }
  }
  return [...members].map(([group, all]) => {
    const { place, considered, fallback } = decisions.get(group)!;
    if (fallback && place) {
      return {
        key: group.key,
        name: group.name,
        aliases: aliasesOf(
          group.name,
          all.flatMap((g) => g.surfaceNames).filter((n) => n !== group.name),
          null,
        ),
        latitude: place.latitude,
        longitude: place.longitude,
        countryCode: place.countryCode,
        precision: 'REGION' as const,
        geonamesId: null,
        candidates: considered.slice(0, MAX_CANDIDATES).map((c) => toCandidate(c.place)),
        mentions: dedupeSpans(all.flatMap((g) => g.mentions)),
      };
    }
    const name = displayName(group, place);
    const otherNames = all.flatMap((g) => g.surfaceNames).filter((n) => n !== name);
    return {
      key: group.key,
      name,
      aliases: aliasesOf(name, otherNames, place),
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      countryCode: place?.countryCode ?? null,
      precision: place?.precision ?? 'UNRESOLVED',
      geonamesId: place?.geonamesId ?? null,
      candidates: place ? [] : considered.slice(0, MAX_CANDIDATES).map((c) => toCandidate(c.place)),
      mentions: dedupeSpans(all.flatMap((g) => g.mentions)),
    };
  });
}
