import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  articleFree,
  configureGazetteer,
  countryByCode,
  countryByDemonym,
  countryByName,
  editDistance,
  findNearSpellings,
  isKnownPlaceName,
  loadGazetteer,
  lookupPlaceMatches,
  lookupPlaces,
  lookupVillageMatches,
  placeByGeonamesId,
  serializeGazetteer,
  type GazetteerRow,
} from '../lib/extract/gazetteer.js';
import { distanceKm } from '../lib/extract/geocode.js';
import { extract } from '../lib/extract/index.js';

const near = (lat: number, lon: number, km: number) => (p: { latitude: number; longitude: number }) =>
  distanceKm(p, { latitude: lat, longitude: lon }) <= km;

describe('gazetteer file', () => {
  // The tests that point the gazetteer elsewhere put it back, so the rest share one load.
  afterEach(() => configureGazetteer(null));

  it('loads the committed file with GeoNames, countries and hand-curated places', () => {
    const stats = loadGazetteer();
    expect(stats.places).toBeGreaterThan(48_000);
    expect(stats.names).toBeGreaterThan(100_000);
    expect(stats.path).toMatch(/gazetteer\.tsv\.gz$/);
  });

  it('takes an explicit path, and reports a missing file only when first used', () => {
    configureGazetteer('/nonexistent/gazetteer.tsv.gz');
    expect(() => lookupPlaces('Baku')).toThrow(/gazetteer file not found/);
    configureGazetteer(new URL('../data/gazetteer.tsv.gz', import.meta.url));
    expect(lookupPlaces('Baku')[0]?.countryCode).toBe('AZ');
  });

  it('rebuilds its index when the file was folded by another folding rule', () => {
    const row = (name: string, aliases: string[], cc: string, precision: GazetteerRow['precision']): GazetteerRow => ({
      geonamesId: null,
      name,
      aliases,
      latitude: 1,
      longitude: 2,
      countryCode: cc,
      featureCode: precision === 'COUNTRY' ? 'PCLI' : 'PPL',
      admin1: '',
      population: 0,
      precision,
      demonyms: precision === 'COUNTRY' ? ['Testish'] : [],
      source: 'test',
    });
    const text = serializeGazetteer([
      row('Ağtown', ['Old Town'], 'TT', 'CITY'),
      row('Testland', ['TL'], 'TT', 'COUNTRY'),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'gazetteer-'));
    const current = join(dir, 'current.tsv.gz');
    const stale = join(dir, 'stale.tsv.gz');
    writeFileSync(current, gzipSync(text));
    writeFileSync(stale, gzipSync(text.replace(/fold=[0-9a-f]+/, 'fold=0')));
    for (const path of [current, stale]) {
      configureGazetteer(path);
      expect(lookupPlaces('AGTOWN').map((p) => p.name)).toEqual(['Ağtown']);
      expect(lookupPlaces('old-town').map((p) => p.name)).toEqual(['Ağtown']);
      expect(countryByName('TL')?.name).toBe('Testland');
      expect(countryByDemonym('Testish')?.countryCode).toBe('TT');
    }
  });
});

describe('lookupPlaces', () => {
  it('finds a place by any alias, ignoring case and diacritics', () => {
    for (const name of ['Stepanakert', 'Khankendi', 'Xankandi', 'XANKƏNDI']) {
      expect(lookupPlaces(name).some(near(39.8177, 46.7528, 25)), name).toBe(true);
    }
    for (const name of ['Shushi', 'Shusha', 'ŞUŞA', 'şuşa']) {
      expect(
        lookupPlaces(name).some((p) => p.geonamesId === 147105),
        name,
      ).toBe(true);
    }
    expect(lookupPlaces('Aghdara').map((p) => p.name)).toContain('Martakert');
    expect(lookupPlaces('Ağdam')[0]?.geonamesId).toBe(148619);
  });

  it('returns every namesake with its precision and source', () => {
    const armenias = lookupPlaces('Armenia');
    expect(armenias.map((p) => `${p.countryCode}:${p.precision}`)).toEqual(
      expect.arrayContaining(['AM:COUNTRY', 'CO:CITY']),
    );
    const [country] = armenias.filter((p) => p.precision === 'COUNTRY');
    expect(country?.source).toContain('world-countries');
    const [colombian] = armenias.filter((p) => p.countryCode === 'CO');
    expect(colombian?.source).toBe(`GeoNames ${colombian?.geonamesId}`);
  });

  it('knows hand-curated regions and front-line towns, with their sources', () => {
    const karabakh = lookupPlaces('Nagorno-Karabakh');
    expect(karabakh).toHaveLength(1);
    expect(karabakh[0]).toMatchObject({ precision: 'REGION', countryCode: 'AZ', geonamesId: null });
    expect(karabakh[0]?.source).toMatch(/Wikipedia/);
    expect(lookupPlaces('Artsakh')[0]?.name).toBe('Nagorno Karabakh');
    expect(lookupPlaces('Khojavend').some(near(39.79, 47.11, 10))).toBe(true);
    for (const [name, cc] of [
      ['Donbas', 'UA'],
      ['Crimea', 'UA'],
      ['Gaza Strip', 'PS'],
      ['West Bank', 'PS'],
      ['Idlib province', 'SY'],
      ['Kurdistan Region', 'IQ'],
      ['Sinai', 'EG'],
      ['Darfur', 'SD'],
      ['Rakhine State', 'MM'],
      // States with limited recognition and Somalia's federal member states, which GeoNames lacks as divisions.
      ['South Ossetia', 'GE'],
      ['Somaliland', 'SO'],
      ['Puntland', 'SO'],
      ['Jubaland', 'SO'],
      ['Turkish Republic of Northern Cyprus', 'CY'],
      ["Luhansk People's Republic", 'UA'],
    ] as const) {
      expect(
        lookupPlaces(name).some((p) => p.precision === 'REGION' && p.countryCode === cc),
        name,
      ).toBe(true);
    }
  });

  it('uses current English spellings over GeoNames’ old names', () => {
    expect(lookupPlaces('Bakhmut')[0]).toMatchObject({ name: 'Bakhmut', countryCode: 'UA', geonamesId: 713174 });
    expect(lookupPlaces('Odesa')[0]).toMatchObject({ name: 'Odesa', countryCode: 'UA' });
    expect(lookupPlaces('Hasakah')[0]?.countryCode).toBe('SY'); // GeoNames: "Al Ḩasakah"
  });

  it('drops words wrapped around a name: "the Karabakh region", "southern Caucasus"', () => {
    expect(lookupPlaces('the Karabakh region')[0]?.name).toBe('Nagorno Karabakh');
    expect(lookupPlaces('southern Caucasus')[0]?.name).toBe('South Caucasus');
    expect(lookupPlaces('northern Syria')[0]).toMatchObject({ precision: 'COUNTRY', countryCode: 'SY' });
    expect(lookupPlaceMatches('Karabakh region')[0]?.matchedKey).toBe('karabakh');
  });

  it('finds every namesake of a name written with "Mt.", "Ft." or "St.", whichever form GeoNames lists', () => {
    const full = lookupPlaces('Mount Vernon').map((p) => p.geonamesId);
    expect(full.length).toBeGreaterThan(3);
    expect(lookupPlaces('Mt. Vernon').map((p) => p.geonamesId)).toEqual(expect.arrayContaining(full));
    expect(lookupPlaces('Ft. Wayne')[0]).toMatchObject({ name: 'Fort Wayne', countryCode: 'US' });
    // The mention finder's strict lookup does not expand: "St." does not make a phrase a place.
    expect(lookupPlaceMatches('Ft. Wayne', false)).toEqual([]);
  });

  it('reads "Palmyra, Syria" as the namesake in that country', () => {
    expect(lookupPlaces('Palmyra, Syria').map((p) => p.countryCode)).toEqual(['SY']);
    expect(lookupPlaces('Rome, Italy').map((p) => p.countryCode)).toEqual(['IT']);
    // The city and the district named after it, both in Lebanon.
    expect(new Set(lookupPlaces('Tripoli, Lebanon').map((p) => p.countryCode))).toEqual(new Set(['LB']));
    expect(isKnownPlaceName('Palmyra, Syria')).toBe(true);
    expect(lookupPlaces('the Iraqi city of Mosul')[0]?.countryCode).toBe('IQ');
    expect(lookupPlaces('the northwest province of Latakia')[0]?.countryCode).toBe('SY');
  });

  it('keeps GeoNames noise out: codes, lower-case transliterations, clashing words', () => {
    expect(lookupPlaces('BAK')).toEqual([]); // Baku's airport code
    expect(lookupPlaces('khankndy')).toEqual([]);
    expect(lookupPlaces('Moscow').map((p) => p.name)).not.toContain('Kansas City');
    expect(lookupPlaces('Hamas')).toEqual([]);
  });
});

describe('placeByGeonamesId', () => {
  it('finds a town, a division or a village by its GeoNames id, and nothing for an unknown id', () => {
    const baku = lookupPlaces('Baku').find((p) => p.featureCode === 'PPLC')!;
    expect(placeByGeonamesId(baku.geonamesId!)).toEqual(baku);
    const yukon = lookupPlaces('Yukon').find((p) => p.featureCode === 'ADM1')!;
    expect(placeByGeonamesId(yukon.geonamesId!)?.name).toBe(yukon.name);
    const village = lookupVillageMatches('Aledo', ['US'])[0]!.place;
    expect(placeByGeonamesId(village.geonamesId!)?.village).toBe(true);
    expect(placeByGeonamesId(1)).toBeNull();
  });
});

describe('sections of towns', () => {
  it('a quarter or suburb of a town that GeoNames lists (PPLX) is in the village tier, at its own point', () => {
    // Sormiou, a quarter of Marseille by the sea: at its own point, not at Marseille's centre.
    const [sormiou] = lookupVillageMatches('Sormiou', ['FR']);
    expect(sormiou?.place).toMatchObject({ featureCode: 'PPLX', countryCode: 'FR', village: true });
    expect(near(43.21, 5.42, 3)(sormiou!.place)).toBe(true);
    expect(near(43.3, 5.37, 5)(sormiou!.place)).toBe(false);
    expect(lookupPlaces('Sormiou')).toEqual([]);
  });

  it('a place of 5,000+ that this cities5000 lacks but the cities1000 package has is a village, not nothing', () => {
    // Hounslow, a London borough town of 66,000 in the package; absent from the cities5000 file.
    expect(lookupPlaces('Hounslow')).toEqual([]);
    expect(lookupVillageMatches('Hounslow', ['GB'])[0]?.place).toMatchObject({ countryCode: 'GB', village: true });
  });
});

describe('isKnownPlaceName', () => {
  it('accepts place names and rejects ordinary capitalised words', () => {
    for (const name of ['Stepanakert', 'Goris', 'Karabakh region', 'UAE', 'U.S.', 'Gaza Strip']) {
      expect(isKnownPlaceName(name), name).toBe(true);
    }
    for (const name of ['Monday', 'Defense Ministry', 'President', 'Ilham Aliyev', 'The', 'us']) {
      expect(isKnownPlaceName(name), name).toBe(false);
    }
  });
});

describe('countries', () => {
  it('finds a country by demonym, singular or plural', () => {
    const cases: [string, string][] = [
      ['Azeri', 'AZ'],
      ['Azeris', 'AZ'],
      ['Azerbaijani', 'AZ'],
      ['Armenian', 'AM'],
      ['Armenians', 'AM'],
      ['Syrian', 'SY'],
      ['Ukrainian', 'UA'],
      ['Israeli', 'IL'],
      ['Palestinian', 'PS'],
      ['South Sudanese', 'SS'],
      ['Turkish', 'TR'],
    ];
    for (const [word, cc] of cases) expect(countryByDemonym(word)?.countryCode, word).toBe(cc);
    expect(countryByDemonym('Congolese')).toBeNull(); // two countries
    expect(countryByDemonym('Ministry')).toBeNull();
  });

  it('finds a country by code or name, never a namesake town', () => {
    expect(countryByCode('am')).toMatchObject({ name: 'Armenia', precision: 'COUNTRY' });
    expect(countryByName('Armenia')?.countryCode).toBe('AM');
    expect(countryByName('Republic of Azerbaijan')?.countryCode).toBe('AZ');
    expect(countryByName('Turkey')?.countryCode).toBe('TR');
    expect(countryByName('US')?.countryCode).toBe('US');
    expect(countryByName('us')).toBeNull();
  });
});

describe('near spellings', () => {
  it('matches one edit away, only in the countries given', () => {
    expect(editDistance('aghdra', 'aghdara', 1)).toBe(1);
    expect(editDistance('abcd', 'bacd', 1)).toBe(1);
    expect(editDistance('stepanakert', 'baku', 2)).toBe(3);
    expect(findNearSpellings('Aghdra', ['AZ']).map((m) => m.place.name)).toEqual(['Martakert']);
    expect(findNearSpellings('Aghdra', ['FR'])).toEqual([]);
    expect(findNearSpellings('Baku', ['AZ'])).toEqual([]); // too short to guess
  });
});

describe('Arabic article variants', () => {
  afterEach(() => configureGazetteer(null));

  it('evens out al-/el-/ad-/ash- ... at the start and inside a name', () => {
    expect(articleFree('ar raqqah')).toBe('raqqah');
    expect(articleFree('el fasher')).toBe('fasher');
    expect(articleFree('jisr ash shughur')).toBe('jisr al shughur');
    expect(articleFree('deir ez zor')).toBe('deir al zor');
    expect(articleFree('nyala')).toBe('nyala');
    expect(articleFree('al')).toBe('al');
  });

  it('finds a place by another form of its article, hyphen or space', () => {
    const row = (name: string, aliases: string[]): GazetteerRow => ({
      geonamesId: null,
      name,
      aliases,
      latitude: 13.6,
      longitude: 25.3,
      countryCode: 'SD',
      featureCode: 'PPLA',
      admin1: '',
      population: 250000,
      precision: 'CITY',
      demonyms: [],
      source: 'test',
    });
    const dir = mkdtempSync(join(tmpdir(), 'gazetteer-'));
    const path = join(dir, 'arabic.tsv.gz');
    writeFileSync(
      path,
      gzipSync(serializeGazetteer([row('Al Fashir', ['Ash-Shaddadah Junction']), row('Testville', [])])),
    );
    configureGazetteer(path);
    for (const name of [
      'El Fashir',
      'el-Fashir',
      'Al-Fashir',
      'Ash Shaddadah Junction',
      'Al-Shaddadah Junction',
      'Shaddadah Junction',
    ]) {
      expect(
        lookupPlaces(name).map((p) => p.name),
        name,
      ).toEqual(['Al Fashir']);
    }
    // Without its article a name is found by geocoding, but the mention finder asks strictly.
    expect(lookupPlaces('Fashir').map((p) => p.name)).toEqual(['Al Fashir']);
    expect(isKnownPlaceName('Fashir')).toBe(false);
    expect(isKnownPlaceName('El-Fashir')).toBe(true);
    expect(lookupPlaces('Testville').map((p) => p.name)).toEqual(['Testville']);
  });

  it('works on the committed gazetteer', () => {
    for (const name of ['El Fasher', 'Al-Fashir', 'El-Fasher'])
      expect(lookupPlaces(name)[0]?.countryCode, name).toBe('SD');
    expect(lookupPlaces('Al-Raqqa')[0]?.name).toBe('Ar Raqqah');
    expect(lookupPlaces('Jisr ash-Shughur')[0]?.name).toBe('Jisr al-Shughur');
  });
});

describe('village tier', () => {
  afterEach(() => configureGazetteer(null));

  const row = (
    name: string,
    cc: string,
    village: boolean,
    precision: GazetteerRow['precision'] = 'CITY',
  ): GazetteerRow => ({
    geonamesId: village ? 900001 : null,
    name,
    aliases: [],
    latitude: 10,
    longitude: 20,
    countryCode: cc,
    featureCode: precision === 'COUNTRY' ? 'PCLI' : 'PPL',
    admin1: '01',
    population: village ? 2500 : 50000,
    precision,
    demonyms: [],
    source: village ? '' : 'test',
    ...(village ? { village: true as const } : {}),
  });

  it('stores villages apart: only lookupVillageMatches finds them, and only in the countries given', () => {
    const text = serializeGazetteer([
      row('Smallbrook', 'TT', true),
      row('Testland', 'TT', false, 'COUNTRY'),
      row('Bigtown', 'TT', false),
    ]);
    expect(text).toMatch(/places=2\tcountries=1\tnames=\d+\tvillages=1\tvillageNames=1/);
    const dir = mkdtempSync(join(tmpdir(), 'gazetteer-'));
    const current = join(dir, 'villages.tsv.gz');
    const stale = join(dir, 'villages-stale.tsv.gz');
    writeFileSync(current, gzipSync(text));
    writeFileSync(stale, gzipSync(text.replace(/fold=[0-9a-f]+/, 'fold=0')));
    for (const path of [current, stale]) {
      configureGazetteer(path);
      expect(loadGazetteer()).toMatchObject({ places: 2, villages: 1 });
      expect(isKnownPlaceName('Smallbrook')).toBe(false);
      expect(lookupPlaces('Smallbrook')).toEqual([]);
      expect(lookupPlaces('Bigtown').map((p) => p.name)).toEqual(['Bigtown']);
      const [match] = lookupVillageMatches('SMALLBROOK', ['TT']);
      expect(match?.place).toMatchObject({
        name: 'Smallbrook',
        village: true,
        geonamesId: 900001,
        source: 'GeoNames 900001',
      });
      expect(lookupVillageMatches('Smallbrook', ['XX'])).toEqual([]);
      expect(lookupVillageMatches('Bigtown', ['TT'])).toEqual([]);
      expect(findNearSpellings('Smalbrook', ['TT'])).toEqual([]);
    }
  });

  it('holds GeoNames places of 1,000-4,999 that detection never sees', () => {
    // A Texas village that is also a surname: a place only where the text already says so.
    expect(isKnownPlaceName('Kountze')).toBe(false);
    expect(lookupPlaces('Hallsville')).toEqual([]);
    const villages = lookupVillageMatches('Hallsville', ['US']).map((m) => m.place);
    expect(villages.map((p) => p.admin1).sort()).toEqual(['MO', 'TX']);
    for (const p of villages) {
      expect(p.village).toBe(true);
      expect(p.population).toBeGreaterThanOrEqual(1000);
      expect(p.population).toBeLessThan(5000);
    }
  });

  it('resolves a name found as a place to a village of the country or state the text names', () => {
    const town = extract('Flooding closed roads in Hallsville, Texas, on Monday, officials said.', {}).locations.find(
      (l) => l.name === 'Hallsville',
    );
    expect(town).toMatchObject({ precision: 'CITY', countryCode: 'US' });
    expect(near(32.5, -94.57, 10)(town as { latitude: number; longitude: number })).toBe(true);
    const village = extract(
      'Shelling hit the village of Zatyshshya in Ukraine on Monday, the governor said.',
      {},
    ).locations.find((l) => l.name === 'Zatyshshya');
    expect(village).toMatchObject({ countryCode: 'UA', precision: 'CITY' });
    // A surname stays a person: the village tier is never asked whether a word is a place.
    expect(
      extract('Kountze said the talks in Austin would resume on Thursday.', {}).locations.map((l) => l.name),
    ).not.toContain('Kountze');
  });

  it('prefers a village beside the story’s other places to a far namesake town', () => {
    const at = (text: string) => extract(text, {}).locations.find((l) => l.name === 'Groesbeck');
    // Groesbeck, Ohio (a town of 5,000+) is 1,300 km from Waco; Groesbeck, Texas (a village) 60 km.
    expect(
      near(31.52, -96.53, 10)(at('Storms damaged homes in Waco and Groesbeck on Monday, officials said.') as never),
    ).toBe(true);
    // Alone, the name keeps its town.
    expect(at('Groesbeck officials said the storm had passed.')).toMatchObject({ countryCode: 'US' });
    expect(near(39.22, -84.59, 10)(at('Groesbeck officials said the storm had passed.') as never)).toBe(true);
  });
});

describe('points of countries and first-level divisions', () => {
  it('places the United States at the middle of the contiguous states', () => {
    expect(near(39.83, -98.58, 25)(countryByCode('US')!)).toBe(true);
  });

  it("places Kuwait in Kuwait, not at the package's point in Saudi Arabia", () => {
    const kuwait = countryByCode('KW')!;
    const kuwaitCity = lookupPlaces('Kuwait City')[0]!;
    expect(distanceKm(kuwait, kuwaitCity)).toBeLessThan(100);
  });

  it("takes country-state-city's point for a division, unless it lies outside the division's towns", () => {
    const yunnan = lookupPlaces('Yunnan').find((p) => p.featureCode === 'ADM1')!;
    expect(yunnan.source).toMatch(/country-state-city \(CN-YN\)/);
    expect(near(24.48, 101.34, 5)(yunnan)).toBe(true);
    // The package puts Yukon at the Oklahoma town of that name: the estimate from its own towns stays.
    const yukon = lookupPlaces('Yukon').find((p) => p.featureCode === 'ADM1')!;
    expect(yukon.source).toMatch(/estimated from the cities1000 places/);
    expect(yukon.latitude).toBeGreaterThan(59);
  });

  it("leaves out country-state-city's point for a division when it is its namesake city's, far from the division's middle", () => {
    // The package puts Neuquén province at Neuquén city, on the province's eastern border.
    const city = lookupPlaces('Neuquén').find((p) => p.featureCode === 'PPLA')!;
    const province = lookupPlaces('Neuquén').find((p) => p.featureCode === 'ADM1')!;
    expect(province.source).toMatch(/estimated from the cities1000 places/);
    expect(distanceKm(city, province)).toBeGreaterThan(100);
    // A small division around its capital keeps the package's point.
    expect(lookupPlaces('Yerevan').find((p) => p.featureCode === 'ADM1')!.source).toMatch(/country-state-city/);
  });

  it("knows a Ukrainian town by Ukraine's own romanisation of its Ukrainian name, where GeoNames has an older one", () => {
    // GeoNames: "Berdyansk", "Balakliya"; Бердянськ, Балаклія romanised as Ukraine does since 2010.
    for (const [name, geonames] of [
      ['Berdiansk', 'Berdyansk'],
      ['Balakliia', 'Balakliya'],
    ] as const)
      expect(
        lookupPlaces(name).map((p) => [p.name, p.countryCode]),
        name,
      ).toContainEqual([geonames, 'UA']);
  });

  it('knows a division by its bare name ("Donegal" for County Donegal, "North Waziristan"), an American or Canadian county only with its type word', () => {
    const divisionsOf = (name: string) =>
      lookupPlaces(name)
        .filter((p) => p.featureCode.startsWith('ADM2'))
        .map((p) => p.countryCode);
    expect(divisionsOf('Donegal')).toContain('IE');
    expect(divisionsOf('Thurrock')).toContain('GB');
    expect(divisionsOf('Clinton County')).toContain('US');
    expect(divisionsOf('Clinton')).not.toContain('US');
    // GeoNames' "North Wazīristān District", "Kurram District", "Khyber Agency": named after places, not people.
    expect(divisionsOf('North Waziristan')).toEqual(['PK']);
    expect(divisionsOf('Kurram')).toEqual(['PK']);
    expect(divisionsOf('Khyber')).toEqual(['PK']);
    expect(divisionsOf('Lambton County')).toContain('CA');
    expect(divisionsOf('Lambton')).not.toContain('CA');
  });

  it('knows a district GeoNames names type-first in French by the English order ("Province du Soum" as "Soum province")', () => {
    const divisions = (name: string) =>
      lookupPlaces(name)
        .filter((p) => p.featureCode.startsWith('ADM2'))
        .map((p) => [p.name, p.countryCode]);
    expect(divisions('Soum province')).toEqual([['Province du Soum', 'BF']]);
    // And bare, as news writes it ("attacks in Soum"): outside the US and Canada a district is named after a place.
    expect(divisions('Soum')).toEqual([['Province du Soum', 'BF']]);
  });

  it("knows a first-level division by country-state-city's English name where GeoNames has the local one", () => {
    for (const [name, cc] of [
      ['North Gyeongsang', 'KR'],
      ['Trentino-South Tyrol', 'IT'],
      ['North Gyeongsang Province', 'KR'],
    ]) {
      expect(
        lookupPlaces(name!).map((p) => [p.featureCode, p.countryCode]),
        name,
      ).toContainEqual(['ADM1', cc]);
    }
    // Not where the name is another place's of the country, a country's or a hand-curated region's.
    expect(lookupPlaces('Kurdistan').map((p) => p.countryCode)).not.toContain('IR');
    expect(isKnownPlaceName('Northern')).toBe(false);
  });
});

describe('continents and "America"', () => {
  it('knows every continent and the Americas’ parts as regions, and "America" as the United States', () => {
    for (const name of ['Africa', 'Europe', 'Asia', 'North America', 'South America', 'Central America', 'Oceania']) {
      expect(
        lookupPlaces(name).some((p) => p.precision === 'REGION' && p.countryCode === null),
        name,
      ).toBe(true);
    }
    // At GeoNames' points for its continent features (6255146–6255152), as GeoNames-based gazetteers and corpora give them.
    const geonames: Record<string, [number, number]> = {
      Africa: [7.1881, 21.09375],
      Asia: [29.84064, 89.29688],
      Europe: [48.69096, 9.14062],
      'North America': [46.07323, -100.54688],
      'South America': [-14.60485, -57.65625],
      Oceania: [-18.31281, 138.51562],
      Antarctica: [-78.15856, 16.40626],
    };
    for (const [name, [lat, lon]] of Object.entries(geonames)) {
      const place = lookupPlaces(name).find((p) => p.precision === 'REGION')!;
      // The gazetteer keeps 4 decimals (about 10 m).
      expect(place.latitude, name).toBeCloseTo(lat, 3);
      expect(place.longitude, name).toBeCloseTo(lon, 3);
    }
    expect(lookupPlaces('America')).toEqual([expect.objectContaining({ countryCode: 'US', precision: 'COUNTRY' })]);
    // The longer name wins: South America is not the United States.
    const x = extract('Exports to South America and America grew.');
    expect(x.locations.map((l) => [l.name, l.countryCode])).toEqual([
      ['South America', null],
      ['United States', 'US'],
    ]);
  });

  it('knows the world regions news names ("West Africa", "Southeast Asia", "the Mediterranean"), not only continents', () => {
    const x = extract('Jihadist groups spread across West Africa while migrants crossed the Mediterranean.');
    expect(x.locations.map((l) => [l.name, l.precision])).toEqual([
      ['West Africa', 'REGION'],
      ['Mediterranean', 'REGION'],
    ]);
    // "Central Asia" is a region of its own, not Asia; "Siberia" lies in Russia.
    expect(lookupPlaces('Central Asia')[0]).toMatchObject({ name: 'Central Asia', precision: 'REGION' });
    expect(lookupPlaces('Siberia')[0]).toMatchObject({ countryCode: 'RU' });
  });

  it('a Philippine province GeoNames names "Province of Northern Samar" is found by its everyday name', () => {
    expect(lookupPlaces('Northern Samar')).toEqual([
      expect.objectContaining({ name: 'Northern Samar', countryCode: 'PH', precision: 'REGION' }),
    ]);
    const x = extract('Four rebels died in an encounter in Las Navas, Northern Samar.');
    expect(x.locations.find((l) => l.name === 'Northern Samar')).toMatchObject({ countryCode: 'PH' });
  });
});
