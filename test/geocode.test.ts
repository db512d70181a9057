import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distanceKm, findCountryEvidence, geocode, type PlaceMention } from '../lib/extract/geocode.js';
import type { ExtractedLocation } from '../lib/extract/types.js';
import { foldName } from '../lib/names.js';

const shared = new URL('fixtures/', import.meta.url);
const article = readFileSync(new URL('articles/karabakh-shushi.txt', shared), 'utf8')
  .replace(/\[ad_\d+\]/g, '')
  .trim();

interface GoldLocation {
  name: string;
  aliases?: string[];
  lat?: number;
  lon?: number;
  precision?: string;
  countryCode?: string;
  toleranceKm?: number;
}
interface GoldAmbiguous {
  name: string;
  acceptIfWithinKmOf: { lat: number; lon: number; km: number };
  acceptUnresolved: boolean;
  wrongIfCountryCode: string[];
}
const gold = JSON.parse(readFileSync(new URL('gold/karabakh-shushi.json', shared), 'utf8')) as {
  locations: { required: GoldLocation[]; ambiguous: GoldAmbiguous[]; defaultToleranceKm: number };
};

/** Stands in for the mention finder: every whole-word occurrence of each name. */
function mentionsOf(text: string, names: string[]): PlaceMention[] {
  return names.map((name) => {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
    return {
      name,
      mentions: [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] })),
    };
  });
}

const run = (text: string, names: string[]): ExtractedLocation[] => geocode(mentionsOf(text, names), text);

/** The location that has `name` as its name or an alias, as the gold scoring finds it. */
function locationNamed(locations: ExtractedLocation[], name: string): ExtractedLocation | undefined {
  const key = foldName(name);
  return locations.find((l) => [l.name, ...l.aliases].some((n) => foldName(n) === key));
}

const at = (l: ExtractedLocation | undefined) => ({ latitude: l?.latitude ?? NaN, longitude: l?.longitude ?? NaN });

describe('geocode: the sample article', () => {
  const names = [
    'Stepanakert',
    'Nagorno Karabakh',
    'Shushi',
    'Agdam',
    'Aghdra',
    'Khujand',
    'Karabakh region',
    'Armenia',
    'Goris',
    'Azerbaijan',
    'southern Caucasus',
    'Ankara',
    'Moscow',
    'Baku',
  ];
  const locations = run(article, names);

  it.each(gold.locations.required.map((g) => [g.name, g] as const))('finds %s as the gold says', (_, g) => {
    const found = [g.name, ...(g.aliases ?? [])].map((n) => locationNamed(locations, n)).find(Boolean);
    expect(found, g.name).toBeDefined();
    if (g.precision) expect(found?.precision).toBe(g.precision);
    if (g.countryCode) expect(found?.countryCode).toBe(g.countryCode);
    if (g.lat !== undefined && g.lon !== undefined) {
      const km = distanceKm(at(found), { latitude: g.lat, longitude: g.lon });
      expect(km).toBeLessThanOrEqual(g.toleranceKm ?? gold.locations.defaultToleranceKm);
    }
  });

  it.each(gold.locations.ambiguous.map((g) => [g.name, g] as const))('does not misplace %s', (_, g) => {
    const found = locationNamed(locations, g.name);
    expect(found).toBeDefined();
    expect(g.wrongIfCountryCode).not.toContain(found?.countryCode);
    if (found?.precision === 'UNRESOLVED') {
      expect(g.acceptUnresolved).toBe(true);
      expect(found.candidates.map((c) => c.countryCode)).toContain('TJ'); // what was weighed
    } else {
      const { lat, lon, km } = g.acceptIfWithinKmOf;
      expect(distanceKm(at(found), { latitude: lat, longitude: lon })).toBeLessThanOrEqual(km);
    }
  });

  it('keys locations by folded name and merges names of one place', () => {
    const karabakh = locationNamed(locations, 'Nagorno Karabakh')!;
    expect(karabakh.key).toBe('nagorno karabakh');
    expect(karabakh.aliases).toContain('Karabakh region');
    expect(locations.filter((l) => l.precision === 'REGION' && l.countryCode === 'AZ')).toHaveLength(1);
    const shushi = locationNamed(locations, 'Shushi')!;
    expect(shushi.mentions.map((m) => article.slice(m.start, m.end))).toEqual(Array(6).fill('Shushi'));
    expect(shushi.aliases).toContain('Shusha');
    expect(new Set(locations.map((l) => l.key)).size).toBe(locations.length);
  });

  it('puts a news capital far away where it is (Moscow, Ankara), not in doubt', () => {
    expect(locationNamed(locations, 'Moscow')).toMatchObject({ countryCode: 'RU', precision: 'CITY' });
    expect(locationNamed(locations, 'Ankara')).toMatchObject({ countryCode: 'TR', precision: 'CITY' });
  });

  it('reads the countries of the text, names and demonyms', () => {
    const codes = new Set(findCountryEvidence(article).map((e) => e.countryCode));
    expect([...codes].sort()).toEqual(['AM', 'AZ']);
  });
});

describe('geocode: other conflicts and namesakes', () => {
  const one = (text: string, name: string, others: string[] = []) => locationNamed(run(text, [name, ...others]), name)!;

  it('Ukraine: Bakhmut, Kharkiv, Odesa', () => {
    const text =
      'Russian forces shelled Bakhmut and Kharkiv overnight, Ukrainian officials said, while drones hit Odesa.';
    const locations = run(text, ['Bakhmut', 'Kharkiv', 'Odesa']);
    expect(locations.map((l) => `${l.name}:${l.countryCode}:${l.precision}`)).toEqual([
      'Bakhmut:UA:CITY',
      'Kharkiv:UA:CITY',
      'Odesa:UA:CITY',
    ]);
    expect(distanceKm(at(locations[2]), { latitude: 46.48, longitude: 30.73 })).toBeLessThan(25);
  });

  it('Syria: Idlib, Aleppo, and Idlib province as a region', () => {
    const text =
      'Syrian government jets bombed Idlib and the countryside of Aleppo. Rebels in Idlib province fought back.';
    const locations = run(text, ['Idlib', 'Aleppo', 'Idlib province']);
    expect(locationNamed(locations, 'Idlib')).toMatchObject({ countryCode: 'SY', precision: 'CITY' });
    expect(locationNamed(locations, 'Aleppo')).toMatchObject({ countryCode: 'SY', precision: 'CITY' });
    expect(locationNamed(locations, 'Idlib province')).toMatchObject({ countryCode: 'SY', precision: 'REGION' });
  });

  it('Gaza and Sudan', () => {
    const gaza = run('Israeli strikes hit Khan Younis and Rafah in the Gaza Strip, Palestinian officials said.', [
      'Khan Younis',
      'Rafah',
      'Gaza Strip',
    ]);
    expect(gaza.map((l) => l.countryCode)).toEqual(['PS', 'PS', 'PS']);
    const sudan = run('The RSF attacked El Fasher in North Darfur, Sudanese army sources said.', [
      'El Fasher',
      'North Darfur',
    ]);
    expect(sudan.map((l) => `${l.countryCode}:${l.precision}`)).toEqual(['SD:CITY', 'SD:REGION']);
  });

  it('a country name beats a namesake town unless the text points to the town’s country', () => {
    expect(one('Talks between Armenia and its neighbours resumed.', 'Armenia')).toMatchObject({
      precision: 'COUNTRY',
      countryCode: 'AM',
    });
    expect(one('Colombian police in Armenia and Pereira arrested four men.', 'Armenia', ['Pereira'])).toMatchObject({
      precision: 'CITY',
      countryCode: 'CO',
    });
    expect(one('An earthquake struck Armenia, Colombia, on Monday.', 'Armenia')).toMatchObject({ countryCode: 'CO' });
  });

  it('a town named like a country needs a place of the story near it', () => {
    const text = 'Spc. Isiah Booker, of Cibolo, Texas, died Jan. 7, in Jordan, in a non-combat incident.';
    expect(one(text, 'Jordan', ['Cibolo'])).toMatchObject({ precision: 'COUNTRY', countryCode: 'JO' });
  });

  it('weighs the neighbours of the countries the text names', () => {
    const text = 'Israeli tanks fired four shells at targets in Jericho, witnesses said.';
    expect(one(text, 'Jericho')).toMatchObject({ countryCode: 'PS', precision: 'CITY' });
  });

  it('"Tripoli, Lebanon" style qualifiers and context choose among namesakes', () => {
    expect(one('Clashes erupted in Tripoli, Lebanon, overnight.', 'Tripoli').countryCode).toBe('LB');
    expect(one('The Lebanese army deployed in Tripoli and Beirut.', 'Tripoli', ['Beirut']).countryCode).toBe('LB');
    expect(one('Fighting in Tripoli and Benghazi continued, Libyan officials said.', 'Tripoli').countryCode).toBe('LY');
    expect(one('Protesters gathered in Paris on Saturday.', 'Paris').countryCode).toBe('FR');
  });

  it('leaves a name unresolved when namesakes tie or all are implausible', () => {
    // Marion, Iowa and Marion, Ohio are towns of one size.
    const marion = one('Police in Marion said the suspect fled.', 'Marion');
    expect(marion.precision).toBe('UNRESOLVED');
    expect(marion).toMatchObject({ latitude: null, longitude: null, countryCode: null, geonamesId: null });
    expect(marion.candidates.length).toBeGreaterThan(1);
    // Khujand (Tajikistan) is the only namesake, but 1,900 km from the story's places, in a
    // country the story never mentions.
    expect(
      one('Armenian forces held the line near Khujand, the ministry in Stepanakert said.', 'Khujand', ['Stepanakert'])
        .precision,
    ).toBe('UNRESOLVED');
    // Written "east of Stepanakert", it is placed at the town it lies beside, not in Tajikistan.
    const text = 'Armenian forces held the line near Khujand, east of Stepanakert, the ministry said.';
    expect(one(text, 'Khujand', ['Stepanakert'])).toMatchObject({ precision: 'REGION', countryCode: 'AZ' });
    // The same name in a Tajik story is Khujand.
    expect(
      one('Tajik officials in Khujand and Dushanbe said the border was calm.', 'Khujand', ['Dushanbe']),
    ).toMatchObject({
      countryCode: 'TJ',
      precision: 'CITY',
    });
  });

  it('does not take the nationality of the actors for the country of the place', () => {
    const text = 'A roadside bombing near the town of Samarra on Sunday killed one U.S. soldier, the military said.';
    expect(one(text, 'Samarra')).toMatchObject({ countryCode: 'IQ', precision: 'CITY' });
  });

  it('folds case and diacritics: ŞUŞA is Shushi', () => {
    const location = one('Azerbaijani forces entered ŞUŞA on Sunday.', 'ŞUŞA');
    expect(location).toMatchObject({ key: 'susa', countryCode: 'AZ', geonamesId: 147105 });
    expect(location.aliases).toContain('Shushi');
  });

  it('prefers the namesake near the other places (Martuni in Karabakh, not in Armenia)', () => {
    const text = 'Clashes near Martuni and Hadrut, the Armenian ministry said, as shells hit Stepanakert.';
    const martuni = one(text, 'Martuni', ['Hadrut', 'Stepanakert']);
    expect(distanceKm(at(martuni), { latitude: 39.79, longitude: 47.11 })).toBeLessThan(10);
  });

  it('merges two names of one place under the first, keeping both spellings', () => {
    const text = 'Shells hit Stepanakert, which Azerbaijan calls Khankendi.';
    const locations = run(text, ['Stepanakert', 'Khankendi', 'Azerbaijan']);
    const city = locations.filter((l) => l.precision === 'CITY');
    expect(city).toHaveLength(1);
    expect(city[0]).toMatchObject({ key: 'stepanakert', name: 'Stepanakert' });
    expect(city[0]?.aliases).toContain('Khankendi');
    expect(city[0]?.mentions.map((m) => m.text)).toEqual(['Stepanakert', 'Khankendi']);
  });

  it('matches a variant spelling only among the story’s places', () => {
    const text = 'Turkish-backed forces entered Tal Abyadh, east of Jarablus, Syrian Kurdish officials said.';
    const variant = one(text, 'Tal Abyadh', ['Jarablus']);
    expect(variant).toMatchObject({ countryCode: 'SY', precision: 'CITY' });
    expect(variant.aliases).toContain('Tal Abyad');
    expect(one('Forces entered Tal Abyadh.', 'Tal Abyadh')).toMatchObject({ precision: 'UNRESOLVED', candidates: [] });
  });

  it('never looks up a common noun', () => {
    expect(one('Shelling hit the area near Stepanakert.', 'area', ['Stepanakert'])).toMatchObject({
      precision: 'UNRESOLVED',
      candidates: [],
    });
  });

  it('keeps a name the gazetteer does not know, unresolved and without candidates', () => {
    expect(one('Fighting near Zzyzxville continued.', 'Zzyzxville')).toMatchObject({
      precision: 'UNRESOLVED',
      candidates: [],
    });
  });
});

describe('geocode: evidence from possessives and from the parties', () => {
  it('reads a possessive country as evidence ("Sudan\'s army")', () => {
    expect(findCountryEvidence("Sudan's army said").map((e) => e.countryCode)).toEqual(['SD']);
    expect(findCountryEvidence('Ukraine’s air force').map((e) => e.countryCode)).toEqual(['UA']);
  });

  it('takes the countries of the actors as evidence for a far place', () => {
    const text = 'Russian forces shelled Kharkiv and Odesa. Separately, the Rapid Support Forces shelled El Fasher.';
    const names = ['Kharkiv', 'Odesa', 'El Fasher'];
    // The text alone names no Sudan: El Fasher, far from the Ukrainian places, stays in doubt.
    expect(locationNamed(geocode(mentionsOf(text, names), text), 'El Fasher')?.precision).toBe('UNRESOLVED');
    const withActors = locationNamed(geocode(mentionsOf(text, names), text, ['RU', 'SD']), 'El Fasher');
    expect(withActors).toMatchObject({ countryCode: 'SD', precision: 'CITY' });
  });

  it('lists a name written in capitals (a dateline) under its usual spelling', () => {
    const text = 'KYIV (Reuters) - Drones hit Kyiv overnight.';
    expect(run(text, ['KYIV', 'Kyiv'])[0]).toMatchObject({ name: 'Kyiv', key: 'kyiv', countryCode: 'UA' });
    expect(run('KYIV (Reuters) - Drones hit the city overnight.', ['KYIV'])[0]?.name).toBe('Kyiv');
  });

  it('keeps a common noun phrase marked as such out of the gazetteer, even with capitals', () => {
    const text = 'Strikes destroyed a VBIED Factory near Mosul.';
    const [site] = geocode(
      [{ name: 'VBIED Factory', mentions: [{ start: 17, end: 30, text: 'VBIED Factory' }], common: true }],
      text,
    );
    expect(site).toMatchObject({ precision: 'UNRESOLVED', candidates: [] });
  });
});

describe('geocode: choosing among namesakes', () => {
  const one = (text: string, name: string, others: string[] = []) => locationNamed(run(text, [name, ...others]), name)!;

  it('a world city yields to its namesake inside a county the text names', () => {
    const text = 'Sheriff deputies of Clarke County and police in Athens said the road was closed.';
    const athens = one(text, 'Athens', ['Clarke County']);
    expect(athens.countryCode).toBe('US');
    expect(distanceKm(at(athens), { latitude: 33.96, longitude: -83.38 })).toBeLessThan(25);
    // Without the county, Athens is Greece's.
    expect(one('The mayor of Athens met officials.', 'Athens').countryCode).toBe('GR');
  });

  it('a national capital keeps its name in a story set in one province', () => {
    const text = 'Candidates left Iowa for Washington after the caucuses.';
    const washington = one(text, 'Washington', ['Iowa']);
    expect(distanceKm(at(washington), { latitude: 38.9, longitude: -77.04 })).toBeLessThan(25);
  });

  it('a province named by its own name is the province, not a town named after it', () => {
    expect(one('Voters in Ohio and Oregon went to the polls.', 'Oregon', ['Ohio'])).toMatchObject({
      countryCode: 'US',
      precision: 'REGION',
    });
    // Alone, with towns of that name abroad and at home.
    expect(one('Virginia officials said the storm had passed.', 'Virginia')).toMatchObject({
      countryCode: 'US',
      precision: 'REGION',
    });
  });

  it("a city that ranks above a province is what its name means, and a district at its province's point yields to a town beside it", () => {
    // Gaza (410,000 people) over Mozambique's Gaza province, with or without a direction.
    for (const text of ['Strikes hit northern Gaza overnight.', 'Fighting was reported in southern Gaza.'])
      expect(one(text, 'Gaza'), text).toMatchObject({ countryCode: 'PS', precision: 'CITY' });
    // In a story of Israel, not the district GeoNames files under Israel's Southern District, at that district's point.
    expect(one('Two soldiers were killed in Gaza, the Israeli army said.', 'Gaza')).toMatchObject({
      countryCode: 'PS',
      precision: 'CITY',
    });
    // A town found by its English name ("Hama" for GeoNames' "Ḩamāh") before the division named after it.
    for (const name of ['Hama', 'Daraa', 'Jenin'])
      expect(one(`Shelling hit ${name} on Monday.`, name), name).toMatchObject({ precision: 'CITY' });
    // The province where the text says so.
    expect(one('Flooding hit Gaza province in Mozambique.', 'Gaza province')).toMatchObject({
      countryCode: 'MZ',
      precision: 'REGION',
    });
  });

  it('a tie goes to a city much bigger than its namesakes, and stays open between near equals', () => {
    // Aurora, Colorado has some 325,000 people, Aurora, Illinois some 200,000.
    const aurora = one('Police in Aurora said the suspect fled.', 'Aurora');
    expect(distanceKm(at(aurora), { latitude: 39.73, longitude: -104.83 })).toBeLessThan(25);
    // Pasadena, Texas and Pasadena, California are of a size.
    expect(one('Police in Pasadena said the suspect fled.', 'Pasadena').precision).toBe('UNRESOLVED');
  });
});
