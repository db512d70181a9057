import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extract, EXTRACTOR_VERSION } from '../lib/extract/index.js';
import { datelineLength } from '../lib/extract/sentences.js';
import { foldName } from '../lib/names.js';
import type { ExtractedClaim, Extraction } from '../lib/extract/types.js';

const DATA = fileURLToPath(new URL('fixtures/', import.meta.url));
const gold = JSON.parse(readFileSync(`${DATA}gold/karabakh-shushi.json`, 'utf8'));
const raw = readFileSync(`${DATA}articles/karabakh-shushi.txt`, 'utf8');

function partyNamed(x: Extraction, name: string) {
  return x.parties.find((p) => [p.name, ...p.aliases].some((n) => foldName(n) === foldName(name)));
}

function claimantName(x: Extraction, c: ExtractedClaim): string | null {
  return x.parties.find((p) => p.key === c.claimantKey)?.name ?? null;
}

function findClaim(x: Extraction, claimant: string, contentIncludes: string): ExtractedClaim | undefined {
  const party = partyNamed(x, claimant);
  return x.claims.find((c) => party && c.claimantKey === party.key && c.content.text.includes(contentIncludes));
}

function locationKey(x: Extraction, name: string): string | undefined {
  const g = [...gold.locations.required, ...gold.locations.ambiguous].find((l: { name: string }) => l.name === name);
  const wanted = [name, ...(g?.aliases ?? [])].map(foldName);
  return x.locations.find((l) => [l.name, ...l.aliases].some((n) => wanted.includes(foldName(n))))?.key;
}

describe('extract: the sample article against its gold file', () => {
  const x = extract(raw, gold.input);

  it('cleans the text by the gold rules', () => {
    for (const junk of gold.cleanText.mustNotContain) expect(x.cleanText).not.toContain(junk);
    expect(x.cleanText.startsWith(gold.cleanText.mustStartWith)).toBe(true);
    expect(x.cleanText.endsWith(gold.cleanText.mustEndWith)).toBe(true);
  });

  interface GoldClaim {
    claimant: string;
    cue: string;
    contentIncludes: string;
    kind: string;
    locations?: string[];
    eventDate?: string;
    quantities?: { kind: string; value: number; since?: string }[];
    sameAsClaim?: number;
  }
  (gold.claims.required as GoldClaim[]).forEach((want, i) => {
    it(`finds required claim ${i}: ${want.claimant} — ${want.contentIncludes}`, () => {
      const c = findClaim(x, want.claimant, want.contentIncludes);
      expect(c, `no claim by ${want.claimant} containing "${want.contentIncludes}"`).toBeDefined();
      expect(foldName(c!.cue!.text)).toBe(foldName(want.cue));
      expect(c!.kind).toBe(want.kind);
      if (want.locations)
        expect([...c!.locationKeys].sort()).toEqual(want.locations.map((n) => locationKey(x, n)).sort());
      if (want.eventDate) expect(c!.eventDate).toBe(want.eventDate);
      for (const q of want.quantities ?? []) {
        expect(c!.quantities).toContainEqual({ kind: q.kind, value: q.value, since: q.since ?? null });
      }
      if (want.sameAsClaim !== undefined) {
        const earlier = (gold.claims.required as GoldClaim[])[want.sameAsClaim]!;
        expect(c!.restates).toBe(x.claims.indexOf(findClaim(x, earlier.claimant, earlier.contentIncludes)!));
      }
      expect(x.cleanText.slice(c!.evidence.start, c!.evidence.end)).toContain(c!.content.text);
    });
  });

  it('makes no party claim out of narration', () => {
    for (const n of gold.claims.notClaims) {
      expect(x.claims.filter((c) => c.claimantKey && c.content.text.includes(n.contentIncludes))).toEqual([]);
    }
  });

  it('finds the required parties with kind and affiliation', () => {
    for (const g of gold.parties.required) {
      const p = partyNamed(x, g.name);
      expect(p, g.name).toBeDefined();
      expect(p!.kind).toBe(g.kind);
      expect(p!.affiliation).toBe(g.affiliation);
    }
    // The long form is kept as an alias (without its leading article, which the name index drops).
    expect(partyNamed(x, 'Defense Ministry of the unrecognized region of Nagorno Karabakh')?.name).toBe(
      'Nagorno Karabakh Defense Ministry',
    );
    expect(partyNamed(x, 'Ilham Aliyev')?.aliases).toContain('Azerbaijani President Ilham Aliyev');
    expect(partyNamed(x, 'Azeri forces')?.name).toBe('Azerbaijani forces');
  });

  it('finds every required place and leaves no ambiguous one in the wrong country', () => {
    for (const g of gold.locations.required) expect(locationKey(x, g.name), g.name).toBeDefined();
    for (const a of gold.locations.ambiguous) {
      const l = x.locations.find((k) => k.key === locationKey(x, a.name));
      expect(a.wrongIfCountryCode).not.toContain(l?.countryCode);
    }
  });

  it('gives spans that are offsets into the clean text', () => {
    const spans = [
      ...x.parties.flatMap((p) => p.mentions),
      ...x.locations.flatMap((l) => l.mentions),
      ...x.claims.flatMap((c) => [
        c.content,
        c.evidence,
        ...(c.cue ? [c.cue] : []),
        ...(c.claimantMention ? [c.claimantMention] : []),
      ]),
    ];
    for (const s of spans) expect(x.cleanText.slice(s.start, s.end)).toBe(s.text);
  });

  it('is deterministic and versioned', () => {
    expect(extract(raw, gold.input)).toEqual(x);
    expect(EXTRACTOR_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(x.extractorVersion).toBe(EXTRACTOR_VERSION);
  });
});

describe('extract: other publishers, conflicts and styles', () => {
  const meta = { publishedAt: '2023-11-14T10:00:00Z' };
  const one = (text: string) => {
    const x = extract(text, meta);
    expect(x.claims.length).toBeGreaterThan(0);
    const c = x.claims[0]!;
    return { x, c, claimant: claimantName(x, c) };
  };

  it('Reuters style: content first, "the ministry said in a statement"', () => {
    const { c, claimant, x } = one(
      'Russian forces shelled the city of Kharkiv overnight, killing three civilians, the Ukrainian Defence Ministry said in a statement on Tuesday.',
    );
    expect(claimant).toBe('Ukrainian Defense Ministry');
    expect(partyNamed(x, 'Ukrainian Defense Ministry')?.affiliation).toBe('UA');
    expect(c.cue?.text).toBe('said');
    expect(c.content.text).toBe('Russian forces shelled the city of Kharkiv overnight, killing three civilians');
    expect(c.quantities).toContainEqual({ kind: 'KILLED', value: 3, since: null });
    expect(c.kind).toBe('CASUALTIES');
    expect(c.eventDate).toBe('2023-11-14');
    expect(c.locationKeys).toEqual(['kharkiv']);
  });

  it('"according to the UN"', () => {
    const { c, claimant } = one(
      'More than 1,200 people have been displaced by fighting in El Fasher, according to the United Nations.',
    );
    expect(claimant).toBe('United Nations');
    expect(c.cue?.text).toBe('according to');
    expect(c.content.text).toContain('displaced by fighting in El Fasher');
    expect(c.quantities).toContainEqual({ kind: 'DISPLACED', value: 1200, since: null });
  });

  it('a denial', () => {
    const { c, claimant } = one('The Kremlin denied that its troops had struck a hospital in Kherson.');
    expect(claimant).toBe('Kremlin');
    expect(c.kind).toBe('DENIAL');
    expect(c.content.text).toBe('its troops had struck a hospital in Kherson');
  });

  it('"accused X of"', () => {
    const { c, claimant } = one('Israel accused Hamas of using civilian buildings in Gaza City as command centres.');
    expect(claimant).toBe('Israel');
    expect(c.cue?.text).toBe('accused');
    expect(c.content.text).toContain('Hamas of using civilian buildings');
  });

  it('a direct quote with the cue after it', () => {
    const { c, claimant } = one('"Our forces have repelled the attack," said Farhan Haq, a UN spokesman.');
    expect(claimant).toBe('Farhan Haq');
    expect(c.mode).toBe('DIRECT');
    expect(c.content.text).toBe('Our forces have repelled the attack');
  });

  it('an unnamed spokesman is a source, not a party', () => {
    const { c, claimant } = one('"We will not allow the city to fall," the army spokesman said on Sunday.');
    expect(claimant).toBeNull();
    expect(c.claimantMention?.text).toBe('the army spokesman');
    expect(c.eventDate).toBe('2023-11-12');
  });

  it('Sudan: a claim of control and its denial by the other side', () => {
    const x = extract(
      'The Rapid Support Forces said on Monday they had taken control of Nyala, the capital of South Darfur. The Sudanese army denied the claim.',
      meta,
    );
    expect(x.claims.map((c) => [claimantName(x, c), c.kind])).toEqual([
      ['Rapid Support Forces', 'TERRITORIAL_CONTROL'],
      ['Sudanese Armed Forces', 'DENIAL'],
    ]);
    expect(x.claims[0]!.eventDate).toBe('2023-11-13');
  });

  it('a titled person who "told reporters"', () => {
    const { c, claimant, x } = one(
      'Ukrainian President Volodymyr Zelenskiy told reporters that Russian troops had withdrawn from Kherson.',
    );
    expect(claimant).toBe('Volodymyr Zelenskiy');
    expect(partyNamed(x, 'Volodymyr Zelenskiy')?.affiliation).toBe('UA');
    expect(c.content.text).toBe('Russian troops had withdrawn from Kherson');
    expect(c.kind).toBe('MOVEMENT');
  });

  it('narration yields no party claim: an event is NARRATED with no claimant, background nothing', () => {
    const x = extract(
      'Heavy fighting continued near Bakhmut for a third week. The town lies in the Donetsk region.',
      meta,
    );
    expect(x.claims.map((c) => [c.mode, c.claimantKey, c.kind, c.content.text])).toEqual([
      ['NARRATED', null, 'ATTACK', 'Heavy fighting continued near Bakhmut for a third week.'],
    ]);
  });
});

/** The probe texts: datelines, possessive states, capitals as governments, platforms, denials. */
describe('extract: wire copy from other publishers (datelines, possessives, metonyms)', () => {
  const party = (x: Extraction, key: string | null) => x.parties.find((p) => p.key === key);
  const claimBy = (x: Extraction, claimant: string, kind?: string) =>
    x.claims.find((c) => party(x, c.claimantKey)?.name === claimant && (!kind || c.kind === kind));
  const locationOf = (x: Extraction, name: string) =>
    x.locations.find((l) => [l.name, ...l.aliases].some((n) => foldName(n) === foldName(name)));

  describe('Reuters: Ukraine and Sudan', () => {
    const text = [
      "KYIV, March 3 (Reuters) - Russian forces launched 40 drones at the southern port of Odesa overnight, killing at least five people, Ukraine's air force said on Sunday.",
      '"The enemy is deliberately targeting civilian infrastructure," Odesa regional governor Oleh Kiper wrote on Telegram.',
      "Russia's Defence Ministry said its troops had captured the village of Krasnohorivka in the eastern Donetsk region, a claim Kyiv denied.",
      'According to the United Nations, more than 10,000 civilians have been killed since the invasion began in February 2022.',
      "Separately, Sudan's army accused the Rapid Support Forces of shelling residential areas in El Fasher on Saturday.",
    ].join('\n');
    const x = extract(text, { publishedAt: '2024-03-03T10:00:00Z', publisher: 'Reuters' });

    it('keeps the dateline out of every claim, and its city out of the claim’s places', () => {
      const first = claimBy(x, 'Ukrainian air force')!;
      expect(first.content.text).toBe(
        'Russian forces launched 40 drones at the southern port of Odesa overnight, killing at least five people',
      );
      expect(first.evidence.text.startsWith('Russian forces')).toBe(true);
      for (const c of x.claims) expect(c.content.text).not.toMatch(/KYIV|Reuters\) -/);
      expect(first.locationKeys).toEqual(['odesa']);
      expect(first.quantities).toEqual([{ kind: 'KILLED', value: 5, since: null }]);
      expect(first.eventDate).toBe('2024-03-03');
      // The dateline city is still a place the article mentions, listed under its usual spelling.
      expect(locationOf(x, 'Kyiv')).toMatchObject({ name: 'Kyiv', countryCode: 'UA', precision: 'CITY' });
    });

    it('gives a possessive state as affiliation and canonical demonym ("Russia\'s Defence Ministry")', () => {
      const ministry = partyNamed(x, 'Russian Defense Ministry')!;
      expect(ministry).toMatchObject({ kind: 'GOVERNMENT_BODY', affiliation: 'RU' });
      expect(ministry.aliases).toEqual(
        expect.arrayContaining(['Russian Defence Ministry', "Russia's Defence Ministry"]),
      );
      const claim = claimBy(x, 'Russian Defense Ministry')!;
      expect(claim.kind).toBe('TERRITORIAL_CONTROL');
      expect(claim.content.text).toBe(
        'its troops had captured the village of Krasnohorivka in the eastern Donetsk region',
      );
      expect(claim.locationKeys).toEqual(['krasnohorivka']);
      expect(x.parties.some((p) => p.kind === 'PERSON' && /ministry/i.test(p.name))).toBe(false);
      // The owner state is named as an actor, not as a place.
      expect(locationOf(x, 'Russia')?.mentions.some((m) => m.use === 'ACTOR')).toBe(true);
      expect(locationOf(x, 'Russia')?.mentions.some((m) => m.use === 'PLACE')).toBe(false);
      // Known parties absorb built names: "Sudan's army" is the Sudanese Armed Forces.
      expect(claimBy(x, 'Sudanese Armed Forces')?.cue?.text).toBe('accused');
    });

    it('never makes a platform a place', () => {
      expect(locationOf(x, 'Telegram')).toBeUndefined();
      expect(claimBy(x, 'Oleh Kiper')?.content.text).toBe(
        'The enemy is deliberately targeting civilian infrastructure',
      );
    });

    it('reads a capital that denies as its state, and the denial as a claim of its own', () => {
      const ukraine = partyNamed(x, 'Kyiv')!;
      expect(ukraine).toMatchObject({ name: 'Ukraine', kind: 'STATE', affiliation: 'UA' });
      const denial = claimBy(x, 'Ukraine', 'DENIAL')!;
      expect(denial.cue?.text).toBe('denied');
      expect(denial.claimantMention?.text).toBe('Kyiv');
      expect(denial.content.text).toBe(
        'its troops had captured the village of Krasnohorivka in the eastern Donetsk region',
      );
      // Kyiv is not a place of the Russian claim.
      expect(claimBy(x, 'Russian Defense Ministry')!.locationKeys).not.toContain('kyiv');
    });

    it('resolves "El Fasher" (GeoNames: Al Fashir) in Sudan and a month-and-year "since"', () => {
      expect(locationOf(x, 'El Fasher')).toMatchObject({ countryCode: 'SD', precision: 'CITY' });
      expect(locationOf(x, 'Donetsk region')).toMatchObject({ countryCode: 'UA', precision: 'REGION' });
      const un = claimBy(x, 'United Nations')!;
      expect(un.quantities).toEqual([{ kind: 'KILLED', value: 10000, since: '2022-02-01' }]);
      expect(un.eventDate).toBeNull();
    });
  });

  describe('AP: Lebanon, with a time clause after the source', () => {
    const text = [
      "BEIRUT (AP) — Israeli warplanes struck several villages in southern Lebanon on Tuesday, Lebanon's state news agency said, a day after Hezbollah fired rockets at northern Israel.",
      'Israel\'s military said it had targeted Hezbollah infrastructure near the town of Nabatieh. "We will continue to act against any threat," military spokesman Daniel Hagari told reporters.',
      'The Lebanese Health Ministry said three people were killed and 12 wounded in the strikes, raising the death toll to 250 since the fighting began in October 2023.',
      'Hezbollah denied that its fighters had used civilian homes, in a statement posted on Telegram.',
    ].join('\n');
    const x = extract(text, { publishedAt: '2024-03-03T10:00:00Z', publisher: 'Associated Press' });

    it('takes the content before "X said, a day after ..."', () => {
      const c = claimBy(x, 'Lebanese State News Agency')!;
      expect(partyNamed(x, 'Lebanese State News Agency')).toMatchObject({ kind: 'MEDIA', affiliation: 'LB' });
      expect(c.content.text).toBe('Israeli warplanes struck several villages in southern Lebanon on Tuesday');
      expect(c.eventDate).toBe('2024-02-27');
      expect(c.locationKeys).toEqual(['lebanon']);
    });

    it('maps "Israel\'s military" to the known party and counts since October 2023', () => {
      expect(claimBy(x, 'Israel Defense Forces')?.locationKeys).toEqual(['nabatieh']);
      expect(claimBy(x, 'Lebanese Health Ministry')?.quantities).toContainEqual({
        kind: 'KILLED',
        value: 250,
        since: '2023-10-01',
      });
      expect(locationOf(x, 'Beirut')?.countryCode).toBe('LB');
    });

    it('ends a content before "in a statement posted on Telegram", which is no claim', () => {
      expect(claimBy(x, 'Hezbollah', 'DENIAL')?.content.text).toBe('its fighters had used civilian homes');
      expect(x.claims.filter((c) => c.cue?.text === 'posted')).toEqual([]);
      expect(locationOf(x, 'Telegram')).toBeUndefined();
    });
  });

  describe('AFP: DR Congo, "CITY, Country —" dateline', () => {
    const text = [
      'Goma, Democratic Republic of Congo — M23 rebels have seized the mining town of Rubaya in North Kivu province, local officials said Thursday.',
      '"The rebels entered the town at dawn and the army fled," a civil society leader told AFP by phone.',
      'The Congolese army said it had repelled an attack near Sake, west of Goma, and denied that the town had fallen.',
      'Kinshasa accused Rwanda of backing the M23, a charge Kigali has repeatedly rejected.',
    ].join('\n');
    const x = extract(text, { publishedAt: '2024-05-02T09:00:00Z', publisher: 'AFP' });

    it('drops the dateline from the first claim', () => {
      expect(x.claims[0]!.content.text).toBe('M23 rebels have seized the mining town of Rubaya in North Kivu province');
      expect(x.claims[0]!.claimantMention?.text).toBe('local officials');
    });

    it('takes a quote before "told AFP by phone", and a second cue of one source', () => {
      expect(x.claims[1]!.content.text).toBe('The rebels entered the town at dawn and the army fled');
      const army = x.claims.filter((c) => party(x, c.claimantKey)?.name === 'Congolese army');
      expect(army.map((c) => [c.kind, c.content.text])).toEqual([
        ['ATTACK', 'it had repelled an attack near Sake, west of Goma'],
        ['DENIAL', 'the town had fallen'],
      ]);
      // "west of Goma" is a landmark, not where the attack was; "the town" is the town named before.
      expect(army[0]!.locationKeys).toEqual(['sake']);
      expect(army[1]!.locationKeys).toEqual(['sake']);
    });

    it('reads both capitals as states and "a charge X rejected" as a denial', () => {
      expect(partyNamed(x, 'Kinshasa')).toMatchObject({ kind: 'STATE', affiliation: 'CD' });
      expect(partyNamed(x, 'Kigali')).toMatchObject({ name: 'Rwanda', kind: 'STATE', affiliation: 'RW' });
      expect(claimBy(x, 'Rwanda', 'DENIAL')?.content.text).toBe('Rwanda of backing the M23');
      expect(x.claims.find((c) => c.cue?.text === 'accused')?.content.text).toBe('Rwanda of backing the M23');
    });
  });

  describe('Al Jazeera: Sudan, "Ministry of Defence" and a denial of "the claim"', () => {
    const text = [
      'KHARTOUM, Sudan, April 16 — The Rapid Support Forces said on Sunday they had taken control of the airport in Al-Geneina, the capital of West Darfur state.',
      "Sudan's Ministry of Defence dismissed the claim as propaganda and said the army remained in control of the city.",
      'Moscow said it was deeply concerned by the fighting, while Washington urged both sides to agree to a ceasefire.',
      "The army's spokesman, Nabil Abdallah, told Al Jazeera that more than 300 fighters had been captured since April 2023.",
    ].join('\n');
    const x = extract(text, { publishedAt: '2024-04-16T15:00:00Z', publisher: 'Al Jazeera' });

    it('names "Sudan\'s Ministry of Defence" the Sudanese Defense Ministry, and its denial denies the RSF claim', () => {
      expect(partyNamed(x, 'Sudanese Defense Ministry')).toMatchObject({ kind: 'GOVERNMENT_BODY', affiliation: 'SD' });
      const rsf = claimBy(x, 'Rapid Support Forces')!;
      const denial = claimBy(x, 'Sudanese Defense Ministry', 'DENIAL')!;
      expect(denial.content).toEqual(rsf.content);
      expect(denial.evidence.text).toContain(rsf.evidence.text);
      expect(denial.locationKeys).toEqual(['al geneina']);
      expect(claimBy(x, 'Sudanese Defense Ministry', 'TERRITORIAL_CONTROL')?.locationKeys).toEqual(['al geneina']);
    });

    it('reads capitals acting as their states, and cuts the narrator\'s "while" clause', () => {
      expect(claimBy(x, 'Russia')?.content.text).toBe('it was deeply concerned by the fighting');
      expect(partyNamed(x, 'Washington')).toMatchObject({ name: 'United States', kind: 'STATE' });
      expect(locationOf(x, 'Washington')?.mentions.map((m) => [m.text, m.use])).toEqual([['Washington', 'ACTOR']]);
    });

    it('finds a name set off by commas after a role, and "since April 2023"', () => {
      const c = claimBy(x, 'Nabil Abdallah')!;
      expect(c.cue?.text).toBe('told');
      expect(c.quantities).toEqual([{ kind: 'CAPTURED', value: 300, since: '2023-04-01' }]);
      expect(x.claims.some((k) => party(x, k.claimantKey)?.name === 'Al Jazeera')).toBe(false);
    });
  });

  it('an unowned "Defence Ministry" is never a person: it is the ministry named before, or one of its own', () => {
    const alone = extract('The Defence Ministry said troops had repelled an attack.', {
      publishedAt: '2024-03-03T10:00:00Z',
    });
    expect(alone.parties).toEqual([expect.objectContaining({ name: 'Defense Ministry', kind: 'GOVERNMENT_BODY' })]);
    const after = extract(
      'The Ukrainian Defence Ministry reported heavy fighting. Later the Defence Ministry said troops had repelled an attack.',
      { publishedAt: '2024-03-03T10:00:00Z' },
    );
    expect(after.parties.map((p) => p.name)).toEqual(['Ukrainian Defense Ministry']);
    expect(after.claims.at(-1)?.claimantKey).toBe(after.parties[0]!.key);
  });

  it('countries as actors are parties, not places; as settings they are places', () => {
    const x = extract(
      'The United States and Iraq signed a loan guarantee. Washington will support Iraq as the people of Iraq rebuild. Aid arrived in Iraq and in northern Syria.',
      {},
    );
    const iraq = locationOf(x, 'Iraq')!;
    // Every naming is a mention of Iraq; only the setting ("in Iraq") uses it as a place.
    expect(iraq.mentions.map((m) => m.use)).toEqual(['ACTOR', 'ACTOR', 'ACTOR', 'PLACE']);
    expect(iraq.mentions.filter((m) => m.use === 'PLACE').map((m) => m.text)).toEqual(['Iraq']);
    expect(locationOf(x, 'United States')?.mentions.map((m) => [m.text, m.use])).toEqual([['United States', 'ACTOR']]);
    expect(locationOf(x, 'Syria')!.mentions.map((m) => m.text)).toEqual(['northern Syria']);
    expect(partyNamed(x, 'Iraq')).toMatchObject({ kind: 'STATE', affiliation: 'IQ' });
    expect(partyNamed(x, 'Iraqi people')?.mentions.map((m) => m.text)).toEqual(['the people of Iraq']);
  });

  it('place spans take their qualifier and introducing words; sites are not places', () => {
    const x = extract(
      'Coalition aircraft destroyed an ISIL-held building and two bridges near Mosul, Iraq, the command said. Fighting continued in the Iraqi city of Tal Afar.',
      {},
    );
    expect(locationOf(x, 'Mosul')?.mentions.map((m) => m.text)).toEqual(['Mosul, Iraq']);
    expect(locationOf(x, 'Tal Afar')?.mentions.map((m) => m.text)).toEqual(['the Iraqi city of Tal Afar']);
    expect(x.locations.filter((l) => l.precision === 'UNRESOLVED')).toEqual([]);
    expect(x.sites.map((s) => s.text)).toEqual(['an ISIL-held building', 'two bridges']);
    expect(x.claims[0]!.locationKeys).toEqual(['mosul']);
  });
});

describe('extract: bodies named by who runs them, capitals as actors', () => {
  it('"the Hamas-run health ministry said" is a source with an affiliation', () => {
    const x = extract('Israeli strikes on Gaza City killed 30 people, the Hamas-run health ministry said.', {
      publishedAt: '2024-03-03T10:00:00Z',
    });
    expect(x.claims[0]).toMatchObject({
      kind: 'CASUALTIES',
      content: expect.objectContaining({ text: 'Israeli strikes on Gaza City killed 30 people' }),
    });
    expect(x.parties.find((p) => p.key === x.claims[0]!.claimantKey)).toMatchObject({
      kind: 'GOVERNMENT_BODY',
      affiliation: 'PS',
    });
  });

  it('a capital that acts is its state even when a bigger town has its name as an alias', () => {
    const x = extract("Pakistan's foreign ministry said Islamabad had summoned the Afghan envoy.", {});
    expect(x.parties.find((p) => p.aliases.includes('Islamabad'))).toMatchObject({ name: 'Pakistan', kind: 'STATE' });
    // Named only as actors and a demonym: no place where anything happens.
    expect(x.locations.flatMap((l) => l.mentions.map((m) => [m.text, m.use]))).toEqual([
      ['Pakistan', 'ACTOR'],
      ['Islamabad', 'ACTOR'],
      ['Afghan', 'DEMONYM'],
    ]);
    expect(x.claims.flatMap((c) => c.locationKeys)).toEqual([]);
  });
});

describe('datelines', () => {
  it('recognises the wire and newspaper forms', () => {
    for (const line of [
      'KYIV, March 3 (Reuters) - Russian forces',
      'GAZA CITY (AP) — Israeli strikes',
      'Kharkiv, Ukraine — Russian forces',
      'BEIRUT, Lebanon, Oct. 5 — Israeli jets',
      'WASHINGTON — The Pentagon',
      'MOSCOW, Feb 24 (Reuters) -- The Kremlin',
      'Goma, Democratic Republic of Congo — Rebels',
      'Port Sudan (AFP) – The army',
    ]) {
      const n = datelineLength(line);
      expect(n, line).toBeGreaterThan(0);
      expect(line.slice(n), line).toMatch(/^[A-Z]/);
    }
  });

  it('leaves ordinary sentences with dashes alone', () => {
    for (const line of [
      'Russian forces — backed by artillery — advanced.',
      'Kyiv — the capital — was hit again.',
      'The ministry said - without evidence - that it won.',
      'Heavy fighting - the worst in weeks - continued.',
      'Zelenskiy - who spoke in Kyiv - said the front held.',
    ])
      expect(datelineLength(line), line).toBe(0);
  });
});
