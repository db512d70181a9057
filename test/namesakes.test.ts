import { describe, expect, it } from 'vitest';
import { distanceKm, geocode } from '../lib/extract/geocode.js';
import { extract } from '../lib/extract/index.js';
import type { Extraction } from '../lib/extract/types.js';
import { foldName } from '../lib/names.js';

// Sentences written for these tests: the choice among namesakes on text it was not tuned on.
const meta = { publishedAt: '2024-03-02T10:00:00Z' };
/** How far from the town it is written beside a place may lie. */
const BESIDE_KM = 300;
const placeNamed = (x: Extraction, name: string) =>
  x.locations.find((l) => [l.name, ...l.aliases].some((n) => foldName(n) === foldName(name)));
const kmFrom = (x: Extraction, name: string, latitude: number, longitude: number): number => {
  const l = placeNamed(x, name);
  expect(l, name).toBeDefined();
  expect(l!.latitude, `${name} resolved`).not.toBeNull();
  return distanceKm({ latitude: l!.latitude!, longitude: l!.longitude! }, { latitude, longitude });
};

/** Geocodes `names` as the mentions of `text` (every occurrence), independent of the mention finder. */
const located = (text: string, names: string[]) =>
  geocode(
    names.map((name) => ({
      name,
      mentions: [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({
        start: m.index,
        end: m.index + name.length,
        text: name,
      })),
    })),
    text,
  );
const kmOf = (locations: ReturnType<typeof geocode>, name: string, latitude: number, longitude: number): number => {
  const l = locations.find((x) => x.name === name);
  expect(l?.latitude, `${name} resolved`).toEqual(expect.any(Number));
  return distanceKm({ latitude: l!.latitude!, longitude: l!.longitude! }, { latitude, longitude });
};

describe('namesakes: the story’s province', () => {
  it('a province named outright, and no other, puts a famous name’s namesake in it', () => {
    const x = extract(
      'Moscow police said on Monday that the school would reopen. Idaho officials agreed. Moscow police thanked parents.',
      meta,
    );
    expect(kmFrom(x, 'Moscow', 46.73, -117.0)).toBeLessThan(30);
  });

  it('the famous one stays when the text names its country', () => {
    const x = extract(
      'Moscow police said on Monday that the talks would resume. Idaho wheat growers hope to sell more to Russia.',
      meta,
    );
    expect(placeNamed(x, 'Moscow')).toMatchObject({ countryCode: 'RU' });
    // A demonym names it too, one the gazetteer shares with another country's people included.
    const y = extract('Texas senators flew to Paris for the climate summit with French officials.', meta);
    expect(placeNamed(y, 'Paris')).toMatchObject({ countryCode: 'FR' });
  });

  it('a province named more often than the country’s other provinces together is the story’s', () => {
    const x = extract(
      'Clay County deputies made the arrest. Indiana troopers helped, and Indiana prosecutors will file charges. ' +
        'The suspect had lived in Ohio, Illinois and Kentucky. Indiana courts will hear the case, Indiana officials said.',
      meta,
    );
    expect(kmFrom(x, 'Clay County', 39.39, -87.11)).toBeLessThan(40);
  });
});

describe('namesakes: the towns of the story', () => {
  it('a famous name beside a town the story is placed at is the namesake there', () => {
    const x = extract('Police in London and Woodstock arrested two men on Monday.', meta);
    expect(kmFrom(x, 'London', 42.98, -81.23)).toBeLessThan(20);
  });

  it('a county the gazetteer has but one of is that county, far from the story’s other places', () => {
    const x = extract('A delegation from Kanabec County visited Lyon and Marseille last week to study trams.', meta);
    expect(placeNamed(x, 'Kanabec County')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
  });

  it('a province named by its own name is never rejected as far off', () => {
    const x = extract('Dealers in Wagga Wagga said the cattle had been shipped from Texas in May.', meta);
    expect(placeNamed(x, 'Texas')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
  });

  it('a namesake within a county or two of a town the story is placed at beats a famous one', () => {
    // Paris, Tennessee lies 90 km from Clarksville, Tennessee.
    const x = located('The Paris council met Clarksville officials on Monday.', ['Paris', 'Clarksville']);
    expect(kmOf(x, 'Paris', 36.3, -88.33)).toBeLessThan(20);
  });

  it('a village beside a town placed with confidence beats a city of the name far off', () => {
    // Mansfield, Louisiana (5,000, 55 km from Shreveport) over Mansfield, Ohio, though Steubenville
    // (Ohio, 170 km from that one) is named too.
    const x = located(
      'Shreveport police met two Mansfield aldermen and a Steubenville pastor. Mansfield will pay, Shreveport said.',
      ['Shreveport', 'Mansfield', 'Steubenville'],
    );
    expect(kmOf(x, 'Mansfield', 32.04, -93.7)).toBeLessThan(20);
  });

  it('a village beside a town placed among its namesakes beats a town of the name far off', () => {
    // Elkton, Kentucky (2,000, 36 km from Clarksville, Tennessee) over Elkton, Maryland.
    const x = located('Clarksville and Elkton officials met on Monday.', ['Clarksville', 'Elkton']);
    expect(kmOf(x, 'Elkton', 36.81, -87.15)).toBeLessThan(20);
  });
});

describe('namesakes: names left in doubt', () => {
  it('a continent before a comma heads a list, not an address', () => {
    const x = extract('Demand is growing in Asia, Australia.', meta);
    expect(placeNamed(x, 'Asia')).toMatchObject({ countryCode: null, precision: 'REGION' });
  });

  it('tied namesakes go to the one much the biggest', () => {
    // Charleston, South Carolina (130,000) over Charleston, West Virginia (50,000), a state capital.
    const x = extract('The storm reached Charleston on Friday night.', meta);
    expect(kmFrom(x, 'Charleston', 32.78, -79.93)).toBeLessThan(30);
  });

  it('a town of 50,000 that is the only place of its name is not rejected as far off', () => {
    // Rock Hill, South Carolina (72,000), 11,000 km from Obama, Japan, the other name of one namesake.
    const x = located('Obama fans met in Rock Hill on Monday.', ['Obama', 'Rock Hill']);
    expect(kmOf(x, 'Rock Hill', 34.92, -81.03)).toBeLessThan(20);
  });

  it('tied namesakes go to a town a fifth bigger than the others, not to none', () => {
    // Ozark, Missouri (19,000) over Ozark, Alabama (15,000).
    const x = located('Ozark police closed the road on Monday.', ['Ozark']);
    expect(kmOf(x, 'Ozark', 37.02, -93.21)).toBeLessThan(20);
    // Namesakes of about one size stay in doubt: Marion, Iowa (37,000) and Ohio (36,000).
    const y = located('Marion police closed the road on Monday.', ['Marion']);
    expect(y.find((l) => l.name === 'Marion')?.latitude).toBeNull();
  });

  it('a sea is the sea, not the province named after it', () => {
    const x = extract('Ships crossed the Red Sea on Monday, the navy said.', meta);
    expect(placeNamed(x, 'Red Sea')).toMatchObject({ countryCode: null, precision: 'REGION' });
  });

  it('a province abroad named like a town of the story’s country is not the first reading', () => {
    const x = extract('Officials in Portland and Boston said the storm had passed.', meta);
    expect(placeNamed(x, 'Portland')).toMatchObject({ countryCode: 'US', precision: 'CITY' });
  });

  it('a county of the province the story is pinned to is never rejected as far off', () => {
    // The countries the text names are African; the province, named twice against Florida once, is Kentucky.
    const text =
      'A Florida pilot flew over Africa, Morocco and Tunisia. Kentucky rescuers and Breathitt County deputies met. Kentucky officials said so.';
    const mentionsOf = (name: string) =>
      [...text.matchAll(new RegExp(name, 'g'))].map((m) => ({
        start: m.index,
        end: m.index + name.length,
        text: name,
      }));
    const names = ['Florida', 'Africa', 'Morocco', 'Tunisia', 'Kentucky', 'Breathitt County'];
    const located = geocode(
      names.map((name) => ({ name, mentions: mentionsOf(name) })),
      text,
    );
    expect(located.find((l) => l.name === 'Breathitt County')).toMatchObject({
      countryCode: 'US',
      precision: 'REGION',
    });
  });

  it('a county and a town that only one pair of namesakes fits, the town in the county, are that pair', () => {
    const x = extract('Montgomery County deputies arrested a man in Dayton on Tuesday.', meta);
    expect(kmFrom(x, 'Montgomery County', 39.76, -84.19)).toBeLessThan(30);
    // Even over a country of the town's name.
    const y = extract('Warren County deputies arrested a man in Lebanon on Tuesday.', meta);
    expect(placeNamed(y, 'Lebanon')).toMatchObject({ countryCode: 'US', precision: 'CITY' });
    expect(kmFrom(y, 'Warren County', 39.43, -84.21)).toBeLessThan(30);
  });

  it('the province written after a name beats the story’s province, in a list of addresses too', () => {
    const x = extract(
      'The company owns stores in Louisville and Lexington, Kentucky, Richmond, Virginia, Fort Lauderdale and Orlando, Florida.',
      meta,
    );
    expect(kmFrom(x, 'Richmond', 37.54, -77.44)).toBeLessThan(30);
  });

  it('a name of one namesake far from another such name is still placed beside a town placed with confidence', () => {
    // Obama (Japan) and Camarillo (California) each reject the other as far off; Los Angeles vouches for Camarillo.
    const x = located('Obama fans came to the Los Angeles school. One came from Camarillo.', [
      'Obama',
      'Los Angeles',
      'Camarillo',
    ]);
    expect(kmOf(x, 'Camarillo', 34.22, -119.04)).toBeLessThan(20);
  });
});

describe('namesakes: a place written beside a town', () => {
  it('"X, just outside Y" and "X, near Y": X lies at Y when no namesake of X is near it', () => {
    // Springfield's namesakes in the gazetteer are American, and one 1,400 km south (Queensland); none is beside Cairns.
    const x = located('Shops were robbed in Springfield, just outside Cairns, on Monday.', ['Springfield', 'Cairns']);
    expect(kmOf(x, 'Springfield', -16.92, 145.77)).toBeLessThan(30);
    const y = located('Shops were robbed in Springfield, near Cairns, on Monday.', ['Springfield', 'Cairns']);
    expect(kmOf(y, 'Springfield', -16.92, 145.77)).toBeLessThan(30);
    // Without the tie the name is never at Cairns.
    const z = located('Shops were robbed in Springfield and in Cairns on Monday.', ['Springfield', 'Cairns']);
    expect(kmOf(z, 'Springfield', -16.92, 145.77)).toBeGreaterThan(300);
  });

  it('"the Y suburbs of A, B and C": each lies at Y', () => {
    const text = 'Floodwater closed roads in the Cairns suburbs of Smithfield, Wattleby Heights and Lorrimore Park.';
    const x = located(text, ['Cairns', 'Smithfield', 'Wattleby Heights', 'Lorrimore Park']);
    for (const name of ['Smithfield', 'Wattleby Heights', 'Lorrimore Park'])
      expect(kmOf(x, name, -16.92, 145.77)).toBeLessThan(30);
  });

  it('a namesake far across the country is not the place written beside a town', () => {
    // Kingston, Tasmania is 1,800 km from Brisbane: not "Kingston, south of Brisbane".
    // Tasmania and Hobart, named too, back Kingston, Tasmania: the town written beside outweighs them.
    const text =
      'Police found the car in Kingston, south of Brisbane. Tasmania police had reported it stolen in Hobart.';
    const x = located(text, ['Kingston', 'Brisbane', 'Tasmania', 'Hobart']);
    expect(kmOf(x, 'Kingston', -27.47, 153.03)).toBeLessThan(BESIDE_KM);
  });

  it('"Y’s X": a place of a town known on its own is at that town, or beside it', () => {
    // The gazetteer has no Gatwick: the airport is placed at the city that owns it.
    const x = located("Flights from London's Gatwick were delayed by fog.", ['London', 'Gatwick']);
    expect(kmOf(x, 'Gatwick', 51.51, -0.13)).toBeLessThan(50);
  });

  it('a person’s possessive owns no place: "Obama’s Chicago" is Chicago', () => {
    // Obama is also a town in Japan: a possessive of a small town's name is not read as its place.
    const x = located("Voters in Obama's Chicago were angry, officials said.", ['Obama', 'Chicago']);
    expect(kmOf(x, 'Chicago', 41.85, -87.65)).toBeLessThan(20);
  });

  it('an owner with many namesakes says nothing before the story is placed', () => {
    // Many states have a Warren County: the possessive does not pick one for the township.
    const x = located("Police searched Warren County's Deerfield Township on Monday.", [
      'Warren County',
      'Deerfield Township',
    ]);
    const township = x.find((l) => l.name === 'Deerfield Township')!;
    expect(township.precision === 'REGION' && township.geonamesId === null).toBe(false);
  });
});

describe('namesakes: a city of the country the story names', () => {
  it('a famous city yields to a big namesake in the one country the text names', () => {
    // London, Ontario (350,000) in a story that names Canada and never Britain.
    const x = extract(
      "Emergency doctors in London asked Canada's health minister for more nurses. The London hospital is full.",
      meta,
    );
    expect(kmFrom(x, 'London', 42.98, -81.23)).toBeLessThan(20);
  });

  it('the famous city stays when the text names its country too, or names no country', () => {
    const x = extract(
      "Emergency doctors in London asked Canada's and Britain's health ministers for more nurses. The London hospital is full.",
      meta,
    );
    expect(placeNamed(x, 'London')).toMatchObject({ countryCode: 'GB' });
    const y = extract('Emergency doctors in London asked for more nurses. The London hospital is full.', meta);
    expect(placeNamed(y, 'London')).toMatchObject({ countryCode: 'GB' });
  });

  it('a small namesake in the named country does not outweigh the famous city', () => {
    // London, Kentucky (8,000): Americans go to London, England, too.
    const x = extract(
      'Students from the United States flew to London for the summer. The United States embassy helped.',
      meta,
    );
    expect(placeNamed(x, 'London')).toMatchObject({ countryCode: 'GB' });
  });
});

describe('namesakes: the province written after the name', () => {
  it('"Dover, Tenn.": a village in that province over a town of the name in another', () => {
    const x = extract('DOVER, Tenn. — The county fair opens on Friday, organisers said.', meta);
    // Dover, Tennessee (1,500 people), not Dover, Delaware (38,000).
    expect(kmFrom(x, 'Dover', 36.49, -87.84)).toBeLessThan(30);
  });

  it('a town of another province is never the name written with a province', () => {
    // No Paris of Idaho is in the gazetteer: the name is left in Idaho, not placed in Texas.
    const x = located('The new teacher is originally from Paris, Idaho, the board said.', ['Paris', 'Idaho']);
    const paris = x.find((l) => l.name === 'Paris')!;
    if (paris.latitude !== null) expect(kmOf(x, 'Paris', 33.66, -95.56)).toBeGreaterThan(1000);
  });
});

describe('namesakes: a suburb written with its city', () => {
  it('"the Dayton suburb of Centerville" is the Centerville beside Dayton, or Dayton', () => {
    const x = extract('A man from the Dayton suburb of Centerville was arrested on Monday.', meta);
    expect(kmFrom(x, 'Centerville', 39.63, -84.16)).toBeLessThan(30);
    // A suburb the gazetteer lacks is at the city; the mention holds the head words here.
    const y = extract('A man from the Dayton suburb of Wobbleford Heights was arrested on Monday.', meta);
    expect(kmFrom(y, 'Wobbleford Heights', 39.76, -84.19)).toBeLessThan(30);
  });
});

describe('namesakes: a province’s office after the name', () => {
  it('"New York Gov." and "the New York Legislature" are the state, not the city', () => {
    const x = extract('New York Gov. Kathy Hochul signed the bill on Monday, her office said.', meta);
    expect(placeNamed(x, 'New York')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
    const y = extract('The New York Legislature passed the budget on Monday.', meta);
    expect(placeNamed(y, 'New York')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
    // A town office after the name is the city's.
    const z = extract('The New York police said on Monday that the bridge had reopened.', meta);
    expect(placeNamed(z, 'New York')).toMatchObject({ countryCode: 'US', precision: 'CITY' });
  });

  it('bare "New York" is the state, since the city is "New York City" by its own name', () => {
    const x = extract('The airline will fly between New York and Lisbon from June, its owner said.', meta);
    expect(placeNamed(x, 'New York')).toMatchObject({ countryCode: 'US', precision: 'REGION' });
    const y = extract('She moved to New York City in 1990 and worked for a bank there.', meta);
    expect(placeNamed(y, 'New York City')).toMatchObject({ countryCode: 'US', precision: 'CITY' });
  });
});

describe('namesakes: two names of one place', () => {
  it('"Hanover" and "Hanover Town Hall" do not vouch for each other’s famous namesake', () => {
    const x = extract(
      'Two Hanover police officers found the couple on Monday, according to Hanover Town Hall records. ' +
        'Their son, Tom Reed of Bethel, Vt., declined to comment.',
      meta,
    );
    expect(placeNamed(x, 'Hanover')?.countryCode).not.toBe('DE');
  });
});

describe('namesakes: small towns named together', () => {
  it('three names whose small namesakes lie together are those towns, villages too', () => {
    // Kalona (2,500), Wellman (1,400) and Riverside (1,000), Iowa, within 25 km; the biggest
    // Riverside is in California, and the other two names are villages only.
    const x = located('Riverside police helped Kalona and Wellman officers on Monday.', [
      'Riverside',
      'Kalona',
      'Wellman',
    ]);
    expect(kmOf(x, 'Riverside', 41.48, -91.58)).toBeLessThan(20);
    expect(kmOf(x, 'Kalona', 41.48, -91.71)).toBeLessThan(20);
  });

  it('a name written with its province stays there, whatever names lie together elsewhere', () => {
    const x = located('Riverside, Calif., police helped Kalona and Wellman officers on Monday.', [
      'Riverside',
      'Kalona',
      'Wellman',
    ]);
    expect(kmOf(x, 'Riverside', 33.95, -117.4)).toBeLessThan(20);
  });
});

describe('namesakes: a county beside its town, a tie beside a town', () => {
  it('a county and a town of one namesake inside it are that pair, though the story names another state', () => {
    // Arkansas has a Logan County too; Bellefontaine lies in Ohio's.
    const x = located('Logan County deputies arrested a man in Bellefontaine. He fled to Little Rock, Arkansas.', [
      'Logan County',
      'Bellefontaine',
      'Little Rock',
      'Arkansas',
    ]);
    expect(kmOf(x, 'Logan County', 40.39, -83.83)).toBeLessThan(40);
  });

  it('namesakes that tie go to the one beside a town the story is placed at', () => {
    // Hopkinton, New Hampshire lies 12 km from Concord; Hopkinton, Rhode Island is as big.
    const x = located('Hopkinton police said four homes were burglarized. The thieves also hit homes in Concord.', [
      'Hopkinton',
      'Concord',
    ]);
    expect(kmOf(x, 'Hopkinton', 43.19, -71.68)).toBeLessThan(20);
  });
});

describe('namesakes: a town written beside must be plain on its own', () => {
  it('"X, near Y" with Y of two far namesakes of like size ties X to neither', () => {
    // Newmarket, Ontario (84,000) and Newmarket, England (16,000): neither is much the biggest.
    const x = located('The couple worked at Hollowmere, near Newmarket. Later they moved away.', [
      'Hollowmere',
      'Newmarket',
    ]);
    expect(x.find((l) => l.name === 'Hollowmere')?.latitude).toBeNull();
  });
});

describe('namesakes: the country a story is written in', () => {
  it('a story in dollars and American spelling that names no country is American', () => {
    const x = extract(
      'Mansfield council approved $765,000 for repairs to the police center on Monday, the mayor said.',
      meta,
    );
    expect(placeNamed(x, 'Mansfield')).toMatchObject({ countryCode: 'US' });
    // Its own town's council is no evidence for the famous namesake either.
    const y = extract('The Athens City Council approved $400,000 for the new recycling center on Monday.', meta);
    expect(placeNamed(y, 'Athens')).toMatchObject({ countryCode: 'US' });
  });

  it('a story that tells the time as Americans do and names no country is American', () => {
    const x = extract('The Athens recycling center will open at 9 a.m. Friday, the mayor said.', meta);
    expect(placeNamed(x, 'Athens')).toMatchObject({ countryCode: 'US' });
    // British news writes the time otherwise, and says nothing so.
    const y = extract('The Athens recycling centre will open at 9am on Friday, the mayor said.', meta);
    expect(placeNamed(y, 'Athens')).toMatchObject({ countryCode: 'GR' });
  });

  it('a story counted in pounds keeps its famous capital against namesakes beside each other abroad', () => {
    // London and Lexington lie together in Kentucky; in a story of pounds London is still the capital.
    const x = extract(
      'A £2m scheme will bring new cycle lanes to Richmond and Lexington, as in other parts of London.',
      meta,
    );
    expect(placeNamed(x, 'London')).toMatchObject({ countryCode: 'GB' });
    expect(placeNamed(x, 'Richmond')).toMatchObject({ countryCode: 'GB' });
    const y = extract(
      'A $2m scheme will bring new cycle lanes to Richmond and Lexington, as in other parts of London.',
      meta,
    );
    expect(placeNamed(y, 'London')).toMatchObject({ countryCode: 'US' });
  });

  it('a town of such a story that only a village at home is named like is that village', () => {
    // Flemington, New Jersey (4,600) is a village; the town of 5,000+ so named is in Australia.
    const x = extract(
      'The Flemington Elks Lodge will host a comedy show on Saturday; tickets are $25 at the door.',
      meta,
    );
    expect(kmFrom(x, 'Flemington', 40.51, -74.86)).toBeLessThan(30);
  });

  it('pounds, British spelling or a named country keep the story abroad', () => {
    const x = extract(
      'Mansfield council approved £765,000 for repairs to the police station on Monday, the mayor said.',
      meta,
    );
    expect(placeNamed(x, 'Mansfield')).toMatchObject({ countryCode: 'GB' });
    const y = extract(
      'Mansfield council approved $765,000 for the town centre, and the neighbouring councils will share the programme.',
      meta,
    );
    expect(placeNamed(y, 'Mansfield')).toMatchObject({ countryCode: 'GB' });
    const z = extract('Greek officials said on Monday that Athens would spend $400,000 on the new port.', meta);
    expect(placeNamed(z, 'Athens')).toMatchObject({ countryCode: 'GR' });
  });
});

describe('namesakes: a village in the province the story names', () => {
  it('a town placed outside the only province the text names is the village of its name there', () => {
    // Williston, Florida (2,700) is a village; the towns of 5,000+ so named are in North Dakota and Vermont.
    const x = extract(
      'Louis Jensen, 87, of Williston, was killed in a crash on Monday in Florida, troopers said.',
      meta,
    );
    expect(kmFrom(x, 'Williston', 29.39, -82.45)).toBeLessThan(30);
  });
});

describe('namesakes: a tie among counties', () => {
  it('goes to the county beside more of the story’s towns', () => {
    // Henry County, Tennessee and Henry County, Georgia score alike here; Paris lies in the first.
    const x = extract(
      'A Paris man was arrested on Sunday by Henry County deputies. His brother lives in Lilburn and his sister in Lone Oak.',
      meta,
    );
    expect(kmFrom(x, 'Henry County', 36.3, -88.33)).toBeLessThan(30);
  });
});

describe('namesakes: a town and its "City"', () => {
  it('"Dublin City Council" beside a Dublin placed in Ohio is that Dublin', () => {
    const x = extract(
      'Dublin City Council voted on Monday to rename the street. Franklin County officials said Dublin and Columbus share a name for it.',
      meta,
    );
    expect(kmFrom(x, 'Dublin City', 40.1, -83.11)).toBeLessThan(30);
    // A city so named itself stays that city.
    const y = extract('Kansas City police said on Monday that Kansas farmers had gathered downtown.', meta);
    expect(kmFrom(y, 'Kansas City', 39.1, -94.58)).toBeLessThan(30);
  });
});

describe('namesakes: a county named bare beside the story’s towns', () => {
  it('is the county, not a far town of the name', () => {
    const x = extract('The mayor of Woodstock, Ontario, said Oxford would get new roads this year.', meta);
    expect(kmFrom(x, 'Oxford', 43.1, -80.8)).toBeLessThan(50);
    const y = extract(
      'The three largest counties, Douglas, Lancaster and Sarpy, grew fastest, a sociologist in Omaha, Neb., said.',
      meta,
    );
    expect(kmFrom(y, 'Douglas', 41.3, -96.15)).toBeLessThan(50);
    expect(kmFrom(y, 'Lancaster', 40.78, -96.65)).toBeLessThan(50);
  });

  it('not when the town of the name is in the story’s area already', () => {
    const x = extract(
      'The plane was headed to Bozeman, Mont., but turned to Butte. The family had flown from Oroville, Calif.',
      meta,
    );
    expect(kmFrom(x, 'Butte', 46.0, -112.53)).toBeLessThan(30);
  });
});

describe('namesakes: a town and its county written as one', () => {
  it('"Springfield-Greene County" is the county seat and its county, the pair closest together', () => {
    const x = extract(
      'Uninsured patients filled Springfield hospitals, the Springfield-Greene County Health Department said. Patients also came from St. Louis.',
      meta,
    );
    expect(kmFrom(x, 'Springfield', 37.22, -93.3)).toBeLessThan(30);
    expect(kmFrom(x, 'Greene County', 37.26, -93.36)).toBeLessThan(30);
  });
});

describe('namesakes: a lone small town is no cluster', () => {
  it('one small town of a country the text never names does not rule out far namesakes of the other names', () => {
    // Bingham (a surname too) has one namesake, an English town; Torrington and Cumberland are American towns.
    const text = 'Bingham will speak on Monday at a store in Torrington, beside the Cumberland plant, the mayor said.';
    const x = located(text, ['Bingham', 'Torrington', 'Cumberland']);
    expect(x.find((l) => l.name === 'Torrington')).toMatchObject({ countryCode: 'US' });
    expect(x.find((l) => l.name === 'Cumberland')).toMatchObject({ countryCode: 'US' });
  });

  it('nor backs the namesakes beside it of a name in a story written elsewhere', () => {
    // Counted in dollars: Richmond is the American capital of Virginia, not the English town near Bingham.
    const x = located('Bingham will pay $2m for the old store in Richmond, the mayor said on Monday.', [
      'Bingham',
      'Richmond',
    ]);
    expect(x.find((l) => l.name === 'Richmond')).toMatchObject({ countryCode: 'US' });
  });

  it('the same town in a country the text names, or is written in, still does', () => {
    const text = 'British officials said Bingham will host the talks on Monday, and a store in Torrington will close.';
    const x = located(text, ['Bingham', 'Torrington']);
    expect(x.find((l) => l.name === 'Torrington')?.latitude).toBeNull();
    // Counted in pounds: written in Britain, as Bingham is.
    const pounds = 'Bingham will pay £2m for a store in Torrington, beside the Cumberland plant, the council said.';
    const y = located(pounds, ['Bingham', 'Torrington', 'Cumberland']);
    expect(y.find((l) => l.name === 'Torrington')?.latitude).toBeNull();
  });
});
