import { describe, expect, it } from 'vitest';
import {
  deletionMap,
  median,
  parseBrat,
  parseGeoparsingXml,
  alignedStart,
  polnearFigures,
  predictedSpans,
  prf,
  re3dGold,
  scoreGeoparsing,
  scoreGold,
  scorePolnear,
  scoreSpans,
  scorePloverRecord,
  sourceType,
  speechCueType,
  type GoldFile,
} from '../lib/eval.js';
import type { ExtractedLocation, Extraction } from '../lib/extract/types.js';

const span = (text: string, part: string) => {
  const start = text.indexOf(part);
  return { start, end: start + part.length, text: part };
};

describe('span scoring', () => {
  it('counts exact and overlapping matches', () => {
    const gold = [
      { start: 0, end: 10 },
      { start: 20, end: 25 },
      { start: 40, end: 50 },
    ];
    const predicted = [
      { start: 0, end: 10 },
      { start: 21, end: 30 },
      { start: 60, end: 70 },
    ];
    const s = scoreSpans(gold, predicted);
    expect(s.exact).toEqual({ tp: 1, fp: 2, fn: 2 });
    expect(s.overlap).toEqual({ tp: 2, fp: 1, fn: 1 });
    expect(prf(s.overlap).f1).toBeCloseTo(2 / 3);
  });

  it('keeps entities of confidence >= 0.5 and the most confident type of a span', () => {
    const g = re3dGold([
      { documentId: 'd', begin: 0, end: 5, type: 'Organisation', confidence: 0.9 },
      { documentId: 'd', begin: 0, end: 5, type: 'Location', confidence: 0.6 },
      { documentId: 'd', begin: 10, end: 15, type: 'Location', confidence: 0.7 },
      { documentId: 'd', begin: 20, end: 25, type: 'Person', confidence: 0.4 },
      { documentId: 'd', begin: 30, end: 35, type: 'Weapon', confidence: 1 },
    ]);
    expect(g.parties).toEqual([{ start: 0, end: 5 }]);
    expect(g.locations).toEqual([{ start: 10, end: 15 }]);
  });
});

describe('gold file scoring', () => {
  const text = 'The Army said rebels shelled Townville on Monday. The fighting was fierce.';
  const x: Extraction = {
    extractorVersion: 't',
    cleanText: text,
    parties: [
      {
        key: 'army',
        name: 'Army',
        aliases: [],
        kind: 'ARMED_FORCE',
        affiliation: 'XX',
        mentions: [span(text, 'The Army')],
      },
    ],
    locations: [
      {
        key: 'townville',
        name: 'Townville',
        aliases: [],
        latitude: 10,
        longitude: 10.1,
        countryCode: 'XX',
        precision: 'CITY',
        geonamesId: null,
        candidates: [],
        mentions: [span(text, 'Townville')],
      },
    ],
    sites: [],
    truncated: [],
    claims: [
      {
        claimantKey: 'army',
        claimantMention: span(text, 'The Army'),
        cue: span(text, 'said'),
        content: span(text, 'rebels shelled Townville on Monday'),
        evidence: span(text, 'The Army said rebels shelled Townville on Monday.'),
        mode: 'INDIRECT',
        kind: 'ATTACK',
        locationKeys: ['townville'],
        eventDate: '2024-01-01',
        quantities: [],
        restates: null,
      },
      {
        claimantKey: 'army',
        claimantMention: null,
        cue: null,
        content: span(text, 'The fighting was fierce'),
        evidence: span(text, 'The fighting was fierce.'),
        mode: 'INDIRECT',
        kind: 'OTHER',
        locationKeys: [],
        eventDate: null,
        quantities: [],
        restates: null,
      },
    ],
  };
  const gold: GoldFile = {
    article: 'a.txt',
    input: {},
    cleanText: { mustStartWith: 'The Army', mustEndWith: 'fierce.', mustNotContain: ['[ad_1]'] },
    parties: { required: [{ name: 'Army', kind: 'ARMED_FORCE', affiliation: 'XX' }, { name: 'Rebels' }], allowed: [] },
    locations: { required: [{ name: 'Townville', lat: 10, lon: 10 }] },
    claims: {
      required: [
        {
          claimant: 'army',
          cue: 'said',
          contentIncludes: 'shelled Townville',
          kind: 'ATTACK',
          locations: ['Townville'],
          eventDate: '2024-01-02',
        },
      ],
      notClaims: [{ contentIncludes: 'fighting was fierce' }],
    },
  };
  const s = scoreGold(gold, x);

  it('finds claims by claimant name and content, and scores their fields separately', () => {
    expect(s.claims.found).toEqual({ ok: 1, of: 1 });
    expect(s.claims.cue).toEqual({ ok: 1, of: 1 });
    expect(s.claims.locations).toEqual({ ok: 1, of: 1 });
    expect(s.claims.eventDate).toEqual({ ok: 0, of: 1 });
    expect(s.claims.precision).toEqual({ ok: 1, of: 2 });
    expect(s.claims.notClaimErrors).toBe(1);
  });

  it('scores parties, locations within tolerance and the clean text', () => {
    expect(s.parties.found).toEqual({ ok: 1, of: 2 });
    expect(s.parties.missing).toEqual(['Rebels']);
    expect(s.parties.claimantPrecision).toEqual({ ok: 1, of: 1 });
    expect(s.locations.found).toEqual({ ok: 1, of: 1 });
    expect(s.locations.distanceKm[0]).toBeGreaterThan(10);
    expect(s.locations.distanceKm[0]).toBeLessThan(12);
    expect(s.cleanText).toEqual({ ok: 3, of: 3 });
  });
});

describe('PLOVER scoring', () => {
  it('scores actor, place and "said" recall from overlaps', () => {
    const text = 'Peace talks will resume in Geneva, the Swiss foreign ministry said.';
    const x: Extraction = {
      extractorVersion: 't',
      cleanText: text,
      parties: [
        {
          key: 'swiss',
          name: 'Swiss Foreign Ministry',
          aliases: [],
          kind: 'GOVERNMENT_BODY',
          affiliation: 'CH',
          mentions: [span(text, 'the Swiss foreign ministry')],
        },
      ],
      locations: [
        {
          key: 'geneva',
          name: 'Geneva',
          aliases: [],
          latitude: 46.2,
          longitude: 6.1,
          countryCode: 'CH',
          precision: 'CITY',
          geonamesId: null,
          candidates: [],
          mentions: [span(text, 'Geneva')],
        },
      ],
      sites: [],
      truncated: [],
      claims: [
        {
          claimantKey: 'swiss',
          claimantMention: null,
          cue: span(text, 'said'),
          content: span(text, 'Peace talks will resume in Geneva'),
          evidence: span(text, text),
          mode: 'INDIRECT',
          kind: 'STATEMENT',
          locationKeys: ['geneva'],
          eventDate: null,
          quantities: [],
          restates: null,
        },
      ],
    };
    const s = scorePloverRecord(
      {
        id: 'p',
        event: 'CONSULT',
        text,
        source: [{ actorText: 'Swiss' }],
        target: [{ actorText: 'Iran' }],
        eventLoc: { name: 'Geneva' },
      },
      x,
    );
    expect(s.actors).toEqual({ ok: 1, of: 1 });
    expect(s.eventLocations).toEqual({ ok: 1, of: 1 });
    expect(s.attributions).toEqual({ ok: 1, of: 1 });
    expect(s.attributionsWithClaimant).toEqual({ ok: 1, of: 1 });
  });
});

describe('PolNeAR scoring (brat standoff)', () => {
  const text = 'The senator said taxes would rise. Rain fell. “We will win,” Smith told reporters.';
  const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
  const ann = [
    `T1\tSource ${at('The senator').start} ${at('The senator').end}\tThe senator`,
    `T2\tCue ${at('said').start} ${at('said').end}\tsaid`,
    `T3\tContent ${at('taxes would rise').start} ${at('taxes would rise').end}\ttaxes would rise`,
    `T4\tAttribution ${at('said').start} ${at('said').end}\tsaid`,
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
    `T5\tSource ${at('Smith').start} ${at('Smith').end}\tSmith`,
    `T6\tCue ${at('told').start} ${at('told').end}\ttold`,
    `T7\tContent ${at('We will win').start} ${at('We will win').end}\tWe will win`,
    'E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5',
  ].join('\n');
  const gold = parseBrat(ann, text);
  const span = (s: string) => ({ ...at(s), text: s });
  const claim = (content: string, mention: string | null, mode: 'INDIRECT' | 'NARRATED' = 'INDIRECT') => ({
    claimantKey: null,
    claimantMention: mention ? span(mention) : null,
    cue: null,
    content: span(content),
    evidence: span(content),
    mode,
    kind: 'STATEMENT' as const,
    locationKeys: [],
    eventDate: null,
    quantities: [],
    restates: null,
  });
  const x: Extraction = {
    extractorVersion: 't',
    cleanText: text,
    parties: [],
    locations: [],
    sites: [],
    truncated: [],
    claims: [
      claim('taxes would rise', 'The senator'),
      claim('Rain fell', null, 'NARRATED'),
      claim('We will win', 'reporters'),
    ],
  };

  it('reads attributions with their spans, and classifies cues and sources', () => {
    expect(gold).toHaveLength(2);
    expect(speechCueType('said in a statement')).toBe('say');
    expect(speechCueType('according to')).toBe('according to');
    expect(speechCueType('reserved his passion for')).toBeNull();
    expect(['he', 'Smith', 'the Trump campaign', 'officials'].map(sourceType)).toEqual([
      'pronoun',
      'name',
      'organisation',
      'title',
    ]);
  });

  it('finds by content overlap, checks the source, and leaves narration out of precision', () => {
    const s = scorePolnear(text, gold, x);
    expect(s.all).toEqual({ gold: 2, found: 2, sourceRight: 1, predicted: 2, predictedRight: 2 });
    expect(polnearFigures(s.all)).toMatchObject({ precision: 1, recall: 1, sourceAccuracy: 0.5 });
    expect(s.items.map((i) => i.what)).toEqual(['wrong-source']);
  });

  it('names the mention rule behind a missed source and behind a wrong claimant, when traced', () => {
    const traced: Extraction = {
      ...x,
      claims: [claim('We will win', 'reporters')],
      trace: {
        mentions: [
          { ...at('Smith'), type: 'party', rule: 'chunk/person-name' },
          { ...at('reporters'), type: 'party', rule: 'reference' },
        ],
      },
    };
    const s = scorePolnear(text, gold, traced);
    const miss = s.items.find((i) => i.what === 'miss');
    expect(miss).toMatchObject({ text: 'taxes would rise', sourceType: 'title', sourceRule: 'no mention' });
    expect(s.items.find((i) => i.what === 'wrong-source')?.sourceRule).toBe('party by reference');
    // Untraced, no rule is claimed.
    expect(scorePolnear(text, gold, x).items.every((i) => i.sourceRule === undefined)).toBe(true);
  });

  it('moves gold offsets through text that cleaning deleted', () => {
    const map = deletionMap('a<b>c', 'ac')!;
    expect([map(0), map(1), map(4), map(5)]).toEqual([0, 1, 1, 2]);
    expect(deletionMap('abc', 'abd')).toBeNull();
  });
});

describe('geoparsing scoring (LGL / TR-News)', () => {
  const xml = `<articles><article docid="7"><text><![CDATA[Floods hit Paris and Springfield.]]></text><toponyms>
    <toponym><start>11</start><end>16</end><phrase>Paris</phrase><gaztag geonameid="1"><lat>48.85</lat><lon>2.35</lon></gaztag></toponym>
    <toponym><start>21</start><end>32</end><phrase>Springfield</phrase><gaztag geonameid="2"><lat>39.8</lat><lon>-89.64</lon></gaztag></toponym>
    <toponym><start>0</start><end>6</end><phrase>Floods</phrase></toponym>
  </toponyms></article></articles>`;

  it('scores a toponym against the mention that fits it best ("Texas" inside "Paris, Texas")', () => {
    const text = 'Floods hit Paris, Texas.';
    const [a] = parseGeoparsingXml(
      `<articles><article docid="1"><text><![CDATA[${text}]]></text><toponyms>
      <toponym><start>18</start><end>23</end><phrase>Texas</phrase><gaztag geonameid="3"><lat>31.25</lat><lon>-99.25</lon></gaztag></toponym>
      </toponyms></article></articles>`,
    );
    const x = placesOnly(text, [
      extractedLocation('Paris', 33.66, -95.56, 'CITY', [{ start: 11, end: 23, text: 'Paris, Texas' }]),
      extractedLocation('Texas', 31.25, -99.25, 'REGION', [{ start: 18, end: 23, text: 'Texas' }]),
    ]);
    expect(scoreGeoparsing(a!, x)).toMatchObject({ toponyms: 1, detected: 1, within161: 1 });
  });

  it('moves an offset that misses its phrase by a few characters onto the phrase', () => {
    const shifted = xml.replace('<start>21</start><end>32</end>', '<start>18</start><end>29</end>');
    const [a] = parseGeoparsingXml(shifted);
    expect(a!.toponyms[1]).toMatchObject({ start: 21, end: 32, phrase: 'Springfield' });
    expect(alignedStart('no such place here', 'Paris', 3)).toBe(3);
  });

  it('scores detection and accuracy at 161 km over toponyms with a point', () => {
    const [a] = parseGeoparsingXml(xml);
    expect(a!.toponyms.map((t) => t.phrase)).toEqual(['Paris', 'Springfield', 'Floods']);
    const loc = (name: string, start: number, lat: number | null, lon: number | null) =>
      extractedLocation(name, lat, lon, 'CITY', [{ start, end: start + name.length, text: name }]);
    const x: Extraction = {
      extractorVersion: 't',
      cleanText: a!.text,
      parties: [],
      claims: [],
      sites: [],
      truncated: [],
      locations: [loc('Paris', 11, 48.86, 2.34), loc('Springfield', 21, 37.2, -93.3)],
    };
    const s = scoreGeoparsing(a!, x);
    expect(s).toMatchObject({ toponyms: 2, detected: 2, within161: 1 });
    expect(s.misses.map((m) => m.phrase)).toEqual(['Springfield']);
    expect(median(s.errorsKm)! > 100).toBe(true);
  });

  it('counts every use of a place name as a toponym, but only a place as a re3d Location', () => {
    const text = 'Iran said Iranian ships sailed to Oman.';
    const at = (part: string, use: 'PLACE' | 'ACTOR' | 'DEMONYM') => ({ ...span(text, part), use });
    const loc = (name: string, lat: number, lon: number, mentions: ReturnType<typeof at>[]) =>
      extractedLocation(name, lat, lon, 'COUNTRY', mentions);
    const x = placesOnly(text, [
      loc('Iran', 32, 53, [at('Iran', 'ACTOR'), at('Iranian', 'DEMONYM')]),
      loc('Oman', 21, 57, [at('Oman', 'PLACE')]),
    ]);
    const toponym = (part: string) => ({ ...span(text, part), phrase: part, lat: 32, lon: 53 });
    const s = scoreGeoparsing(
      { id: '1', text, toponyms: [toponym('Iran'), toponym('Iranian'), { ...toponym('Oman'), lat: 21, lon: 57 }] },
      x,
    );
    expect(s).toMatchObject({ toponyms: 3, detected: 3, within161: 3 });
    expect(s.detectedByUse).toEqual({ PLACE: 1, ACTOR: 1, DEMONYM: 1 });
    expect(predictedSpans(x).locations.map((m) => m.text)).toEqual(['Oman']);
  });
});

/** An extracted place as extraction lists it, for scoring tests. */
/** An extraction of `text` that found only these places. */
const placesOnly = (text: string, locations: ExtractedLocation[]): Extraction => ({
  extractorVersion: 't',
  cleanText: text,
  parties: [],
  claims: [],
  sites: [],
  truncated: [],
  locations,
});

function extractedLocation(
  name: string,
  latitude: number | null,
  longitude: number | null,
  precision: 'CITY' | 'REGION' | 'COUNTRY',
  mentions: ExtractedLocation['mentions'],
): ExtractedLocation {
  return {
    key: name,
    name,
    aliases: [],
    latitude,
    longitude,
    countryCode: null,
    precision,
    geonamesId: null,
    candidates: [],
    mentions,
  };
}
