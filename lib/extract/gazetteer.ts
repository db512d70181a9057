/**
 * The offline gazetteer: GeoNames cities5000 and first- and second-level divisions, the
 * countries of `world-countries` and the hand-curated regions and places of data/places.tsv,
 * plus a village tier (GeoNames places of 1,000-4,999) kept apart for resolution only, built
 * by scripts/build-gazetteer.ts into one gzipped TSV. Loaded lazily on first use (never at import time) and indexed by
 * `foldName` of every name and alias, so "ŞUŞA", "Shusha" and "Shushi" find one place.
 *
 * File format (UTF-8, gzip):
 *   #claimgraph-gazetteer/3 <TAB> fold=<fingerprint> <TAB> places=<n> <TAB> countries=<k> <TAB> names=<m>
 *     <TAB> villages=<v> <TAB> villageNames=<w>
 *   n place lines, countries first, tab-separated in the order of `C` below; lists are
 *     `|`-separated; empty population means 0, empty precision CITY, empty source "GeoNames <id>"
 *   v village lines, same columns (the village tier: GeoNames places of 1,000-4,999)
 *   #index
 *   m lines sorted by key: folded name <TAB> comma-separated (placeIndex*2 + isPrimaryName);
 *     keys starting with `!` are all-caps acronyms ("!UAE"); places only, never villages
 *   #villages
 *   w lines, the same for the villages (placeIndex counts on after the n places)
 * Villages have an index of their own so that nothing that decides whether a phrase is a place
 * (`isKnownPlaceName`, `lookupPlaceMatches`) can see them: most village names are also surnames
 * or English words. `lookupVillageMatches` reads it, to resolve a name already found as a place,
 * and `isVillageName`, for the mention finder where the words around a name already say it is
 * a place (after "in", or a person's "of").
 * The index is folded at build time because folding 160,000 names costs more than the rest
 * of the load; the fingerprint tells when `foldName` has changed since, and then the index is
 * rebuilt from the names at load (slower, never wrong).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { foldName } from '../names.js';

export type PlacePrecision = 'POINT' | 'CITY' | 'REGION' | 'COUNTRY';

export interface Place {
  geonamesId: number | null;
  name: string;
  aliases: readonly string[];
  latitude: number;
  longitude: number;
  countryCode: string | null;
  /** GeoNames feature code (PPLC, PPLA, PPL ...); PCLI for countries, RGN/PT for hand regions/points. */
  featureCode: string;
  /** GeoNames first-level division code, '' when unknown. */
  admin1: string;
  population: number;
  precision: PlacePrecision;
  /** Where the row comes from: "GeoNames 587084", "world-countries", "Wikipedia: Khojavend". */
  source: string;
  /** Set on the village tier (GeoNames places of 1,000-4,999), found only by `lookupVillageMatches`. */
  village?: true;
}

/** How a name reached a place: its primary name, an alias, or an all-caps acronym ("UAE"). */
export type MatchKind = 'name' | 'alias' | 'acronym';

export interface PlaceMatch {
  place: Place;
  via: MatchKind;
  /** The folded form that matched, after wrapping words were dropped ("Karabakh region" → "karabakh"). */
  matchedKey: string;
}

/** One place as the build script produces it. */
export interface GazetteerRow {
  geonamesId: number | null;
  name: string;
  aliases: string[];
  latitude: number;
  longitude: number;
  countryCode: string | null;
  featureCode: string;
  admin1: string;
  population: number;
  precision: PlacePrecision;
  demonyms: string[];
  source: string;
  /** Countries only: ISO 3166-1 alpha-2 codes of the countries it borders. */
  neighbours?: string[];
  /** The village tier: stored after the places, with an index of its own. */
  village?: true;
}

const MAGIC = '#claimgraph-gazetteer/3';
const INDEX_MARK = '#index';
const VILLAGE_MARK = '#villages';
const FILE_NAME = 'gazetteer.tsv.gz';
const PATH_ENV = 'CLAIMGRAPH_GAZETTEER_PATH';
const PRIMARY_BIT = 1;
const ACRONYM_PREFIX = '!';

// Column positions of a place line.
const C = {
  geonamesId: 0,
  name: 1,
  latitude: 2,
  longitude: 3,
  countryCode: 4,
  featureCode: 5,
  admin1: 6,
  population: 7,
  precision: 8,
  aliases: 9,
  demonyms: 10,
  source: 11,
  neighbours: 12,
} as const;

/**
 * A digest of what `foldName` does to letters that are easy to fold differently. Stored in
 * the file so that a changed folding rule is noticed instead of silently missing names.
 */
export function foldFingerprint(): string {
  const probe =
    "Ağdam ŞUŞA Xankəndi Nagorno-Karabakh Ma'arrat ØRESUND Œuvre Straße Łódź Đakovo Þórshöfn Ħamrun ıi Ærø D’Or Qırım 1st";
  let hash = 2166136261;
  for (const ch of foldName(probe)) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return hash.toString(16);
}

/** Acronyms ("UAE", "DRC", "U.S.") match only when written in capitals, so "us" is never the US. */
function acronymOf(name: string): string | null {
  const letters = name.trim().replace(/[.\s]/g, '');
  return /^[A-Z]{2,5}$/.test(letters) ? letters : null;
}

/** Arabic article forms as folded words: "al-", "el-", and the assimilated "ad-", "ash-", "an-" ... */
const ARABIC_ARTICLES = new Set([
  'al',
  'el',
  'il',
  'ul',
  'ad',
  'adh',
  'ar',
  'as',
  'ash',
  'at',
  'ath',
  'az',
  'an',
  'ed',
  'er',
  'es',
  'esh',
  'et',
  'ez',
  'en',
]);
const ARTICLE_PREFIX = '~';

/**
 * A folded name with its Arabic articles evened out: dropped at the start, "al" inside
 * ("Ar Raqqah" → "raqqah", "Jisr ash-Shughur" → "jisr al shughur"). Unchanged without one.
 */
export function articleFree(key: string): string {
  const words = key.split(' ');
  if (words.length < 2) return key;
  const out: string[] = [];
  words.forEach((w, i) => {
    if (ARABIC_ARTICLES.has(w) && i < words.length - 1) {
      if (i > 0) out.push('al');
    } else out.push(w);
  });
  return out.join(' ');
}

function indexKeysOf(name: string, aliases: readonly string[]): [key: string, primary: boolean][] {
  const keys: [string, boolean][] = [[foldName(name), true]];
  for (const alias of aliases) {
    const acronym = acronymOf(alias);
    keys.push(acronym ? [ACRONYM_PREFIX + acronym, false] : [foldName(alias), false]);
  }
  // Names with an Arabic article also answer to its other forms, under their own prefix.
  for (const [key, primary] of [...keys]) {
    if (key.startsWith(ACRONYM_PREFIX)) continue;
    const free = articleFree(key);
    if (free !== key && free.length >= 3) keys.push([ARTICLE_PREFIX + free, primary]);
  }
  return keys;
}

type Index = Map<string, number | number[]>;

function addToIndex(index: Index, key: string, value: number): void {
  if (!key) return;
  const had = index.get(key);
  if (had === undefined) index.set(key, value);
  else if (typeof had === 'number') {
    if (had >> 1 !== value >> 1) index.set(key, [had, value]);
  } else if (!had.some((v) => v >> 1 === value >> 1)) had.push(value);
}

const cell = (value: string | number | null): string => {
  const text = String(value ?? '');
  if (/[\t\n|]/.test(text)) throw new Error(`cannot store ${JSON.stringify(text)}: tab, newline or |`);
  return text;
};

/** The file's text for these places (the build script gzips it). */
export function serializeGazetteer(places: readonly GazetteerRow[]): string {
  // Countries first, villages last (a stable sort: the build's order is kept within each).
  const tierOf = (r: GazetteerRow): number => (r.precision === 'COUNTRY' ? 0 : r.village ? 2 : 1);
  const rows = [...places].sort((a, b) => tierOf(a) - tierOf(b));
  const countries = rows.filter((r) => r.precision === 'COUNTRY').length;
  const villages = rows.filter((r) => r.village).length;
  const index: Index = new Map();
  const villageIndex: Index = new Map();
  const lines = rows.map((r, i) => {
    for (const [key, primary] of indexKeysOf(r.name, r.aliases))
      addToIndex(r.village ? villageIndex : index, key, (i << 1) | Number(primary));
    return [
      cell(r.geonamesId),
      cell(r.name),
      cell(r.latitude),
      cell(r.longitude),
      cell(r.countryCode),
      cell(r.featureCode),
      cell(r.admin1),
      cell(r.population || ''),
      cell(r.precision === 'CITY' ? '' : r.precision),
      r.aliases.map(cell).join('|'),
      r.demonyms.map(cell).join('|'),
      cell(r.source),
      (r.neighbours ?? []).map(cell).join('|'),
    ].join('\t');
  });
  // Sorted by UTF-16 code units, the order of JavaScript's `<`, for the binary search at load.
  const sortedLines = (idx: Index): string[] =>
    [...idx]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, v]) => `${key}\t${typeof v === 'number' ? v : v.join(',')}`);
  const indexLines = sortedLines(index);
  const villageLines = sortedLines(villageIndex);
  const header = [
    MAGIC,
    `fold=${foldFingerprint()}`,
    `places=${rows.length - villages}`,
    `countries=${countries}`,
    `names=${indexLines.length}`,
    `villages=${villages}`,
    `villageNames=${villageLines.length}`,
  ];
  return [header.join('\t'), ...lines, INDEX_MARK, ...indexLines, VILLAGE_MARK, ...villageLines, ''].join('\n');
}

/** Folded key → packed place values (placeIndex*2 + isPrimaryName). */
interface NameIndex {
  get(key: string): readonly number[] | undefined;
  readonly size: number;
}

/**
 * The file's own index section, searched in place: sorted lines, binary search over their
 * offsets. Nothing is allocated per name at load, which keeps a cold start short.
 */
class SortedLinesIndex implements NameIndex {
  private readonly text: string;
  private readonly starts: Int32Array;

  constructor(text: string, starts: Int32Array) {
    this.text = text;
    this.starts = starts;
  }

  get size(): number {
    return this.starts.length - 1;
  }

  private keyAt(i: number): string {
    return this.text.slice(this.starts[i]!, this.text.indexOf('\t', this.starts[i]!));
  }

  get(key: string): readonly number[] | undefined {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = this.keyAt(mid);
      if (k === key) {
        const values = this.text.slice(this.starts[mid]! + k.length + 1, this.starts[mid + 1]! - 1);
        return values.split(',').map(Number);
      }
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

/** Built from the names when the file was folded by another `foldName` (slower, never wrong). */
class MapIndex implements NameIndex {
  private readonly map: Index = new Map();

  constructor(rows: string[], from: number, to: number) {
    rows.slice(from, to).forEach((line, j) => {
      const i = from + j;
      const f = line.split('\t');
      const aliases = f[C.aliases] ? f[C.aliases]!.split('|') : [];
      for (const [key, primary] of indexKeysOf(f[C.name]!, aliases))
        addToIndex(this.map, key, (i << 1) | Number(primary));
    });
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): readonly number[] | undefined {
    const v = this.map.get(key);
    return v === undefined ? undefined : typeof v === 'number' ? [v] : v;
  }
}

interface State {
  path: string;
  /** The places' lines, then the villages'. */
  rows: string[];
  placeCount: number;
  places: (Place | undefined)[];
  names: NameIndex;
  villageNames: NameIndex;
  demonyms: Map<string, string[]>;
  /** Folded country names and aliases (acronyms with their `!` prefix) → country code. */
  countryNames: Map<string, string>;
  neighbours: Map<string, readonly string[]>;
  countries: Map<string, number>;
  /** Row index by GeoNames id, built on the first `placeByGeonamesId`. */
  byId?: Map<number, number>;
  /** Each country's places with their folded names, built on the first near-spelling search. */
  byCountry?: Map<string, { index: number; forms: string[] }[]>;
  loadMs: number;
}

let state: State | null = null;
let explicitPath: string | null = null;

/**
 * Points the gazetteer at a file and drops any loaded copy (null: back to the default).
 * By default the file is looked for in $CLAIMGRAPH_GAZETTEER_PATH, next to this module (where
 * a Lambda bundle ships it), then in the project's data/ folder.
 */
export function configureGazetteer(path: string | URL | null): void {
  explicitPath = path === null ? null : path instanceof URL ? fileURLToPath(path) : path;
  state = null;
}

export interface GazetteerStats {
  path: string;
  places: number;
  names: number;
  villages: number;
  loadMs: number;
}

/** Loads now rather than on the first lookup (a warm-up), and tells what was loaded. */
export function loadGazetteer(path?: string | URL): GazetteerStats {
  if (path !== undefined) configureGazetteer(path);
  const s = gazetteer();
  return {
    path: s.path,
    places: s.placeCount,
    names: s.names.size,
    villages: s.rows.length - s.placeCount,
    loadMs: s.loadMs,
  };
}

function candidatePaths(): string[] {
  if (explicitPath) return [explicitPath];
  const env = process.env[PATH_ENV];
  return [
    ...(env ? [env] : []),
    fileURLToPath(new URL(`./${FILE_NAME}`, import.meta.url)),
    fileURLToPath(new URL(`../../data/${FILE_NAME}`, import.meta.url)),
  ];
}

function gazetteer(): State {
  if (state) return state;
  const paths = candidatePaths();
  const path = paths.find((p) => existsSync(p));
  if (!path) throw new Error(`gazetteer file not found; looked in: ${paths.join(', ')}`);
  state = load(path);
  return state;
}

/** Offsets of the next `count` line starts from `from`, plus the end (so line i is [s[i], s[i+1]-1)). */
function lineStarts(text: string, from: number, count: number): Int32Array {
  const starts = new Int32Array(count + 1);
  let pos = from;
  for (let i = 0; i < count; i++) {
    starts[i] = pos;
    const nl = text.indexOf('\n', pos);
    if (nl < 0) throw new Error('gazetteer file is truncated');
    pos = nl + 1;
  }
  starts[count] = pos;
  return starts;
}

function load(path: string): State {
  const started = performance.now();
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  const firstLine = text.slice(0, text.indexOf('\n'));
  const header = new Map(
    firstLine
      .split('\t')
      .slice(1)
      .map((kv) => kv.split('=') as [string, string]),
  );
  const placeCount = Number(header.get('places'));
  const nameCount = Number(header.get('names'));
  const countryCount = Number(header.get('countries'));
  const villageCount = Number(header.get('villages'));
  const villageNameCount = Number(header.get('villageNames'));
  const isMark = (at: number, mark: string): boolean => text.slice(at, at + mark.length + 1) === `${mark}\n`;
  const notOurs = () => new Error(`${path}: not a claimgraph gazetteer of format 3`);
  if (!firstLine.startsWith(`${MAGIC}\t`) || !Number.isInteger(villageCount)) throw notOurs();
  const rowCount = placeCount + villageCount;
  const rowStarts = lineStarts(text, firstLine.length + 1, rowCount);
  const indexMark = rowStarts[rowCount]!;
  if (!isMark(indexMark, INDEX_MARK)) throw notOurs();
  const indexStarts = lineStarts(text, indexMark + INDEX_MARK.length + 1, nameCount);
  const villageMark = indexStarts[nameCount]!;
  if (!isMark(villageMark, VILLAGE_MARK)) throw notOurs();
  const rows = Array.from({ length: rowCount }, (_, i) => text.slice(rowStarts[i]!, rowStarts[i + 1]! - 1));
  const folded = header.get('fold') === foldFingerprint();
  const names = folded ? new SortedLinesIndex(text, indexStarts) : new MapIndex(rows, 0, placeCount);
  const villageNames = folded
    ? new SortedLinesIndex(text, lineStarts(text, villageMark + VILLAGE_MARK.length + 1, villageNameCount))
    : new MapIndex(rows, placeCount, rowCount);
  const demonyms = new Map<string, string[]>();
  const countryNames = new Map<string, string>();
  const neighbours = new Map<string, readonly string[]>();
  const countries = new Map<string, number>();
  for (let i = 0; i < countryCount; i++) {
    const f = rows[i]!.split('\t');
    const cc = f[C.countryCode]!;
    countries.set(cc, i);
    neighbours.set(cc, f[C.neighbours] ? f[C.neighbours]!.split('|') : []);
    for (const [key] of indexKeysOf(f[C.name]!, f[C.aliases] ? f[C.aliases]!.split('|') : []))
      countryNames.set(key, cc);
    for (const d of f[C.demonyms] ? f[C.demonyms]!.split('|') : []) {
      const key = foldName(d);
      const ccs = demonyms.get(key) ?? [];
      if (!ccs.includes(cc)) ccs.push(cc);
      demonyms.set(key, ccs);
    }
  }
  return {
    path,
    rows,
    placeCount,
    places: new Array(rowCount),
    names,
    villageNames,
    demonyms,
    countryNames,
    neighbours,
    countries,
    loadMs: performance.now() - started,
  };
}

function placeAt(s: State, index: number): Place {
  const cached = s.places[index];
  if (cached) return cached;
  const f = s.rows[index]!.split('\t');
  const geonamesId = f[C.geonamesId] ? Number(f[C.geonamesId]) : null;
  const place: Place = Object.freeze({
    geonamesId,
    name: f[C.name]!,
    aliases: Object.freeze(f[C.aliases] ? f[C.aliases]!.split('|') : []),
    latitude: Number(f[C.latitude]),
    longitude: Number(f[C.longitude]),
    countryCode: f[C.countryCode] || null,
    featureCode: f[C.featureCode]!,
    admin1: f[C.admin1]!,
    population: f[C.population] ? Number(f[C.population]) : 0,
    precision: (f[C.precision] || 'CITY') as PlacePrecision,
    source: f[C.source] || `GeoNames ${geonamesId}`,
    ...(index >= s.placeCount ? { village: true as const } : {}),
  });
  s.places[index] = place;
  return place;
}

// Words that wrap a place name in news text without being part of it: "the Iraqi city of
// Mosul", "the northwest province of Latakia", "southern Lebanon", "the Karabakh region".
// Bare compass words stay: "North Carolina" is not a Carolina.
const LEADING_WORDS = new RegExp(
  '^(?:the |(?:the )?(?:[a-z]+ ){0,2}?(?:city|town|village|port|capital|province|region|governorate|district|' +
    'area|vicinity|outskirts|suburbs|countryside|heart|centre|center) of |' +
    '(?:(?:north|south) ?(?:east|west)?|east|west)ern |central )',
);
const TRAILING_WORDS =
  / (?:region|province|governorate|oblast|district|city|town|village|area|county|municipality|countryside|outskirts|suburbs|peninsula|valley|axis|axes|front|direction|sector)$/;

/**
 * The folded forms to try, most literal first: "the southern Karabakh region" →
 * "the southern karabakh region", "southern karabakh region", "karabakh region", "karabakh".
 */
function lookupKeys(name: string): string[] {
  const keys: string[] = [];
  let key = foldName(name);
  while (key && !keys.includes(key)) {
    keys.push(key);
    const next = key.replace(LEADING_WORDS, '');
    key = next !== key ? next : key.replace(TRAILING_WORDS, '');
  }
  return keys;
}

/**
 * The index keys to try for `key` when it has no entry of its own: its Arabic article evened out
 * ("El Fasher" ~ "Al Fashir", "Ar Raqqah" ~ "Raqqah" ~ "al-Raqqah"). With `loose`, also a
 * name written without its article ("Shaddadi" → "Ash Shaddadi"); the mention finder asks
 * strictly, so a bare surname is never made a place this way.
 */
function articleKeys(key: string, loose: boolean): string[] {
  const free = articleFree(key);
  if (free === key) return loose && free.length >= 4 ? [ARTICLE_PREFIX + free] : [];
  return [free, ARTICLE_PREFIX + free];
}

// Words that place names abbreviate ("Mt. Pleasant", "Ft. Worth", "St. Paris"), both ways.
const ABBREVIATED_WORDS = new Map([
  ['mt', 'mount'],
  ['ft', 'fort'],
  ['st', 'saint'],
  ['ste', 'sainte'],
]);
const EXPANDED_WORDS = new Map([...ABBREVIATED_WORDS].map(([short, long]) => [long, short]));

/** The folded name with its abbreviated words written out, or the reverse; null without any. */
function abbreviationVariant(key: string): string | null {
  const words = key.split(' ');
  if (words.length < 2) return null;
  const short = words.some((w) => ABBREVIATED_WORDS.has(w));
  const swapped = words.map((w) => (short ? ABBREVIATED_WORDS.get(w) : EXPANDED_WORDS.get(w)) ?? w).join(' ');
  return swapped === key ? null : swapped;
}

function exactMatches(s: State, name: string, loose = true, names: NameIndex = s.names): PlaceMatch[] {
  const toMatches = (key: string, values: readonly number[], matchedKey: string): PlaceMatch[] =>
    values.map((v) => ({
      place: placeAt(s, v >> 1),
      via: key.startsWith(ACRONYM_PREFIX) ? 'acronym' : v & PRIMARY_BIT ? 'name' : 'alias',
      matchedKey,
    }));
  const acronym = acronymOf(name);
  const acronymHit = acronym ? names.get(ACRONYM_PREFIX + acronym) : undefined;
  if (acronymHit) return toMatches(ACRONYM_PREFIX + acronym, acronymHit, foldName(name));
  const keys = lookupKeys(name);
  for (const key of keys) {
    const hit = names.get(key);
    // "Mt. Pleasant" is every Mount Pleasant, whichever form GeoNames happens to list for each.
    const variant = loose ? abbreviationVariant(key) : null;
    const also = variant ? names.get(variant) : undefined;
    if (hit && also) {
      const seen = new Set(hit.map((v) => v >> 1));
      return toMatches(key, [...hit, ...also.filter((v) => !seen.has(v >> 1))], key);
    }
    if (hit || also) return toMatches(key, (hit ?? also)!, key);
  }
  for (const key of keys) {
    for (const variant of articleKeys(key, loose)) {
      const hit = names.get(variant);
      if (hit) return toMatches(variant, hit, variant.replace(ARTICLE_PREFIX, ''));
    }
  }
  return [];
}

/**
 * "Palmyra, Syria", "Rome, Italy": the namesakes of the first part that lie in the country
 * (or region's country) the second part names; all of them when the second part is unknown.
 */
function qualifiedMatches(s: State, name: string): PlaceMatch[] {
  const comma = name.lastIndexOf(',');
  if (comma < 0) return [];
  const base = exactMatches(s, name.slice(0, comma));
  const qualifier = name.slice(comma + 1);
  const codes = new Set(
    exactMatches(s, qualifier)
      .map((m) => m.place)
      .filter((p) => p.precision === 'COUNTRY' || p.precision === 'REGION')
      .map((p) => p.countryCode),
  );
  const inside = base.filter((m) => codes.has(m.place.countryCode));
  return inside.length ? inside : base;
}

function matchesOf(s: State, name: string, loose = true): PlaceMatch[] {
  const exact = exactMatches(s, name, loose);
  return exact.length ? exact : qualifiedMatches(s, name);
}

/**
 * Every namesake of `name` with how it matched; largest population first. With `loose` (the
 * default) a name written without its Arabic article also finds the place ("Shaddadi").
 */
export function lookupPlaceMatches(name: string, loose = true): PlaceMatch[] {
  return matchesOf(gazetteer(), name, loose).sort(
    (a, b) => b.place.population - a.place.population || a.place.name.localeCompare(b.place.name),
  );
}

/**
 * The villages (GeoNames places of 1,000-4,999, a tier no other lookup sees) named `name` in
 * the given countries; largest first. For resolving a name the mention finder has already
 * taken as a place and the places lack ("Tennessee Colony, Texas"), never for deciding
 * whether a phrase is a place: most village names are also surnames or English words.
 */
export function lookupVillageMatches(name: string, countryCodes: Iterable<string>): PlaceMatch[] {
  const s = gazetteer();
  const codes = new Set(countryCodes);
  if (!codes.size) return [];
  const bare = name.includes(',') ? name.slice(0, name.lastIndexOf(',')) : name;
  return exactMatches(s, bare, true, s.villageNames)
    .filter((m) => m.place.countryCode !== null && codes.has(m.place.countryCode))
    .sort((a, b) => b.place.population - a.place.population || a.place.name.localeCompare(b.place.name));
}

/**
 * A village of some country is named `name` as written. Only where the text already says the
 * name is a place: a place found inside the name ("Avondale Estates" rather than the Avondale in
 * it), or a place's preposition or a person's "of" before it ("to Yellow Springs", "Stephen
 * Davis, of Chiefland"); never to decide alone that a capitalised word is a place.
 */
export function isVillageName(name: string): boolean {
  return exactMatches(gazetteer(), name, false, gazetteer().villageNames).length > 0;
}

/**
 * The place or village with GeoNames id `id` (a town, or a division by its GeoNames id), null
 * when the gazetteer lacks it. For diagnostics (which names a place is known by); the id map is
 * built on first use, so a geocoding run never pays for it.
 */
export function placeByGeonamesId(id: number): Place | null {
  const s = gazetteer();
  if (!s.byId) {
    s.byId = new Map();
    s.rows.forEach((row, index) => {
      const cellText = row.slice(0, row.indexOf('\t'));
      if (cellText && !s.byId!.has(Number(cellText))) s.byId!.set(Number(cellText), index);
    });
  }
  const index = s.byId.get(id);
  return index === undefined ? null : placeAt(s, index);
}

/** Every namesake of `name` (by name or alias, case- and diacritic-insensitive); largest first. */
export function lookupPlaces(name: string): Place[] {
  return lookupPlaceMatches(name).map((m) => m.place);
}

/** Cheap test for the mention finder: is this capitalised phrase a name in the gazetteer? */
export function isKnownPlaceName(name: string): boolean {
  const s = gazetteer();
  const acronym = acronymOf(name);
  if (acronym && s.names.get(ACRONYM_PREFIX + acronym)) return true;
  if (exactMatches(s, name, false).length > 0) return true;
  return name.includes(',') && qualifiedMatches(s, name).length > 0;
}

/**
 * The country of a demonym, singular or plural ("Azeri", "Azeris", "South Sudanese"); null
 * when unknown or shared by two countries ("Congolese").
 */
export function countryByDemonym(word: string): Place | null {
  const s = gazetteer();
  const key = foldName(word);
  const ccs = s.demonyms.get(key) ?? (key.endsWith('s') ? s.demonyms.get(key.slice(0, -1)) : undefined);
  return ccs?.length === 1 ? countryByCode(ccs[0]!) : null;
}

/** The country with ISO 3166-1 alpha-2 code `cc` ("AZ"). */
export function countryByCode(cc: string): Place | null {
  const s = gazetteer();
  const index = s.countries.get(cc.toUpperCase());
  return index === undefined ? null : placeAt(s, index);
}

/** The countries that border country `cc` ("AM" → AZ, GE, IR, TR). */
export function neighboursOf(cc: string): readonly string[] {
  return gazetteer().neighbours.get(cc.toUpperCase()) ?? [];
}

/** The country named `name` ("Armenia", "Republic of Armenia", "UAE"), ignoring namesake towns. */
export function countryByName(name: string): Place | null {
  const s = gazetteer();
  const acronym = acronymOf(name);
  const keys = acronym ? [ACRONYM_PREFIX + acronym, ...lookupKeys(name)] : lookupKeys(name);
  const cc = keys.map((k) => s.countryNames.get(k)).find((c) => c !== undefined);
  return cc ? countryByCode(cc) : null;
}

/** Optimal string alignment distance (edits and transpositions), or max + 1 once past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = row;
  }
  return previous[b.length]!;
}

/** A country's places (not the country itself) with their folded names; folded on first use. */
function placesOfCountry(s: State, cc: string): { index: number; forms: string[] }[] {
  if (!s.byCountry) {
    s.byCountry = new Map();
    s.rows.forEach((row, index) => {
      // Countries come first in the file, villages last: neither is a near spelling's place.
      if (index < s.countries.size || index >= s.placeCount) return;
      const code = row.split('\t', C.countryCode + 1)[C.countryCode];
      if (!code) return;
      const list = s.byCountry!.get(code) ?? [];
      list.push({ index, forms: [] });
      s.byCountry!.set(code, list);
    });
  }
  const list = s.byCountry.get(cc) ?? [];
  for (const entry of list) {
    if (entry.forms.length) continue;
    const place = placeAt(s, entry.index);
    entry.forms = [place.name, ...place.aliases].map(foldName);
  }
  return list;
}

/**
 * Places in the given countries whose name or an alias is a near spelling of `name` (one
 * edit, two from 12 letters, same first letter): transliterations the gazetteer lacks
 * ("Aghdra" for "Aghdara").
 * Confined to countries the caller already has evidence for, because across the whole world
 * almost every short name has a near namesake.
 */
export function findNearSpellings(name: string, countryCodes: Iterable<string>): PlaceMatch[] {
  const s = gazetteer();
  const keys = lookupKeys(name).filter((k) => k.length >= 5);
  const found: PlaceMatch[] = [];
  for (const cc of new Set(countryCodes)) {
    for (const { index, forms } of placesOfCountry(s, cc)) {
      for (const key of keys) {
        const max = key.length >= 12 ? 2 : 1;
        // Variant spellings keep the first letter ("Aghdra"/"Aghdara"); most other near names do not.
        const at = forms.findIndex((form) => form[0] === key[0] && editDistance(key, form, max) <= max);
        if (at < 0) continue;
        found.push({ place: placeAt(s, index), via: at === 0 ? 'name' : 'alias', matchedKey: forms[at]! });
        break;
      }
    }
  }
  return found;
}
