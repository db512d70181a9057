import { describe, expect, it } from 'vitest';
import { extract } from '../lib/extract/index.js';
import { EXTRACTION_LIMITS, MAX_QUANTITY, type Extraction } from '../lib/extract/types.js';

const meta = { publishedAt: '2023-11-20T10:00:00Z' };
const narrated = (x: Extraction) => x.claims.filter((c) => c.mode === 'NARRATED');

describe('narration: the outlet’s own account of events and figures', () => {
  it('"resulting in 9 rebels killed": a NARRATED casualty claim with its place and no claimant', () => {
    const x = extract(
      'Government forces clashed with rebels in Saliboko on Sunday, resulting in 9 rebels killed.',
      meta,
    );
    const [c, ...rest] = narrated(x);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      claimantKey: null,
      cue: null,
      kind: 'CASUALTIES',
      eventDate: '2023-11-19',
      quantities: [{ kind: 'KILLED', value: 9, since: null }],
    });
    expect(c!.locationKeys).toEqual([x.locations.find((l) => l.name === 'Saliboko')!.key]);
  });

  it('"killing 3 militants and 1-2 policemen": both counts, the range with both bounds', () => {
    const [c] = narrated(extract('Gunmen attacked a checkpoint, killing 3 militants and 1-2 policemen.', meta));
    expect(c!.quantities).toEqual([
      { kind: 'KILLED', value: 3, since: null },
      { kind: 'KILLED', value: 1, maxValue: 2, since: null },
    ]);
  });

  it.each([
    ['Two civilians were injured when a shell hit their house.', { kind: 'WOUNDED', value: 2, since: null }],
    ['Dozens of people were killed in the blast.', { kind: 'KILLED', value: 12, since: null }],
    ['At least 12 soldiers died in the ambush.', { kind: 'KILLED', value: 12, since: null }],
    [
      'Between 10 and 15 villagers were abducted overnight.',
      { kind: 'CAPTURED', value: 10, maxValue: 15, since: null },
    ],
  ])('%s', (text, quantity) => {
    expect(narrated(extract(text, meta)).flatMap((c) => c.quantities)).toEqual([quantity]);
  });

  it('a party’s figure stays the party’s: no NARRATED copy of an attributed sentence', () => {
    const x = extract('Five soldiers were killed in the attack, the army said.', meta);
    expect(x.claims.map((c) => c.mode)).toEqual(['INDIRECT']);
    expect(x.claims[0]!.rule).toBe('content-then-source-cue/party');
    expect(extract('Rebels killed 4 soldiers.', meta).claims[0]!.rule).toBe('narration');
    expect(x.claims[0]!.quantities).toEqual([{ kind: 'KILLED', value: 5, since: null }]);
  });

  it.each([
    'Militants torched a school in Saliboko.',
    'Soldiers demolished two homes in Saliboko.',
    'Gunmen set fire to the market in Saliboko.',
    'Gunmen burned 30 houses in Saliboko.',
    'Militiamen burned down a health post in Saliboko.',
    'Rebels burnt the local police station in Saliboko.',
  ])('destruction of property is an attack: %s', (text) => {
    expect(narrated(extract(text, meta)).map((c) => c.kind)).toEqual(['ATTACK']);
  });

  it.each([
    ['Rebels overran an army base near Saliboko.', 'TERRITORIAL_CONTROL'],
    ['Rebel fighters entered Saliboko on Sunday.', 'MOVEMENT'],
    ['Protesters stormed the governor’s office in Saliboko.', 'ATTACK'],
    ['Air defences intercepted two drones over Saliboko.', 'ATTACK'],
    ['Rebels launched a drone attack on Saliboko.', 'ATTACK'],
  ])('%s → %s', (text, kind) => {
    expect(narrated(extract(text, meta)).map((c) => c.kind)).toEqual([kind]);
  });

  it('background with no event makes no claim', () => {
    expect(extract('The town lies in a fertile valley. Its market is famous for apricots.', meta).claims).toEqual([]);
  });
});

describe('a report’s note that it has no figure', () => {
  it.each(['Casualties unknown.', 'No casualties were reported.', 'There were no casualties.', 'No one was hurt.'])(
    '"%s" is no claim; the attack before it is',
    (note) => {
      const x = extract(`On 11 August 2021, Houthi forces launched a drone strike on Marib city. ${note}`);
      expect(x.claims.map((c) => [c.mode, c.kind])).toEqual([['NARRATED', 'ATTACK']]);
    },
  );
});

describe('a figure in the sentence after its event', () => {
  const placeKeys = (x: Extraction, name: string) => [x.locations.find((l) => l.name === name)!.key];

  it('takes the event’s place and date: the outlet’s own figure, and a party’s that names the event back', () => {
    const x = extract(
      'Rebels attacked an army post in Saliboko on Sunday. Twelve soldiers were killed and five injured. ' +
        'The attack was the deadliest this month, the army said.',
      meta,
    );
    const [attack, figure] = x.claims;
    expect(attack).toMatchObject({ mode: 'NARRATED', kind: 'ATTACK', eventDate: '2023-11-19' });
    expect(figure).toMatchObject({
      mode: 'NARRATED',
      kind: 'CASUALTIES',
      eventDate: '2023-11-19',
      quantities: [
        { kind: 'KILLED', value: 12, since: null },
        { kind: 'WOUNDED', value: 5, since: null },
      ],
    });
    expect(figure!.locationKeys).toEqual(placeKeys(x, 'Saliboko'));

    const named = extract('Gunmen ambushed a convoy near Saliboko. The ambush killed 4 soldiers, the army said.', meta);
    expect(named.claims[1]).toMatchObject({ mode: 'INDIRECT', kind: 'CASUALTIES' });
    expect(named.claims[1]!.locationKeys).toEqual(placeKeys(named, 'Saliboko'));
  });

  it('keeps no place for a wider toll, a party’s own count, or a figure two sentences on', () => {
    const wider = extract('Fighting raged in Saliboko. More than 300 people have died since the war began.', meta);
    expect(wider.claims[1]!.locationKeys).toEqual([]);
    const partys = extract('Fighting raged in Saliboko. The ministry said 500 rebels were killed.', meta);
    expect(partys.claims[1]!.locationKeys).toEqual([]);
    const far = extract('Rebels shelled Saliboko. The town lies in a valley. Two civilians were killed.', meta);
    expect(far.claims.at(-1)!.locationKeys).toEqual([]);
  });
});

describe('the outlet’s own figure given twice', () => {
  it('restates the earlier narrated claim of the same counts and places, and only that', () => {
    const x = extract('Gunmen killed 7 civilians in Saliboko. Fatalities: 7.', meta);
    expect(x.claims.map((c) => c.restates)).toEqual([null, 0]);
    const two = extract('Gunmen killed 7 people in Saliboko. In Gusau, gunmen killed 7 farmers.', meta);
    expect(two.claims.map((c) => c.restates)).toEqual([null, null]);
  });
});

describe('counts as reports label them', () => {
  it.each([
    ['Fatalities: 7.', [{ kind: 'KILLED', value: 7, since: null }]],
    [
      'Three people died and 12 were hospitalised.',
      [
        { kind: 'KILLED', value: 3, since: null },
        { kind: 'WOUNDED', value: 12, since: null },
      ],
    ],
    ['Two villagers were taken to hospital after the shelling.', [{ kind: 'WOUNDED', value: 2, since: null }]],
  ])('%s', (text, quantities) => {
    expect(narrated(extract(text, meta)).flatMap((c) => c.quantities)).toEqual(quantities);
  });
});

describe('bounds on what extraction emits', () => {
  it('drops counts above 2^31-1 and numbers of thousands of digits; every value is a finite integer', () => {
    const x = extract(
      `3000000000 soldiers were killed, the army said. ${'9'.repeat(20_000)} people were wounded. Rebels killed 2147483648 troops.`,
      meta,
    );
    const values = x.claims.flatMap((c) => c.quantities.flatMap((q) => [q.value, q.maxValue ?? 0]));
    expect(values).toEqual([]);
    const ok = extract('Rebels killed 2147483647 troops.', meta).claims.flatMap((c) =>
      c.quantities.map((q) => q.value),
    );
    expect(ok).toEqual([MAX_QUANTITY]);
  });

  it('an article of 5,000 "X Ministry said ..." sentences is cut to the limits, and says so', () => {
    // Distinct names, so that every limit is reached: "Gen. Ali Bac said 2 died in Bacville."
    const word = (i: number) => {
      let w = '';
      for (let n = i + 26; n > 0; n = Math.floor(n / 26)) w = 'abcdefghijklmnopqrstuvwxyz'[n % 26] + w;
      return w[0]!.toUpperCase() + w.slice(1);
    };
    const sentences = Array.from({ length: 5000 }, (_, i) => `Gen. Ali ${word(i)} said 2 died in ${word(i)}ville.`);
    const text = sentences.join(' ');
    expect(text.length).toBeLessThan(200 * 1024);
    const x = extract(text, meta);
    expect(x.claims.length).toBeLessThanOrEqual(EXTRACTION_LIMITS.claims);
    expect(x.parties.length).toBeLessThanOrEqual(EXTRACTION_LIMITS.parties);
    expect(x.locations.length).toBeLessThanOrEqual(EXTRACTION_LIMITS.locations);
    expect([...x.truncated].sort()).toEqual(['claims', 'locations', 'parties']);
    // What is kept still holds together: every key a claim uses is emitted.
    const parties = new Set(x.parties.map((p) => p.key));
    const places = new Set(x.locations.map((l) => l.key));
    for (const c of x.claims) {
      if (c.claimantKey) expect(parties.has(c.claimantKey)).toBe(true);
      for (const k of c.locationKeys) expect(places.has(k)).toBe(true);
      if (c.restates !== null) expect(c.restates).toBeLessThan(x.claims.length);
    }
  });

  it('an ordinary article is not truncated', () => {
    expect(extract('Rebels shelled the town on Monday, the army said.', meta).truncated).toEqual([]);
  });
});

describe('what is not a place or a second party', () => {
  it('common nouns and a dateline’s short month are never places', () => {
    const x = extract(
      'GAZA, Nov 20 (Reuters) - Israeli jets struck targets and two bridges in residential areas of Khan Younis, the army said. Fighting spread to other areas.',
      meta,
    );
    // "Israeli jets" names Israel as a demonym, not as a place.
    const places = x.locations.filter((l) => l.mentions.some((m) => m.use === 'PLACE'));
    expect(places.map((l) => l.name).sort()).toEqual(['Gaza', 'Khan Younis']);
  });

  it('"The Armenian Defense Ministry" and "Armenian Defense Ministry" are one party', () => {
    const x = extract(
      'The Armenian Defense Ministry said Azerbaijani forces shelled Stepanakert. Armenian Defense Ministry spokeswoman Shushan Stepanyan said the attack continued.',
      meta,
    );
    expect(x.parties.filter((p) => /Defense Ministry/.test(p.name)).map((p) => p.name)).toEqual([
      'Armenian Defense Ministry',
    ]);
  });
});
