import { describe, expect, it } from 'vitest';
import { extract } from '../lib/extract/index.js';
import type { Extraction } from '../lib/extract/types.js';

const meta = { publishedAt: '2024-05-01T10:00:00Z' };
const parties = (x: Extraction) => x.parties.map((p) => [p.name, p.kind, p.affiliation]);
const names = (text: string) => extract(text, meta).parties.map((p) => p.name);

describe('sides named by what they do', () => {
  it('protesters, demonstrators, mercenaries and armed men are parties, at the start of a sentence too', () => {
    expect(names('Protesters blocked the main road into the capital on Friday.')).toEqual(['protesters']);
    expect(names('Thousands of demonstrators marched to the parliament.')).toEqual(['demonstrators']);
    expect(names('Armed men seized a bus near the river crossing.')).toEqual(['armed men']);
    expect(names('Heavily armed men stormed the camp.')).toEqual(['heavily armed men']);
    expect(names('Ethnic armed groups overran a hilltop post.')).toEqual(['ethnic armed groups']);
    expect(names('Kidnappers demanded a ransom for the three engineers.')).toEqual(['kidnappers']);
    expect(names('Police are hunting the perpetrators.')).toEqual(['perpetrators']);
  });

  it('who a side is for or against belongs to its name; a common word names no ally', () => {
    expect(names('Later, pro-government militias burned the market.')).toEqual(['pro-government militias']);
    expect(names('Pro-junta fighters held the bridge.')).toEqual(['pro-junta fighters']);
    expect(parties(extract('Government-backed forces retook the town.', meta))).toEqual([
      ['government-backed forces', 'ARMED_FORCE', null],
    ]);
  });

  it('a day or feast before a side is when it acted, never part of its name', () => {
    expect(names('Christmas Day attackers fled into the hills.')).toEqual(['attackers']);
    expect(names('Easter gunmen robbed the market.')).toEqual(['gunmen']);
  });

  it('a known group before "attackers" or "terrorists" names them as its own', () => {
    expect(parties(extract('The Hamas attackers crossed the fence at dawn.', meta))).toEqual([
      ['Hamas attackers', 'GROUP', 'PS'],
    ]);
    expect(parties(extract('Troops killed 12 Boko Haram terrorists.', meta))).toEqual([
      ['Boko Haram terrorists', 'GROUP', 'NG'],
    ]);
  });

  it('a side referred to with "the" and named nowhere before is a side of its own', () => {
    const x = extract('The garrison said it had repelled the insurgents.', meta);
    expect(parties(x)).toContainEqual(['insurgents', 'GROUP', null]);
    // Named before, "the insurgents" is that party.
    const y = extract('Zanda insurgents shelled the base. Troops then repelled the insurgents.', meta);
    expect(y.parties.filter((p) => p.name.includes('insurgents')).map((p) => p.mentions.length)).toEqual([2]);
  });

  it('refugees, prisoners or farmers alone are no party; with a demonym they are a group of that state', () => {
    expect(names('Refugees waited at the border for three days.')).toEqual([]);
    const x = extract('Eritrean refugees and Syrian prisoners were moved on Monday.', meta);
    expect(parties(x)).toEqual([
      ['Eritrean refugees', 'GROUP', 'ER'],
      ['Syrian prisoners', 'GROUP', 'SY'],
    ]);
  });
});

describe('bodies and forces of a state', () => {
  it('a junta and mercenaries after a demonym, and a junta owned by a country named like its adjective', () => {
    const x = extract('The Nigerien junta said its troops and Russian mercenaries had secured the mine.', meta);
    expect(parties(x)).toEqual([
      ['Nigerien junta', 'GOVERNMENT_BODY', 'NE'],
      ['Russian mercenaries', 'ARMED_FORCE', 'RU'],
    ]);
    expect(parties(extract("Myanmar's military junta postponed the vote.", meta))).toEqual([
      ['Myanmar military junta', 'GOVERNMENT_BODY', 'MM'],
    ]);
  });

  it('"the army" and "the military" mean a state force, never an armed group named before', () => {
    const x = extract('The Arakan Army said it had taken a border post, but the military said it held the post.', meta);
    expect(x.parties.find((p) => p.name === 'Arakan Army')!.mentions.map((m) => m.text)).toEqual(['The Arakan Army']);
    const y = extract('Kenyan troops crossed the river. The army said two soldiers were hurt.', meta);
    expect(y.parties.map((p) => [p.name, p.mentions.length])).toEqual([['Kenyan troops', 2]]);
  });

  it('a demonym before "Ministry of X" owns it, named as the ministry is elsewhere', () => {
    expect(parties(extract('The Libyan Ministry of Interior said the road was closed.', meta))).toEqual([
      ['Libyan Interior Ministry', 'GOVERNMENT_BODY', 'LY'],
    ]);
    expect(parties(extract('Staff of the Yemeni Ministry of Culture left the museum.', meta))).toEqual([
      ['Yemeni Culture Ministry', 'GOVERNMENT_BODY', 'YE'],
    ]);
    // Not a body that is no state office ("the American Congress of ...").
    expect(names('The American Congress of Surgeons said the rule was unsafe.')).not.toContain(
      'US Congress of Surgeons',
    );
    // A subject the lexicon lacks keeps its own words.
    expect(parties(extract('The Chadian Ministry of Fisheries said the lake was closed.', meta))).toEqual([
      ['Chadian Ministry of Fisheries', 'GOVERNMENT_BODY', 'TD'],
    ]);
  });

  it('airmen and sailors are a force, after a demonym or a unit name', () => {
    expect(parties(extract('French sailors boarded the tanker.', meta))).toEqual([
      ['French sailors', 'ARMED_FORCE', 'FR'],
    ]);
    expect(names('About 200 Guard Airmen left for the Gulf on Monday.')).toEqual(['Guard Airmen']);
  });

  it('two demonyms before one head are two parties', () => {
    const x = extract('Senior Polish and Czech officials met on Tuesday.', meta);
    expect(parties(x)).toEqual([
      ['Polish officials', 'GOVERNMENT_BODY', 'PL'],
      ['Czech officials', 'GOVERNMENT_BODY', 'CZ'],
    ]);
  });

  it('a people named with its state is a group of that state', () => {
    expect(parties(extract('Iraqi Turkmens protested in the city.', meta))).toEqual([
      ['Iraqi Turkmens', 'GROUP', 'IQ'],
    ]);
    expect(parties(extract('Kenyan Somalis voted on Sunday.', meta))).toEqual([['Kenyan Somalis', 'GROUP', 'KE']]);
  });
});

describe('a group referred to by what it is', () => {
  it('"the militant group", "this terrorist organization" are the group named before', () => {
    const x = extract('Hezbollah fired drones at a base. The militant group said the strike was a warning.', meta);
    expect(x.parties.map((p) => [p.name, p.mentions.map((m) => m.text)])).toEqual([
      ['Hezbollah', ['Hezbollah', 'The militant group']],
    ]);
    expect(x.claims[0]?.claimantKey).toBe(x.parties[0]!.key);
    const y = extract('Boko Haram raided the village. Troops vowed to crush this terrorist organization.', meta);
    expect(y.parties.find((p) => p.name === 'Boko Haram')!.mentions).toHaveLength(2);
  });

  it('"the group" is a group known by its own name, never a state body or one named by a head', () => {
    const x = extract('Al-Shabaab claimed the bombing. The group said it killed 20 soldiers.', meta);
    expect(x.parties.map((p) => p.mentions.length)).toEqual([2]);
    // Unresolved, it names no one.
    expect(names('The militant group said it fired rockets.')).toEqual([]);
  });

  it('a rebel or armed group after a people or demonym is a group, with the state the demonym gives', () => {
    expect(parties(extract('A Baloch armed group claimed the attack.', meta))).toEqual([
      ['Baloch armed group', 'GROUP', null],
    ]);
    expect(parties(extract('Syrian rebel groups took the town.', meta))).toEqual([
      ['Syrian rebel groups', 'GROUP', 'SY'],
    ]);
  });

  it('plural groups with a modifier are a side; with none they are not', () => {
    expect(names('Violent extremist groups recruit online.')).toEqual(['violent extremist groups']);
    expect(names('Aid groups warned of famine.')).toEqual([]);
  });
});

describe('gangs, cartels and named operations', () => {
  it('a gang or cartel after a demonym or a place is a group of that country', () => {
    expect(parties(extract('Haitian gangs burned a police station.', meta))).toEqual([
      ['Haitian gangs', 'GROUP', 'HT'],
    ]);
    expect(parties(extract('Gunmen from the Sonora cartel set trucks on fire.', meta))).toEqual([
      ['gunmen', 'GROUP', null],
      ['Sonora cartel', 'GROUP', 'MX'],
    ]);
  });

  it('a named operation is no person', () => {
    expect(names('The raid was part of Operation Desert Lantern, the army said.')).not.toContain(
      'Operation Desert Lantern',
    );
  });
});

describe('states given, sold or sued, and demonyms that are adjectives', () => {
  it('a country that is given, sold or sued something is a state party', () => {
    expect(parties(extract('Norway will give Malawi a grant for schools.', meta))).toEqual([
      ['Norway', 'STATE', 'NO'],
      ['Malawi', 'STATE', 'MW'],
    ]);
    expect(parties(extract('The airline is suing Argentina over the seizure.', meta))).toEqual([
      ['Argentina', 'STATE', 'AR'],
    ]);
  });

  it('a demonym before a noun is an adjective, where the abbreviation is the state', () => {
    expect(names('A Saudi businessman bought the club.')).toEqual([]);
    expect(parties(extract('A U.S. drone hit the depot.', meta))).toEqual([['United States', 'STATE', 'US']]);
  });
});

describe('a role before a titled name is that person', () => {
  it('"<party> spokesman <rank> <name>" is one person of that party', () => {
    const x = extract('Hezbollah spokesman Sheikh Ali Karaki said the strike missed.', meta);
    expect(parties(x)).toEqual([['Ali Karaki', 'PERSON', 'LB']]);
    expect(x.parties[0]!.mentions.map((m) => m.text)).toEqual(['Hezbollah spokesman Sheikh Ali Karaki']);
  });

  it('a role set off by commas before a titled name is the same person', () => {
    const x = extract("Chad's army chief, Gen. Abakar Doumtor, said the border was calm.", meta);
    expect(parties(x)).toEqual([['Abakar Doumtor', 'PERSON', 'TD']]);
  });

  it('a possessive country gives the affiliation of a qualified title', () => {
    expect(parties(extract("Peru's Security Secretary Rosa Quispe said 12 were held.", meta))).toEqual([
      ['Rosa Quispe', 'PERSON', 'PE'],
    ]);
  });

  it('"Sheikh" after a name word is part of the name', () => {
    expect(names('Somali President Abdi Sheikh Warsame said the port was secure.')).toEqual(['Abdi Sheikh Warsame']);
  });
});

describe('people named after a lower-case role', () => {
  it('"candidate X", "exiled cleric X", "former president X" are persons whatever the name lists know', () => {
    expect(names('The board barred candidate Obiora Tandeka from the race.')).toEqual(['Obiora Tandeka']);
    expect(names('Supporters of exiled cleric Haruna Balogwe rallied downtown.')).toContain('Haruna Balogwe');
    expect(names('The court summoned former president Tandu Mbeleko.')).toContain('Tandu Mbeleko');
    expect(names('Supporters of opposition leader Kato Besiyo rallied.')).toEqual(['Kato Besiyo']);
    expect(parties(extract('Sahrawi leader Brahim Ghalli rejected the plan.', meta))).toEqual([
      ['Brahim Ghalli', 'PERSON', 'EH'],
    ]);
  });

  it('a title that is an adjective in lower case names no one ("the private Harbor View suite")', () => {
    expect(names('They rode up to the private Harbor View suite.')).toEqual([]);
    expect(names('It was a major Lakeside Dynamics order.')).toEqual([]);
  });
});

describe('armed groups and operations known by name', () => {
  it('gives their kind and the country they fight in', () => {
    const x = extract(
      'The FARC denied the attack. Kataib Hezbollah claimed a drone strike, and the SBU said it had arrested two men.',
      meta,
    );
    expect(parties(x)).toEqual([
      ['FARC', 'GROUP', 'CO'],
      ['Kataib Hezbollah', 'GROUP', 'IQ'],
      ['Security Service of Ukraine', 'GOVERNMENT_BODY', 'UA'],
    ]);
  });

  it('a body known by its full name keeps its capitals and country', () => {
    expect(parties(extract('The Palestinian Authority condemned the raid.', meta))).toEqual([
      ['Palestinian Authority', 'GOVERNMENT_BODY', 'PS'],
    ]);
  });

  it('dissidents of a known group are a group of their own', () => {
    expect(parties(extract('FARC dissidents ambushed a patrol in Cauca.', meta))).toEqual([
      ['FARC dissidents', 'GROUP', 'CO'],
    ]);
  });

  it('an alias in another language or spelling is the same party', () => {
    const x = extract('The Clan del Golfo ambushed a patrol. Police blamed the Gulf Clan for two more deaths.', meta);
    const clan = x.parties.find((p) => p.name === 'Gulf Clan')!;
    expect([clan.kind, clan.affiliation, clan.mentions.length]).toEqual(['GROUP', 'CO', 2]);
  });

  it('a possessive in the name ("People\'s Defence Force") does not break it', () => {
    const x = extract("Fighters of the People's Defence Force ambushed a convoy, the NUG said.", meta);
    expect(parties(x)).toEqual([
      ['People’s Defence Force', 'ARMED_FORCE', 'MM'],
      ['National Unity Government', 'GOVERNMENT_BODY', 'MM'],
    ]);
  });
});

describe('a known force and its members', () => {
  it('"IDF soldiers", "FARDC troops": the force under its own name, not "Israel Defense Forces soldiers"', () => {
    expect(parties(extract('IDF soldiers entered the camp at dawn.', meta))).toEqual([
      ['Israel Defense Forces', 'ARMED_FORCE', 'IL'],
    ]);
    const x = extract('M23 rebels seized the town as FARDC troops withdrew.', meta);
    expect(x.parties.map((p) => p.name)).toContain('Armed Forces of the Democratic Republic of the Congo');
    // A group's fighters stay named as such: the group is not a force of its own.
    expect(names('Hamas fighters attacked the post.')).toEqual(['Hamas fighters']);
  });
});

describe('ministries of two portfolios', () => {
  it('"the Ministry of Water and Sanitation" is one body; "the Ministry of Defence and Hamas" are two', () => {
    expect(names('The Ministry of Water and Sanitation said supplies were cut.')).toEqual([
      'Ministry of Water and Sanitation',
    ]);
    expect(names('The Ministry of Labour and Social Affairs said 30 workers were missing.')).toEqual([
      'Ministry of Labour and Social Affairs',
    ]);
    expect(names('The Ministry of Defence and Hamas both said talks had failed.')).toEqual([
      'Defense Ministry',
      'Hamas',
    ]);
  });
});

describe('a side named by a common noun is not a known party of that word', () => {
  it('"the coalition" alone is not the Global Coalition to Defeat ISIS; "the Coalition" written as a name is', () => {
    expect(names('The coalition said its jets struck targets near the port.')).not.toContain(
      'Global Coalition to Defeat ISIS',
    );
    expect(names('Gang members from the Viv Ansanm coalition attacked the town.')).not.toContain(
      'Global Coalition to Defeat ISIS',
    );
    expect(names('The Coalition said it struck a vehicle near the river.')).toEqual([
      'Global Coalition to Defeat ISIS',
    ]);
  });
});

describe('mastheads', () => {
  it('"the Daily Star reported": a newspaper named after "Daily" is a medium, not a person', () => {
    const x = extract('Protesters clashed with police, leaving 3 dead, the Daily Star reported.', meta);
    expect(parties(x)).toContainEqual(['Daily Star', 'MEDIA', null]);
    expect(x.parties.some((p) => p.kind === 'PERSON')).toBe(false);
  });
});
