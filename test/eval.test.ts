import { describe, expect, it } from 'vitest';
import { prf, re3dGold, scoreGold, scoreSpans, scorePloverRecord, type GoldFile } from '../lib/eval.js';
import type { Extraction } from '../lib/extract/types.js';

const span = (text: string, part: string) => {
  const start = text.indexOf(part);
  return { start, end: start + part.length, text: part };
};

describe('span scoring', () => {
  it('counts exact and overlapping matches', () => {
    const gold = [{ start: 0, end: 10 }, { start: 20, end: 25 }, { start: 40, end: 50 }];
    const predicted = [{ start: 0, end: 10 }, { start: 21, end: 30 }, { start: 60, end: 70 }];
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
    parties: [{ key: 'army', name: 'Army', aliases: [], kind: 'ARMED_FORCE', affiliation: 'XX', mentions: [span(text, 'The Army')] }],
    locations: [{ key: 'townville', name: 'Townville', aliases: [], latitude: 10, longitude: 10.1, countryCode: 'XX', precision: 'CITY', geonamesId: null, candidates: [], mentions: [span(text, 'Townville')] }],
    sites: [],
    truncated: [],
    claims: [
      { claimantKey: 'army', claimantMention: span(text, 'The Army'), cue: span(text, 'said'), content: span(text, 'rebels shelled Townville on Monday'), evidence: span(text, 'The Army said rebels shelled Townville on Monday.'), mode: 'INDIRECT', kind: 'ATTACK', locationKeys: ['townville'], eventDate: '2024-01-01', quantities: [], restates: null },
      { claimantKey: 'army', claimantMention: null, cue: null, content: span(text, 'The fighting was fierce'), evidence: span(text, 'The fighting was fierce.'), mode: 'INDIRECT', kind: 'OTHER', locationKeys: [], eventDate: null, quantities: [], restates: null },
    ],
  };
  const gold: GoldFile = {
    article: 'a.txt',
    input: {},
    cleanText: { mustStartWith: 'The Army', mustEndWith: 'fierce.', mustNotContain: ['[ad_1]'] },
    parties: { required: [{ name: 'Army', kind: 'ARMED_FORCE', affiliation: 'XX' }, { name: 'Rebels' }], allowed: [] },
    locations: { required: [{ name: 'Townville', lat: 10, lon: 10 }] },
    claims: {
      required: [{ claimant: 'army', cue: 'said', contentIncludes: 'shelled Townville', kind: 'ATTACK', locations: ['Townville'], eventDate: '2024-01-02' }],
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
      parties: [{ key: 'swiss', name: 'Swiss Foreign Ministry', aliases: [], kind: 'GOVERNMENT_BODY', affiliation: 'CH', mentions: [span(text, 'the Swiss foreign ministry')] }],
      locations: [{ key: 'geneva', name: 'Geneva', aliases: [], latitude: 46.2, longitude: 6.1, countryCode: 'CH', precision: 'CITY', geonamesId: null, candidates: [], mentions: [span(text, 'Geneva')] }],
      sites: [],
    truncated: [],
      claims: [{ claimantKey: 'swiss', claimantMention: null, cue: span(text, 'said'), content: span(text, 'Peace talks will resume in Geneva'), evidence: span(text, text), mode: 'INDIRECT', kind: 'STATEMENT', locationKeys: ['geneva'], eventDate: null, quantities: [], restates: null }],
    };
    const s = scorePloverRecord({ id: 'p', event: 'CONSULT', text, source: [{ actorText: 'Swiss' }], target: [{ actorText: 'Iran' }], eventLoc: { name: 'Geneva' } }, x);
    expect(s.actors).toEqual({ ok: 1, of: 1 });
    expect(s.eventLocations).toEqual({ ok: 1, of: 1 });
    expect(s.attributions).toEqual({ ok: 1, of: 1 });
    expect(s.attributionsWithClaimant).toEqual({ ok: 1, of: 1 });
  });
});
