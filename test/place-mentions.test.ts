/**
 * Place mention rules: how a mention uses a place's name (PLACE, ACTOR, DEMONYM), and the
 * detection rules for names and sites. Small synthetic sentences.
 */
import { describe, expect, it } from 'vitest';
import { foldName } from '../lib/names.js';
import { extract } from '../lib/extract/index.js';
import type { Extraction } from '../lib/extract/types.js';

const locationOf = (x: Extraction, name: string) =>
  x.locations.find((l) => [l.name, ...l.aliases].some((n) => foldName(n) === foldName(name)));
const uses = (x: Extraction) => x.locations.flatMap((l) => l.mentions.map((m) => [l.name, m.text, m.use] as const));
const textsOf = (x: Extraction, name: string) => locationOf(x, name)?.mentions.map((m) => m.text);

describe('place uses', () => {
  it('a country acting is a Location mention of use ACTOR, and stays a Party', () => {
    const x = extract('Iran said it would respond. Ships later sailed to Oman.', {});
    expect(x.parties.find((p) => p.name === 'Iran')).toMatchObject({ kind: 'STATE', affiliation: 'IR' });
    expect(locationOf(x, 'Iran')?.mentions.map((m) => [m.text, m.use])).toEqual([['Iran', 'ACTOR']]);
    expect(locationOf(x, 'Oman')?.mentions.map((m) => m.use)).toEqual(['PLACE']);
  });

  it('a demonym is a mention of its country, of use DEMONYM, inside a party or alone', () => {
    const x = extract('Iraqi forces advanced while the Syrian people waited. Afghans fled.', {});
    expect(x.parties.some((p) => p.name === 'Iraqi forces')).toBe(true);
    expect(uses(x)).toEqual([
      ['Iraq', 'Iraqi', 'DEMONYM'],
      ['Syria', 'Syrian', 'DEMONYM'],
      ['Afghanistan', 'Afghans', 'DEMONYM'],
    ]);
  });

  it('a continent has demonyms too', () => {
    const x = extract('European diplomats met African leaders.', {});
    expect(uses(x)).toEqual([
      ['Europe', 'European', 'DEMONYM'],
      ['Africa', 'African', 'DEMONYM'],
    ]);
    // After a preposition too: "in Asian markets" names Asia, not an unknown place "Asian".
    const after = extract('Growth slowed in Asian markets and trade with European partners fell.', {});
    expect(uses(after)).toEqual([
      ['Asia', 'Asian', 'DEMONYM'],
      ['Europe', 'European', 'DEMONYM'],
    ]);
  });

  it('a feast is a time, never a place: "during Eid prayers", "in Easter week", "during Ramadan"', () => {
    const x = extract(
      'Gunmen attacked worshippers during Eid prayers. More attacks followed in Easter week and during Ramadan.',
      {},
    );
    expect(x.locations).toEqual([]);
  });

  it('parts of a hyphenated compound: demonyms, short country names, known places', () => {
    const x = extract('Egyptian-US ties and a Texas-based firm shaped Arab-Israeli talks.', {});
    expect(uses(x)).toEqual([
      ['Egypt', 'Egyptian', 'DEMONYM'],
      ['United States', 'US', 'PLACE'],
      ['Texas', 'Texas', 'PLACE'],
      ['Israel', 'Israeli', 'DEMONYM'],
    ]);
  });

  it('a compound whose first part ends a name of several words: "New York-based" is New York, not York', () => {
    const x = extract('Members of a New York-based squad met a Los Angeles-based team.', {});
    expect(uses(x)).toEqual([
      ['New York', 'New York', 'PLACE'],
      ['Los Angeles', 'Los Angeles', 'PLACE'],
    ]);
  });

  it("a country's name no rule took: a place before a word, a state acting before punctuation", () => {
    const x = extract('Traffic on U.S. 95 slowed. A U.S.-led coalition struck.', {});
    expect(locationOf(x, 'United States')?.mentions.map((m) => [m.text, m.use])).toEqual([
      ['U.S.', 'PLACE'],
      ['U.S.', 'ACTOR'],
    ]);
  });

  it('a country’s demonym that starts a name still names the country; a people with no state names none', () => {
    const x = extract('He flew American Airlines to meet Kurdish leaders.', {});
    expect(uses(x)).toEqual([['United States', 'American', 'DEMONYM']]);
  });

  it('a demonym that is also a region’s name names the country in a party’s name: "the Somali government"', () => {
    const x = extract('The Somali government said three soldiers died near Baidoa.', {});
    expect(x.locations.map((l) => [l.name, l.countryCode, l.mentions.map((m) => m.text)])).toEqual([
      ['Somalia', 'SO', ['Somali']],
      ['Baidoa', 'SO', ['Baidoa']],
    ]);
  });

  it('a word before a joined particle is part of one name, not a place of its own ("Tal al-Hawa")', () => {
    expect(extract('Troops raided Tal al-Hawa on Monday.', {}).locations).toEqual([]);
  });

  it("a person's name is no country; the qualifier of a title is", () => {
    const x = extract('Sen. Jordan Smith met Georgian President Mikheil Saakashvili.', {});
    expect(locationOf(x, 'Jordan')).toBeUndefined();
    expect(textsOf(x, 'Georgia')).toEqual(['Georgian']);
  });

  it("a place inside a party's name names its owner (ACTOR), and says nothing of where a claim is", () => {
    const x = extract('Fargo Police Chief Keith Ternes said the Gainesville Police found a car in Dayton.', {});
    expect(locationOf(x, 'Fargo')?.mentions.map((m) => m.use)).toEqual(['ACTOR']);
    expect(locationOf(x, 'Gainesville')?.mentions.map((m) => m.use)).toEqual(['ACTOR']);
    expect(x.claims[0]?.locationKeys).toEqual(['dayton']);
  });

  it('a claim is about the places it names, not the states acting in it', () => {
    const x = extract('The ministry said Russian troops shelled Kharkiv.', {});
    expect(x.claims[0]?.locationKeys).toEqual(['kharkiv']);
    expect(locationOf(x, 'Russia')?.mentions.map((m) => m.use)).toEqual(['DEMONYM']);
  });
});

describe('place names', () => {
  it('a US state written short after a town belongs to its mention', () => {
    const x = extract(
      'He was arrested in South Bend, Ind., and later in Austin, TX, and Charleston, W. Va. on Monday.',
      {},
    );
    expect(textsOf(x, 'South Bend')).toEqual(['South Bend, Ind.']);
    expect(textsOf(x, 'Austin')).toEqual(['Austin, TX']);
    expect(textsOf(x, 'Charleston')).toEqual(['Charleston, W. Va.']);
  });

  it('a dotted US state abbreviation is its state, alone or leading a body', () => {
    const x = extract('The S.C. Highway Patrol said he rode to D.C. last week.', {});
    expect(textsOf(x, 'South Carolina')).toEqual(['S.C.']);
    expect(textsOf(x, 'District of Columbia')).toEqual(['D.C.']);
  });

  it('names before a plural division noun are divisions, first names too', () => {
    const x = extract('School boards in Barrow, Jackson and Madison counties changed their rules.', {});
    expect(x.locations.map((l) => l.mentions[0]!.text)).toEqual(['Barrow', 'Jackson', 'Madison']);
  });

  it("a county's name on a first name, and a place before a person's title", () => {
    const x = extract('Laurel County Clerk Dean Johnson spoke. DeKalb Police Lt. Gary Spangler agreed.', {});
    expect(textsOf(x, 'Laurel County')).toEqual(['Laurel County']);
    expect(textsOf(x, 'DeKalb')).toEqual(['DeKalb']);
    expect(locationOf(x, 'Dean')).toBeUndefined();
  });
});

describe('names by their position', () => {
  it('a bearing is taken from a place, a first name too', () => {
    const x = extract('The crash happened two miles east of Brandon on Monday.', {});
    expect(textsOf(x, 'Brandon')).toEqual(['Brandon']);
  });

  it('a name no rule took, in a list of places beside one, is a place', () => {
    const x = extract('Crews came from Harwinton, Bantam, Litchfield, Winsted and Torrington.', {});
    expect(x.locations.map((l) => l.mentions[0]!.text)).toEqual([
      'Harwinton',
      'Bantam',
      'Litchfield',
      'Winsted',
      'Torrington',
    ]);
    // One place is no list of places.
    expect(extract('Crews came from Litchfield and Bantam.', {}).locations.map((l) => l.name)).toEqual(['Litchfield']);
  });

  it("the town after a street address, but not a street's own name", () => {
    const x = extract('Jimmy Delaney of Main Street, Tipperary, appeared on Monday.', {});
    expect(x.locations.map((l) => l.mentions.map((m) => m.text))).toEqual([['Tipperary']]);
  });

  it('an era beside a year is neither place nor party', () => {
    const x = extract('The gate has stood since 575 B.C. in the city.', {});
    expect(x.locations).toEqual([]);
    expect(x.parties).toEqual([]);
  });

  it('"Paris, Texas": the qualifier is a place of its own inside the town’s span, its address, not what a claim is about', () => {
    const x = extract('A tornado hit Paris, Texas, on Sunday, killing two people.', {});
    const names = x.locations.map((l) => [l.name, l.mentions.map((m) => m.text)]);
    expect(names).toEqual([
      ['Paris', ['Paris, Texas']],
      ['Texas', ['Texas']],
    ]);
    expect(x.locations.find((l) => l.name === 'Paris')).toMatchObject({ countryCode: 'US' });
    expect(x.claims[0]!.locationKeys).toEqual([x.locations[0]!.key]);
    // An AP abbreviation is its state's mention under the state's own name.
    expect(extract('Floods hit South Bend, Ind., overnight.', {}).locations.map((l) => l.name)).toContain('Indiana');
  });

  it("after a legislator's party, the place they represent", () => {
    const x = extract('Tom Bakk, DFL-Cook, said so, and Marty Seifert, R-Marshall, agreed.', {});
    expect(x.locations.map((l) => l.mentions[0]!.text)).toEqual(['Cook', 'Marshall']);
  });

  it('a dateline in capitals after a headline, not a tag, a body or an article', () => {
    const place = (text: string) => extract(text, {}).locations.map((l) => l.mentions[0]!.text);
    expect(place('Man charged. WINONA -- The body of a man was found.')).toEqual(['WINONA']);
    expect(place('Courts close. MOUNT GILEAD (AP) -- A city court will not accept new cases.')).toEqual([
      'MOUNT GILEAD',
    ]);
    // The state written after the town is a place of its own, inside the town's span.
    expect(place('Mine to close. RIDGE FARM, Ill. (AP) — Peabody Energy says so.')).toEqual([
      'RIDGE FARM, Ill.',
      'Ill.',
    ]);
    expect(place('UPDATE — The fire is out.')).toEqual([]);
    expect(place('NATO -- The alliance met.')).toEqual([]);
  });
});

describe("places inside a person's or body's name", () => {
  it('a division before a title far on, or before any name, and a country under its own name', () => {
    const x = extract(
      'Kanawha County Emergency Services Director Dale Petry said the Douglas County Sheriff agreed. U.S. District Judge Ann Barrett ruled.',
      {},
    );
    expect(textsOf(x, 'Kanawha County')).toEqual(['Kanawha County']);
    expect(textsOf(x, 'Douglas County')).toEqual(['Douglas County']);
    expect(locationOf(x, 'United States')?.mentions.map((m) => [m.text, m.use])).toEqual([['U.S.', 'ACTOR']]);
  });

  it('a country leading a name no rule took is whose the named thing is', () => {
    const x = extract("He met the U.S. Embassy Charge d'Affaires in Baghdad.", {});
    expect(uses(x)).toEqual([
      ['U.S.', 'U.S.', 'ACTOR'],
      ['Baghdad', 'Baghdad', 'PLACE'],
    ]);
  });
});

describe('sites and references', () => {
  const sites = (text: string) => extract(text, {}).sites.map((s) => s.text);

  it('a list of struck things goes on past the parties in it', () => {
    expect(sites('Strikes engaged three ISIL tactical units, four ISIL-held buildings and two bridges.')).toEqual([
      'four ISIL-held buildings',
      'two bridges',
    ]);
  });

  it('the vicinity of a site, a route, a count of villages, a bare base', () => {
    expect(sites('Tanks were destroyed in the vicinity of the airfield, along a highway.')).toEqual([
      'the airfield',
      'a highway',
    ]);
    expect(sites('The SDF liberated dozens of villages.')).toEqual(['dozens of villages']);
    expect(sites('All aircraft returned to base safely.')).toEqual(['base']);
    expect(sites('Jets conducted a strike on the location to hit fighters.')).toEqual(['the location']);
  });

  it('"here" and "there" are sites only after a verb of going', () => {
    expect(sites('The jets arrived here on Monday.')).toEqual(['here']);
    expect(sites('We are here because there is work.')).toEqual([]);
  });

  it('"the country\'s second-largest city" refers back to the city, and "the city of" a common noun too', () => {
    const x = extract(
      'Fighters held Mosul, the country’s second-largest city. Troops cleared 20 percent of the city of enemy forces.',
      {},
    );
    expect(textsOf(x, 'Mosul')).toEqual(['Mosul', 'the country’s second-largest city', 'the city']);
  });
});

describe('names the gazetteer knows whole', () => {
  it('"Bosnia and Herzegovina", "Trinidad and Tobago", "Jammu and Kashmir" are one place each, not two', () => {
    const x = extract(
      'Troops were sent to Trinidad and Tobago and to Bosnia and Herzegovina. Militants attacked Kupwara in Jammu and Kashmir.',
      {},
    );
    expect(x.locations.map((l) => [l.name, l.countryCode])).toEqual([
      ['Trinidad and Tobago', 'TT'],
      ['Bosnia and Herzegovina', 'BA'],
      ['Kupwara', 'IN'],
      ['Jammu and Kashmir', 'IN'],
    ]);
    // A list stays a list.
    expect(extract('Strikes hit Iraq and Syria.', {}).locations.map((l) => l.name)).toEqual(['Iraq', 'Syria']);
  });

  it('"Chin state", "Rivers state": a name that is also a common word is a division when its type word follows', () => {
    expect(locationOf(extract('Troops entered Chin state on Monday.', {}), 'Chin state')).toMatchObject({
      countryCode: 'MM',
      precision: 'REGION',
    });
    expect(locationOf(extract('Gunmen attacked villages in Rivers state.', {}), 'Rivers state')).toMatchObject({
      countryCode: 'NG',
    });
    expect(extract('He hurt his chin in Chin.', {}).locations).toEqual([]);
  });
});

describe('demonyms before an acronym', () => {
  it('"Russian ICBMs", "the Georgian MoD", "Iraqi MPs" name their country', () => {
    for (const [text, country] of [
      ['Russian ICBMs are not the target.', 'Russia'],
      ['He will visit Gori, according to the Georgian MoD.', 'Georgia'],
      ['Iraqi MPs voted on Monday.', 'Iraq'],
    ] as const) {
      expect(
        locationOf(extract(text, {}), country)?.mentions.map((m) => m.use),
        text,
      ).toEqual(['DEMONYM']);
    }
  });
});

describe('Arabic particles joined to a name', () => {
  it('"Deir ez-Zor", "Jisr esh-Shughur", "Maarat en-Numan" are one name each', () => {
    const x = extract('Rebels took Jisr esh-Shughur and Maarat en-Numan. Clashes near Deir ez-Zor killed 12.', {});
    expect(x.locations.map((l) => [l.name, l.countryCode])).toEqual([
      ['Jisr esh-Shughur', 'SY'],
      ['Maarat en-Numan', 'SY'],
      ['Deir ez-Zor', 'SY'],
    ]);
  });
});

describe('a village named by the whole of a name', () => {
  it('a place inside a name whose words are a village’s whole name is that village, not a part of it', () => {
    // Avondale Estates and New Concord are villages; Avondale and Concord are towns of their own.
    const x = extract('The Avondale Estates council met on Monday. The New Concord reservoir was cleaned.', {});
    expect(textsOf(x, 'Avondale Estates')).toEqual(['Avondale Estates']);
    expect(textsOf(x, 'New Concord')).toEqual(['New Concord']);
    expect(locationOf(x, 'Avondale')).toBeUndefined();
    expect(locationOf(x, 'Concord')).toBeUndefined();
    // A name no village has keeps the place inside it.
    expect(textsOf(extract('The Decatur Housing Authority met on Monday.', {}), 'Decatur')).toEqual(['Decatur']);
  });
});

describe('a government known by its building', () => {
  it('written as where something happens, is a mention of its city; acting, only the party', () => {
    const x = extract(
      'The prize was handed over in a ceremony at the White House on Monday. Talks went on in the Kremlin.',
      {},
    );
    const at = (text: string) => x.locations.find((l) => l.mentions.some((m) => m.text === text));
    expect(at('White House')).toMatchObject({ countryCode: 'US', precision: 'CITY' });
    expect(at('Kremlin')).toMatchObject({ countryCode: 'RU', precision: 'CITY' });
    const y = extract('The White House said on Monday that the Kremlin had not replied.', {});
    expect(y.locations).toEqual([]);
  });
});

describe('places inside names taken for persons', () => {
  it('a place before a party member is a place, as before a title', () => {
    const x = extract('The Arizona Republican asked on Monday whether the vote would wait.', {});
    expect(textsOf(x, 'Arizona')).toEqual(['Arizona']);
  });

  it('a name no first name starts and a country ends is a body of that country', () => {
    const x = extract('Heavy snow is expected in Toronto on Saturday night, Environment Canada warns.', {});
    expect(textsOf(x, 'Canada')).toEqual(['Canada']);
    // A person's name is left alone.
    const y = extract('Heavy snow is expected on Saturday night, Jack Canada warns.', {});
    expect(locationOf(y, 'Canada')).toBeUndefined();
  });

  it('a division whose name a title word starts is the division', () => {
    // "Pope" is a title; "Pope County" is a county of Arkansas (and of Illinois and Minnesota).
    const x = extract('The crash happened in Pope County on Thursday, Arkansas State Police said.', {});
    expect(textsOf(x, 'Pope County')).toEqual(['Pope County']);
    expect(x.parties.some((p) => p.name === 'Pope County')).toBe(false);
  });
});

describe('a village where a person lives', () => {
  it('a village’s name after a person and "of" is where they live, though the places lack it', () => {
    // Chiefland, Florida (2,200) is in the village tier only.
    const x = extract('Police said Stephen Davis, of Chiefland, had been arguing with a neighbour.', {});
    expect(textsOf(x, 'Chiefland')).toEqual(['Chiefland']);
    const y = extract('Police said Stephen Davis, of Northwind, had been arguing with a neighbour.', {});
    expect(locationOf(y, 'Northwind')).toBeUndefined();
  });

  it('a village’s name of English words after a place’s preposition is a place', () => {
    // Yellow Springs, Ohio (3,800) is in the village tier only.
    const x = extract('Prosecutors said the drugs were driven from Columbus to Yellow Springs for sale.', {});
    expect(textsOf(x, 'Yellow Springs')).toEqual(['Yellow Springs']);
  });
});
