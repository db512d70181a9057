import { describe, expect, it } from 'vitest';
import { extract } from '../lib/extract/index.js';
import type { Extraction } from '../lib/extract/types.js';

const meta = { publishedAt: '2023-11-20T10:00:00Z' };
const parties = (x: Extraction) => x.parties.map((p) => [p.name, p.kind, p.affiliation]);
const claimant = (x: Extraction, i = 0) =>
  x.parties.find((p) => p.key === x.claims.filter((c) => c.mode !== 'NARRATED')[i]?.claimantKey)?.name;

describe('parties as conflict reporting names them', () => {
  it('pro-, anti- and -led forms, with the affiliation the text gives', () => {
    const x = extract(
      'Pro-Houthi forces and anti-Houthi National Resistance forces clashed near Hays. The Saudi-led coalition said it struck Sanaa.',
      meta,
    );
    expect(parties(x)).toEqual([
      ['Pro-Houthi forces', 'ARMED_FORCE', 'YE'],
      ['National Resistance forces', 'ARMED_FORCE', null],
      ['Saudi-led coalition', 'ARMED_FORCE', 'SA'],
    ]);
    expect(claimant(x)).toBe('Saudi-led coalition');
  });

  it('"forces of X" and "X separatists / rebels / forces" for names no lexicon has', () => {
    const x = extract(
      'Military forces of Artsakh said they repelled an attack. Ambazonian separatists killed 3 soldiers. Maoist rebels ambushed a patrol. NAS forces said they took the town. Mai-Mai militiamen burned a clinic.',
      meta,
    );
    expect(x.parties.map((p) => p.name)).toEqual([
      'Artsakh forces',
      'Ambazonian separatists',
      'Maoist rebels',
      'NAS forces',
      'Mai-Mai militiamen',
    ]);
    expect(claimant(x, 0)).toBe('Artsakh forces');
    expect(claimant(x, 1)).toBe('NAS forces');
    const more = extract('Suspected ELN guerrillas bombed a road. FARC dissidents and Fulani gunmen denied it.', meta);
    expect(more.parties.map((p) => [p.name, p.kind])).toEqual([
      ['ELN guerrillas', 'GROUP'],
      ['FARC dissidents', 'GROUP'],
      ['Fulani gunmen', 'GROUP'],
    ]);
  });

  it('a state is the speaker with a time before its verb ("Nigeria today announced", "Israel on Sunday said")', () => {
    expect(claimant(extract('Nigeria today announced that it would withdraw its troops.', meta))).toBe('Nigeria');
    expect(claimant(extract('Israel on Sunday said it had struck the depot.', meta))).toBe('Israel');
    // A regular past tense the lexicon lists only as its infinitive ("accepted", "rejected").
    expect(extract('Denmark accepted the formula.', meta).parties.map((p) => [p.name, p.kind])).toEqual([
      ['Denmark', 'STATE'],
    ]);
    // An abbreviation in capitals opens a sentence as a name, not as the word "us".
    expect(claimant(extract('US authorities said the ship was hit.', meta))).toBe('US authorities');
    // So is a short aside set off by commas; a list of names is none.
    expect(claimant(extract('Moscow, meanwhile, insists the strike hit only military targets.', meta))).toBe('Russia');
    expect(claimant(extract('Kyiv, for its part, said the strike hit a school.', meta))).toBe('Ukraine');
  });

  it('"Officials in Tigray said": the officials of a place the gazetteer knows are a body of that place', () => {
    const x = extract('Officials in Tigray said the road was cut. Officials in the capital said nothing new.', meta);
    expect(x.parties.map((p) => [p.name, p.kind, p.affiliation])).toEqual([
      ['Tigray officials', 'GOVERNMENT_BODY', 'ET'],
    ]);
    expect(x.claims[0]!.claimantKey).toBe('tigray officials');
  });

  it('a name no lexicon knows, speaking, is a person ("Zelensky said"); a word or a place is not', () => {
    const x = extract(
      'Later, Vorontsov said the bridge had held. Officials said it was closed. Moscow said the talks would go on.',
      meta,
    );
    expect(x.parties.map((p) => [p.name, p.kind])).toEqual([
      ['Vorontsov', 'PERSON'],
      ['Russia', 'STATE'],
    ]);
    expect(x.claims.map((c) => c.claimantKey)).toEqual(['vorontsov', null, 'russia']);
  });

  it('"the group" is a force that is no state’s; "RSF positions" are the RSF', () => {
    const x = extract(
      'The army struck RSF positions in Kutum. The RSF denied it. In a statement, the group said its fighters held the town.',
      meta,
    );
    expect(x.parties.map((p) => p.name)).not.toContain('Rapid Support Forces positions');
    expect(x.parties.map((p) => p.name)).toContain('Rapid Support Forces');
    const byGroup = x.claims.find((c) => c.claimantMention?.text === 'the group');
    expect(byGroup?.claimantKey).toBe('rapid support forces');
    // The army is a state's force: never "the group".
    const army = extract('Sudanese troops shelled the town. In a statement, the group said it had lost no one.', meta);
    expect(army.claims.find((c) => c.claimantMention?.text === 'the group')?.claimantKey ?? null).toBe(null);
  });

  it('an acronym in brackets is the party before it, and never a place', () => {
    const x = extract(
      'Fighters of the National Liberation Army (ELN) attacked a base in Arauca. The ELN said it would fight on.',
      meta,
    );
    expect(x.parties.map((p) => p.name)).toEqual(['National Liberation Army']);
    expect(x.locations.map((l) => l.name)).toEqual(['Arauca']);
    expect(claimant(x)).toBe('National Liberation Army');
  });

  it('a body named by its level and head keeps the claim it makes', () => {
    const x = extract(
      'Local authorities said gunmen planted the bomb. Two shops burned, the district police said.',
      meta,
    );
    expect(parties(x)).toEqual([
      ['Local authorities', 'GOVERNMENT_BODY', null],
      ['gunmen', 'GROUP', null],
      ['District police', 'GOVERNMENT_BODY', null],
    ]);
    expect(claimant(x, 0)).toBe('Local authorities');
    expect(claimant(x, 1)).toBe('District police');
    // A level adjective before another noun names no body.
    expect(extract('The convoy carried military hardware and local produce.', meta).parties).toEqual([]);
  });

  it('sides named by a common noun, with their modifiers; a bare count of soldiers or forces is none', () => {
    const x = extract(
      'Enemy forces withdrew after an airstrike killed 14 insurgents. The international community condemned the attack. Forces moved and 3 soldiers died.',
      meta,
    );
    expect(x.parties.map((p) => p.name)).toEqual(['enemy forces', 'insurgents', 'international community']);
    expect(x.parties.find((p) => p.name === 'enemy forces')?.kind).toBe('ARMED_FORCE');
  });

  it('units with their ordinal, "U.S.-led" forces, and a country before a noun acting', () => {
    const x = extract(
      'Pilots from the 122nd Fighter Wing joined the U.S.-led coalition. A U.K. strike hit a depot on U.K. soil.',
      meta,
    );
    expect(x.parties.map((p) => [p.name, p.mentions[0]!.text])).toEqual([
      ['122nd Fighter Wing', 'the 122nd Fighter Wing'],
      expect.arrayContaining(['the U.S.-led coalition']),
      ['United Kingdom', 'U.K.'],
    ]);
    // "U.K. soil" is land, not an actor: one mention of the United Kingdom only.
    expect(x.parties.find((p) => p.name === 'United Kingdom')?.mentions).toHaveLength(1);
    expect(x.parties[1]!.affiliation).toBe('US');
  });

  it('names behind a joined al-, and a person known later by the surname after it', () => {
    const x = extract(
      'Defence Minister Khalid al-Obeidi visited al-Shabaab strongholds. Later, Obeidi said the group had fled.',
      meta,
    );
    const minister = x.parties.find((p) => p.name === 'Khalid al-Obeidi');
    expect(minister?.mentions.map((m) => m.text)).toEqual(['Defence Minister Khalid al-Obeidi', 'Obeidi']);
    expect(claimant(x)).toBe('Khalid al-Obeidi');
  });

  it('a surname that is also a word is the person at the start of a sentence too, not before "the"', () => {
    const x = extract(
      'Pentagon spokesman Peter Cook told reporters that two strikes hit the compound. Cook said the campaign was progressing. Cook the books, critics said.',
      meta,
    );
    const cook = x.parties.find((p) => p.name === 'Peter Cook');
    expect(cook?.mentions.map((m) => m.text)).toEqual(['Pentagon spokesman Peter Cook', 'Cook']);
    expect(claimant(x, 1)).toBe('Peter Cook');
  });

  it('invisible format characters (a left-to-right mark) do not split a title from its name', () => {
    const x = extract('Iraqi Prime Minister\u200e Haider al-Abadi said the offensive would go on.', meta);
    expect(x.parties.map((p) => [p.name, p.affiliation])).toEqual([['Haider al-Abadi', 'IQ']]);
    expect(claimant(x)).toBe('Haider al-Abadi');
  });

  it('a mixed-case acronym is an armed group, never a place that shares its letters', () => {
    // No lexicon has "FADa"; the gazetteer has Fada, a town of Chad.
    const x = extract('FADa soldiers repelled an attack near Boni. The FADa said 12 assailants were killed.', meta);
    expect(x.locations.map((l) => l.name)).toEqual(['Boni']);
    // The assailants are a side of their own, named by what they did.
    expect(x.parties.map((p) => p.name)).toEqual(['FADa soldiers', 'FADa', 'assailants']);
    expect(claimant(x)).toBe('FADa');
  });
});

describe('references and units', () => {
  it('a title referred back to before a preposition or "and" is the person named before', () => {
    const x = extract(
      'Defense Secretary Lloyd Austin met Iraqi Prime Minister Mohammed Shia al-Sudani. The secretary thanked the prime minister for his support.',
      meta,
    );
    expect(x.parties.map((p) => [p.name, p.mentions.map((m) => m.text)])).toEqual([
      ['Lloyd Austin', ['Defense Secretary Lloyd Austin', 'The secretary']],
      ['Mohammed Shia al-Sudani', ['Iraqi Prime Minister Mohammed Shia al-Sudani', 'the prime minister', 'his']],
    ]);
  });

  it('teams and units are sides only with what kind they are', () => {
    const x = extract('Strikes hit two mortar teams and a tactical unit. The housing units were empty.', meta);
    expect(x.parties.map((p) => p.name)).toEqual(['mortar teams', 'tactical unit']);
  });
});

describe('claims that keep their claimant', () => {
  it('"claimed responsibility" is the group’s claim about the attack; "claimed the lives" is none', () => {
    const x = extract('The ADF claimed responsibility for the ambush near Beni on Tuesday.', meta);
    expect(claimant(x)).toBe('ADF');
    const [c] = x.claims;
    expect([c!.mode, c!.cue?.text, c!.content.text, c!.kind]).toEqual([
      'INDIRECT',
      'claimed',
      'responsibility for the ambush near Beni on Tuesday',
      'ATTACK',
    ]);
    const fire = extract('The fire claimed the lives of 4 people.', meta);
    expect(fire.claims.map((k) => k.mode)).toEqual(['NARRATED']);
  });

  it('a side named by a common noun claims its own figures', () => {
    const x = extract('Rebel forces claimed to have killed 7 soldiers in the raid.', meta);
    expect(claimant(x)).toBe('rebel forces');
    expect(x.claims[0]!.quantities.map((q) => q.value)).toEqual([7]);
  });

  it('"Palestinian leaders", "Afghan rebel leaders": leaders named by their people speak as a body of it', () => {
    const x = extract(
      'Palestinian leaders said they would boycott the talks. Afghan rebel leaders said they would meet the mediator.',
      meta,
    );
    expect(parties(x)).toEqual([
      ['Palestinian leaders', 'GOVERNMENT_BODY', 'PS'],
      ['Afghan rebel leaders', 'GROUP', 'AF'],
    ]);
    expect([claimant(x, 0), claimant(x, 1)]).toEqual(['Palestinian leaders', 'Afghan rebel leaders']);
  });

  it('an unnamed official or spokesman of a body named before the role speaks for that body', () => {
    const x = extract(
      'A senior Zambian government official said the talks failed. An Iraqi military spokesman said the town was retaken. French border police said 40 migrants were detained.',
      meta,
    );
    expect([claimant(x, 0), claimant(x, 1), claimant(x, 2)]).toEqual([
      'Zambian government',
      'Iraqi military',
      'French border police',
    ]);
    expect(x.claims[0]!.claimantMention?.text).toBe('Zambian government official');
  });

  it('"police said", "prosecutors said" with no body named: the service of the country the claim (or the article) is in', () => {
    const kashmir = extract('Two militants were killed in an encounter in Kulgam on Sunday, police said.', meta);
    expect(parties(kashmir)).toContainEqual(['Indian police', 'GOVERNMENT_BODY', 'IN']);
    expect(claimant(kashmir)).toBe('Indian police');
    const later = extract(
      'A man was stabbed in Leeds on Friday. A police spokesman said a teenager was arrested.',
      meta,
    );
    expect(claimant(later)).toBe('British police');
    const mexico = extract(
      'Gunmen killed seven people at a party in Ciudad Obregon, Sonora state, prosecutors said.',
      meta,
    );
    expect(claimant(mexico)).toBe('Mexican prosecutors');
    const borno = extract(
      'A bomb killed 19 people at a market in Konduga, Borno state, emergency officials said.',
      meta,
    );
    expect(claimant(borno)).toBe('Nigerian emergency services');
    // Opening a sentence, a role's plural is no person's name ("Sanders said" still is).
    const opening = extract(
      'A man was shot dead in Guadalajara on Sunday. Prosecutors said he was a police officer.',
      meta,
    );
    expect(claimant(opening)).toBe('Mexican prosecutors');
    expect(claimant(extract('Sanders said the bill would pass.', meta))).toBe('Sanders');
    // A health or interior ministry works in its own country too.
    const rafah = extract('Israeli strikes killed 30 people in Rafah overnight, the health ministry said.', meta);
    expect(claimant(rafah)).toBe('Palestinian health ministry');
    expect(claimant(extract('Police arrested 15 suspects in Karachi, the interior ministry said.', meta))).toBe(
      'Pakistani interior ministry',
    );
    // A body named by its level alone is of that country too, not one party of every article.
    const jalalabad = extract('Local authorities said militants planted the bomb in Jalalabad.', meta);
    expect(parties(jalalabad)).toContainEqual(['Afghan local authorities', 'GOVERNMENT_BODY', 'AF']);
    expect(jalalabad.parties.map((p) => p.name)).not.toContain('Local authorities');
    expect(claimant(jalalabad)).toBe('Afghan local authorities');
    // An office with no name is the holder of the one place of its kind the claim is about.
    const bryansk = extract(
      'Drones struck an oil depot in the Bryansk region early Sunday, the regional governor said.',
      meta,
    );
    expect(parties(bryansk)).toContainEqual(['Bryansk governor', 'PERSON', 'RU']);
    expect(claimant(extract('Missiles hit Kharkiv overnight, the mayor said.', meta))).toBe('Kharkiv mayor');
    expect(claimant(extract('Missiles hit Kyiv and Lviv overnight, the mayor said.', meta))).toBeUndefined();
    // Places in two countries, or none: whose police is not known.
    expect(claimant(extract('Strikes hit Rafah and Beirut, police said.', meta))).toBeUndefined();
    expect(claimant(extract('Two men were arrested on Friday, police said.', meta))).toBeUndefined();
    // Armies speak about other countries' ground as often as their own: left to the text.
    expect(claimant(extract('The army said it killed 12 insurgents near Maiduguri.', meta))).toBeUndefined();
  });

  it('a name after a role is one person with the role’s affiliation: "Houthi spokesman Yahya Saree"', () => {
    const x = extract(
      'Houthi spokesman Yahya Saree said the group targeted a ship. Russian Foreign Ministry spokeswoman Maria Zakharova said Moscow would respond.',
      meta,
    );
    expect(parties(x)).toEqual([
      ['Yahya Saree', 'PERSON', 'YE'],
      ['Russian Foreign Ministry', 'GOVERNMENT_BODY', 'RU'],
      ['Maria Zakharova', 'PERSON', 'RU'],
      ['Russia', 'STATE', 'RU'],
    ]);
    expect([claimant(x, 0), claimant(x, 1)]).toEqual(['Yahya Saree', 'Maria Zakharova']);
    const head = extract("Kyiv's military administration head Serhiy Popko said debris fell on a school.", meta);
    expect(head.parties.find((p) => p.name === 'Serhiy Popko')?.affiliation).toBe('UA');
  });
});

describe('armed forces and groups by the names conflict reporting gives them', () => {
  it('national forces by their acronyms, armed groups by their own names, each with its country', () => {
    const x = extract(
      'JNIM militants attacked a FAMa position near Dioura. The FARDC said it repelled CODECO fighters. ISPR said Pakistani troops killed three TTP militants.',
      meta,
    );
    expect(parties(x)).toEqual(
      expect.arrayContaining([
        ['JNIM militants', 'GROUP', 'ML'],
        ['Malian Armed Forces', 'ARMED_FORCE', 'ML'],
        ['Armed Forces of the Democratic Republic of the Congo', 'ARMED_FORCE', 'CD'],
        ['CODECO fighters', 'ARMED_FORCE', 'CD'],
        ['Inter-Services Public Relations', 'GOVERNMENT_BODY', 'PK'],
        ['Tehrik-i-Taliban Pakistan militants', 'GROUP', 'PK'],
      ]),
    );
  });

  it('a body of a known party is named as the text writes it: "Houthi forces", not "Houthis forces"', () => {
    const x = extract('Houthi forces launched drones at Eilat, the Israeli army said.', meta);
    expect(parties(x)).toContainEqual(['Houthi forces', 'ARMED_FORCE', 'YE']);
    expect(x.claims[0]!.kind).toBe('ATTACK');
  });

  it('a known party named like a place abroad is no mention of that place: "Fano militia" is not Fano, Italy', () => {
    const x = extract('Fano militia burnt down a health post in Debre Markos on Friday.', meta);
    expect(parties(x)).toEqual([['Fano', 'GROUP', 'ET']]);
    expect(x.locations.map((l) => l.name)).toEqual(['Debre Markos']);
  });
});

describe('claimants named by what they are', () => {
  it('a news outlet named before or after its description is a MEDIA party', () => {
    const a = extract('The talks will resume on Monday, Vesta-Pol news agency said.', meta);
    expect(claimant(a)).toBe('Vesta-Pol');
    expect(a.parties.find((p) => p.name === 'Vesta-Pol')?.kind).toBe('MEDIA');
    const b = extract('The talks will resume on Monday, the official Georgian news agency Sakpress said today.', meta);
    expect(claimant(b)).toBe('Sakpress');
    // Its demonym says whose outlet it is.
    expect(b.parties.find((p) => p.name === 'Sakpress')?.affiliation).toBe('GE');
  });

  it('a body named in full in title case is a party; its acronym and apposition are left out', () => {
    const x = extract(
      'Teachers will strike on Monday, said the Lakeland Union of Teachers (LUT), the umbrella union for teachers.',
      meta,
    );
    expect(claimant(x)).toBe('Lakeland Union of Teachers');
    const y = extract('Clinics ran out of insulin, according to the Danish Agency for Rural Health.', meta);
    expect(claimant(y)).toBe('Danish Agency for Rural Health');
  });

  it('a spokesman for a body or a person speaks for it; a role taken for a name gives way to the body', () => {
    const x = extract('The talks failed, a spokesman for Mayor Ines Calder said.', meta);
    expect(claimant(x)).toBe('Ines Calder');
    const y = extract('Arms sales went on last year, a State Department Spokesman said Wednesday.', meta);
    expect(claimant(y)).toMatch(/State Department/);
  });

  it('sources that name no one stay without a party', () => {
    for (const source of [
      'security sources',
      'witnesses',
      'an Egyptian newspaper',
      'a news agency',
      'military sources',
    ]) {
      const x = extract(`The town was shelled overnight, ${source} said.`, meta);
      const [c] = x.claims.filter((k) => k.mode !== 'NARRATED');
      expect(c?.claimantMention?.text).toBe(source);
      expect(c?.claimantKey).toBeNull();
    }
  });
});
