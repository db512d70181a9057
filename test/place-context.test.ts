import { describe, expect, it } from 'vitest';
import { lookupPlaces } from '../lib/extract/gazetteer.js';
import { distanceKm } from '../lib/extract/geocode.js';
import { extract } from '../lib/extract/index.js';
import type { Extraction } from '../lib/extract/types.js';
import { foldName } from '../lib/names.js';

// Sentences written for these tests: each rule on text it was not tuned on.
const meta = { publishedAt: '2024-03-02T10:00:00Z' };
const placeNamed = (x: Extraction, name: string) =>
  x.locations.find((l) => [l.name, ...l.aliases].some((n) => foldName(n) === foldName(name)));
const near = (x: Extraction, name: string, latitude: number, longitude: number, km: number) => {
  const l = placeNamed(x, name);
  expect(l, name).toBeDefined();
  expect(l!.latitude, `${name} resolved`).not.toBeNull();
  expect(distanceKm({ latitude: l!.latitude!, longitude: l!.longitude! }, { latitude, longitude })).toBeLessThan(km);
};

describe('namesakes: the article’s other places back the namesake beside them', () => {
  it('a town beside the county it lies in is that county’s town, not the bigger namesake', () => {
    // Gainesville, Florida is the biggest; Hall County lies only in Georgia, Nebraska and Texas.
    const x = extract('Deputies of Hall County searched a house in Gainesville on Tuesday, the report said.', meta);
    near(x, 'Gainesville', 34.3, -83.82, 25);
    expect(placeNamed(x, 'Hall County')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
  });

  it('a state named like a country is the state among the places of its country', () => {
    const x = extract('Farmers from counties in southern Georgia and northern Florida met in Valdosta.', meta);
    expect(placeNamed(x, 'Georgia')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
    // With nothing American beside it, Georgia is the country.
    expect(placeNamed(extract('Talks on Georgia and Armenia resumed in Brussels.', meta), 'Georgia')).toMatchObject({
      countryCode: 'GE',
      precision: 'COUNTRY',
    });
  });

  it('a world city keeps its fame in a story full of American places', () => {
    const x = extract('The airline will fly from Chicago and Boston to Moscow next spring.', meta);
    expect(placeNamed(x, 'Moscow')).toMatchObject({ countryCode: 'RU', precision: 'CITY' });
  });

  it('a province named like a person is still a province', () => {
    expect(lookupPlaces('Virginia').some((p) => p.featureCode === 'ADM1' && p.countryCode === 'US')).toBe(true);
    expect(lookupPlaces('Victoria').some((p) => p.featureCode === 'ADM1' && p.countryCode === 'AU')).toBe(true);
  });
});

describe('hierarchies after a comma', () => {
  it('a list of cities is not an address', () => {
    const x = extract('Flights to Moscow, Kiev, Minsk and Riga were cancelled.', meta);
    expect(placeNamed(x, 'Moscow')).toMatchObject({ countryCode: 'RU', precision: 'CITY' });
    expect(placeNamed(x, 'Kiev')).toMatchObject({ countryCode: 'UA', precision: 'CITY' });
  });

  it('a list of countries is not an address', () => {
    const x = extract('Soldiers who served in Iraq, Afghanistan or Syria were invited.', meta);
    expect(placeNamed(x, 'Iraq')).toMatchObject({ countryCode: 'IQ', precision: 'COUNTRY' });
  });

  it('a state’s AP abbreviation or postal code after a comma is its state', () => {
    const x = extract('She was born in Columbus, Miss. Her brother lives in Athens, GA, near the campus.', meta);
    near(x, 'Columbus', 33.5, -88.43, 25);
    near(x, 'Athens', 33.96, -83.38, 25);
  });

  it('a capitalised type word is part of a county’s name', () => {
    const x = extract('The burn ban for Walker County was lifted, officials in Huntsville, Texas, said.', meta);
    expect(placeNamed(x, 'Walker County')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
    near(x, 'Walker County', 30.7, -95.5, 60);
  });
});

describe('places named inside names', () => {
  it('a body named after a place mentions the place', () => {
    const x = extract('A spokesman for the Ohio Department of Transportation said the bridge would reopen.', meta);
    expect(placeNamed(x, 'Ohio')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
    const y = extract('Officers of the Anderson County Sheriff searched a field near Palestine, Texas.', meta);
    expect(placeNamed(y, 'Anderson County')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
  });

  it('a place inside a hyphenated compound, as its own span', () => {
    const text = 'A Texas-based firm hired Sen. Ray Miller, D-Columbus, to run the Washington-Moscow route.';
    const x = extract(text, meta);
    expect(placeNamed(x, 'Texas')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
    expect(placeNamed(x, 'Moscow')).toMatchObject({ countryCode: 'RU' });
    expect(placeNamed(x, 'Texas')!.mentions.map((m) => m.text)).toEqual(['Texas']);
    expect(extract('A well-known Anti-Corruption group objected.', meta).locations).toEqual([]);
  });

  it('not an acronym, a compass word, a time zone or an agreement', () => {
    const x = extract(
      'The UN Security Council met at 14:00 Greenwich Mean Time to discuss the Geneva Communique and Central Command reports.',
      meta,
    );
    expect(x.locations.map((l) => l.name)).toEqual([]);
  });
});

describe('places referred back to ("the city", "the camp")', () => {
  it('"the camp" is the place written as a camp; "the city" a place the gazetteer knows before a name it does not', () => {
    const x = extract(
      'Shells hit the Zamzam camp outside El Fasher. Two were wounded at the Hope Clinic in the city. Gunmen later looted the camp.',
      meta,
    );
    const mentionsOf = (name: string) => x.locations.find((l) => l.name === name)?.mentions.map((m) => m.text);
    expect(mentionsOf('El Fasher')).toEqual(['El Fasher', 'the city']);
    expect(mentionsOf('Zamzam')).toContain('the camp');
  });
});
