/**
 * Place detection in local news: names no gazetteer rule finds that the sentence shows to be
 * places, and names that must not swallow or hide a place. Small synthetic sentences.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../lib/extract/index.js';
import type { Extraction } from '../lib/extract/types.js';

/** Every location mention as [location name, mention text]. */
const places = (x: Extraction) => x.locations.flatMap((l) => l.mentions.map((m) => [l.name, m.text] as const));
const mentionTexts = (text: string) => places(extract(text, {})).map(([, t]) => t);

describe('chunks', () => {
  it('a capitalised article is no part of the name after it', () => {
    expect(mentionTexts('Deer count rises. OMAHA -- A University of Nebraska study found more deer.')).toContain(
      'Nebraska',
    );
  });
});

describe('where people live', () => {
  it('a town before a noun for its residents or police', () => {
    expect(mentionTexts('A Brackenfield man was hurt. Later two Brackenfield residents helped.')).toEqual([
      'Brackenfield',
      'Brackenfield',
    ]);
    expect(mentionTexts('Officers said Brackenfield police found the car.')).toEqual(['Brackenfield']);
    expect(mentionTexts('He drove to his Brackenfield home.')).toEqual(['Brackenfield']);
  });

  it('a town after a person, an age and "of"; a first name the gazetteer knows as a town', () => {
    expect(mentionTexts('Police arrested Tom Baxley, 43, of Brackenfield on Monday.')).toEqual(['Brackenfield']);
    expect(places(extract('The driver, Jane Kiley of Regina, was unhurt.', {}))).toEqual([['Regina', 'Regina']]);
  });

  it('not a family, a demonym, an adjective or a person', () => {
    expect(mentionTexts('The Baxley home burned down.')).toEqual([]);
    expect(mentionTexts('A Muslim couple spoke.')).toEqual([]);
    expect(mentionTexts('Local police said little.')).toEqual([]);
    expect(mentionTexts('Jane Kiley of Acme Widgets said little.')).toEqual([]);
    expect(mentionTexts('Spectators at the Grand Open men’s final cheered.')).toEqual([]);
  });

  it('a sentence may start with a place named with an English word', () => {
    expect(mentionTexts('Grand Prairie police are investigating.')).toEqual(['Grand Prairie']);
  });
});

describe('a place inside a title held before', () => {
  it('"Former Arkansas Gov. X": the place after the word for when', () => {
    expect(
      mentionTexts('Baxley campaigns in Roanoke. ROANOKE -- Former Arkansas Gov. Tom Baxley campaigned.'),
    ).toContain('Arkansas');
  });
});

describe('names that hide a place', () => {
  it('a patrol, a school or a township is no person: the place leading it is mentioned', () => {
    const x = extract('Troopers of the Kansas Highway Patrol closed the road.', {});
    expect(x.parties.some((p) => p.kind === 'PERSON')).toBe(false);
    expect(places(x)).toEqual([['Kansas', 'Kansas']]);
  });

  it('a first name before a surname that is also a place word stays a person', () => {
    const x = extract('Officials said Sarah Park would speak.', {});
    expect(x.parties.find((p) => p.kind === 'PERSON')?.name).toBe('Sarah Park');
  });
});

describe('places inside names', () => {
  it('a place after "of" inside a name, never the head before "of"', () => {
    expect(mentionTexts('The Family Policy Council of West Virginia called her.')).toEqual(['West Virginia']);
    expect(mentionTexts('It registered with the State of Ohio in May.')).toEqual(['Ohio']);
    expect(mentionTexts('She studied at the University of Kentucky College of Law.')).toEqual(['Kentucky']);
  });

  it('a town named like a person before its services: "the Lindsay Police"', () => {
    expect(mentionTexts('I called the Lindsay Police and the Wayne Food Pantry.')).toEqual(['Lindsay', 'Wayne']);
  });

  it('a head before "of" and an unknown name is a body, not a person', () => {
    const x = extract('The Association of African Jurists condemned it.', {});
    expect(x.parties.map((p) => [p.name, p.kind])).toEqual([['Association of African Jurists', 'ORGANIZATION']]);
  });
});

describe('demonyms of regions and cities', () => {
  it('a people named after a region or a large city is a mention of it, of use DEMONYM', () => {
    const x = extract('Ohioans and Minnesotans met Texan ranchers. Londoners shivered.', {});
    expect(x.locations.flatMap((l) => l.mentions.map((m) => [l.name, m.text, m.use]))).toEqual([
      ['Ohio', 'Ohioans', 'DEMONYM'],
      ['Minnesota', 'Minnesotans', 'DEMONYM'],
      ['Texas', 'Texan', 'DEMONYM'],
      ['London', 'Londoners', 'DEMONYM'],
    ]);
  });

  it('not an eponym, a first name, a word or a single surname-like form of a city', () => {
    expect(mentionTexts('Victorian houses stood by. Logan and Susan left. The New Yorker wrote.')).toEqual([]);
  });
});

describe('premises named after a place', () => {
  it('a museum, jail or school the gazetteer lacks stands for the place it is named after', () => {
    expect(places(extract('The Springfield Science Museum will host a talk.', {}))).toEqual([
      ['Springfield', 'Springfield Science Museum'],
    ]);
    expect(places(extract('He was held in the Henderson County Jail.', {}))[0]?.[0]).toBe('Henderson County');
  });

  it('a river or a lake is a place of its own', () => {
    expect(places(extract('They paddled the Wabash River at dawn.', {}))).toEqual([['Wabash River', 'Wabash River']]);
  });

  it('an English word capitalised mid-sentence that names a city of a million is the city', () => {
    expect(places(extract('He rose from the streets of Queens to become governor.', {}))[0]?.[0]).toBe('Queens');
    expect(places(extract('The queens of Europe met in June.', {})).map((p) => p[0])).toEqual(['Europe']);
  });

  it('a settlement named with its own ending is a place of its own, not the place it starts with', () => {
    expect(places(extract('A Tennessee Colony man was found dead on Monday.', {}))[0]?.[0]).toBe('Tennessee Colony');
  });
});

describe('type words that are part of a name', () => {
  it('"Kansas City" is looked up whole; "Idlib province" as Idlib', () => {
    expect(places(extract('Kansas City police closed the road.', {}))[0]?.[0]).toBe('Kansas City');
    expect(places(extract('Fighting went on in Idlib province.', {}))[0]?.[0]).toBe('Idlib province');
  });
});

describe('a prominent place ending a name', () => {
  it('"Team Alberta", "CBC Toronto"; not an exercise or a summit', () => {
    expect(mentionTexts('He told CBC Toronto that Team Alberta won.')).toEqual(['Toronto', 'Alberta']);
    expect(mentionTexts('Troops joined Exercise Eager Lion in May.')).toEqual([]);
  });
});

describe('datelines', () => {
  it('a known place in capitals before the first word, with no dash', () => {
    const x = extract('WASHINGTON Barack Obama pardoned a turkey.', {});
    expect(places(x)).toEqual([['Washington', 'WASHINGTON']]);
    expect(x.parties.map((p) => p.name)).toEqual(['Barack Obama']);
  });

  it('an unknown town in capitals, however long, and a dateline ended by its agency', () => {
    expect(mentionTexts('Mason jailed. BRACKENFIELD — A mason was arraigned.')).toContain('BRACKENFIELD');
    expect(mentionTexts('Sprawl grows. BRACKENFIELD, Ohio (AP) Some townships impose fees.')).toContain(
      'BRACKENFIELD, Ohio',
    );
  });

  it('not a body or a word in capitals', () => {
    expect(mentionTexts('BREAKING Officials said little.')).toEqual([]);
  });
});

describe('US states written short', () => {
  it('an AP abbreviation before a lower-case word is its state', () => {
    expect(places(extract('Missing Ill. man found in a lake.', {}))).toEqual([['Illinois', 'Ill.']]);
  });

  it('not at the end of a sentence before a capitalised word', () => {
    expect(places(extract('He moved to Mass. Then he left.', {})).map(([n]) => n)).not.toContain('Massachusetts');
  });
});

describe('a town before its services', () => {
  it('an unknown name before a police, a court or a mayor is a town', () => {
    expect(mentionTexts('Brackenfield Police went to the house.')).toEqual(['Brackenfield']);
    expect(mentionTexts('Brackenfield Mayor Tom Baxley said so.')).toEqual(['Brackenfield']);
  });

  it('not a national body, a force or an adjective', () => {
    expect(mentionTexts('The National Police Agency said so. Navy Senior Chief Tom Baxley spoke.')).toEqual([]);
  });
});

describe('lists', () => {
  it('a town taken for a first name beside a place in a list', () => {
    expect(mentionTexts('The bank opened branches in Gainesville and Lindsay last year.')).toEqual([
      'Gainesville',
      'Lindsay',
    ]);
  });
});

describe('after a place preposition', () => {
  it('"in Regina" is the town; "to Regina" may be a person', () => {
    expect(mentionTexts('Police searched several houses in Regina overnight.')).toContain('Regina');
    expect(mentionTexts('He spoke to Regina about the plan.')).toEqual([]);
  });
});

describe('parts and districts of a known place', () => {
  it('a compass word or "Historic" before a known place; a district named after a county', () => {
    expect(places(extract('He lives in Northeast Georgia now.', {}))[0]?.[0]).toBe('Georgia');
    expect(places(extract('The Laurel County School District met.', {}))[0]?.[0]).toBe('Laurel County');
  });

  it('a hyphenated pair of towns after a preposition is two places; a person-named museum is no town', () => {
    expect(mentionTexts('Fans came from Fargo-Moorhead on Friday.')).toEqual(['Fargo', 'Moorhead']);
    expect(places(extract('The Jordan Smith Museum opened.', {}))[0]?.[0]).not.toBe('Jordan');
  });
});

describe('a word for part of a place', () => {
  it('"Metro Vancouver" names Vancouver, not a town called Metro', () => {
    expect(places(extract('Metro Vancouver officials said so.', {})).map(([n, t]) => [n, t])).toEqual([
      ['Vancouver', 'Vancouver'],
    ]);
    expect(places(extract('Metro Nashville police records state it.', {}))[0]?.[0]).toBe('Nashville');
  });
});

describe('the place a legislator represents', () => {
  it('a state abbreviation after the party initial names the state; a town its town', () => {
    expect(places(extract('Rep. Tom Baxley, D-N.Y., said no.', {}))).toEqual([['New York', 'N.Y.']]);
    expect(places(extract('Sen. Jane Kiley, R-W. Va., chairs it.', {}))).toEqual([['West Virginia', 'W. Va.']]);
    expect(places(extract('Sen. Tom Baxley, D-Iowa City, and others agreed.', {}))).toEqual([
      ['Iowa City', 'Iowa City'],
    ]);
    expect(places(extract('Sen. Tom Baxley (D-Columbus) spoke.', {}))).toEqual([['Columbus', 'Columbus']]);
    expect(places(extract('Sen. Tom Baxley (R-TX) spoke.', {}))).toEqual([['Texas', 'TX']]);
  });

  it('not a compound that only starts like a party initial', () => {
    expect(mentionTexts('A D-Day memorial was built.')).toEqual([]);
  });
});

describe('a town before a US state written short', () => {
  it('an unknown name before a comma and a state abbreviation is a town', () => {
    expect(mentionTexts('Amy Booth, of Brackenfield, Mich., said she will attend.')).toEqual([
      'Brackenfield, Mich.',
      'Mich.',
    ]);
    expect(mentionTexts('Dennis Lopez of Brackenfield, Okla. came to see it.')).toContain('Brackenfield, Okla.');
  });

  it('not a person, an English word or a name before a capitalised word', () => {
    expect(mentionTexts('Tom Baxley, Ga., said no.')).toEqual([]);
    expect(mentionTexts('However, Tex. officials declined.')).not.toContain('However, Tex.');
  });
});

describe('words for a part of a known place', () => {
  it('a compass word before a town named "... City" keeps the city: "North Kansas City"', () => {
    expect(places(extract('The fire in North Kansas City spread.', {}))).toEqual([
      ['Kansas City', 'North Kansas City'],
    ]);
  });

  it('two of them before the place: "Far North Queensland" names Queensland', () => {
    expect(places(extract('Youth crime rose in Far North Queensland this year.', {}))).toEqual([
      ['Queensland', 'Far North Queensland'],
    ]);
  });
});

describe('an age before a town and a resident noun', () => {
  it('"a 22-year-old Winona man": the age, split by the tokenizer, is passed over to the article', () => {
    expect(mentionTexts('The body of a 22-year-old Winona man was found.')).toEqual(['Winona']);
  });
});

describe('a demonym before what it qualifies', () => {
  it('before an acronym, a known party or a name it starts, a country’s demonym names the country', () => {
    const uses = (text: string) =>
      extract(text, {}).locations.flatMap((l) => l.mentions.map((m) => [l.name, m.text, m.use]));
    expect(uses('He travels, according to the Georgian MoD.')).toEqual([['Georgia', 'Georgian', 'DEMONYM']]);
    expect(uses('It ran on several Turkish TV channels.')).toEqual([['Türkiye', 'Turkish', 'DEMONYM']]);
    expect(uses('American Airlines announced a new route.')).toEqual([['United States', 'American', 'DEMONYM']]);
    // Not one a region's name is made of ("Ohioan" is read only before a lower-case word).
    expect(uses('Ohioan Airlines announced a new route.')).toEqual([]);
  });
});

describe('a Canadian province written short after a town', () => {
  it('"Gatineau, Que.": the province, read only after a town and a comma, period written', () => {
    expect(places(extract('She sold her home in Gatineau, Que., and moved.', {}))).toEqual([
      ['Gatineau', 'Gatineau, Que.'],
      ['Quebec', 'Que.'],
    ]);
    expect(mentionTexts('The Man. was there.')).toEqual([]);
  });
});
