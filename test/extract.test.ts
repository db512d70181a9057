import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extract, EXTRACTOR_VERSION } from '../lib/extract/index.js';
import { foldName } from '../lib/names.js';
import type { ExtractedClaim, Extraction } from '../lib/extract/types.js';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
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
      if (want.locations) expect([...c!.locationKeys].sort()).toEqual(want.locations.map((n) => locationKey(x, n)).sort());
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
    expect(partyNamed(x, 'Defense Ministry of the unrecognized region of Nagorno Karabakh')?.name).toBe('Nagorno Karabakh Defense Ministry');
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
      ...x.claims.flatMap((c) => [c.content, c.evidence, ...(c.cue ? [c.cue] : []), ...(c.claimantMention ? [c.claimantMention] : [])]),
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
    const { c, claimant, x } = one('Russian forces shelled the city of Kharkiv overnight, killing three civilians, the Ukrainian Defence Ministry said in a statement on Tuesday.');
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
    const { c, claimant } = one('More than 1,200 people have been displaced by fighting in El Fasher, according to the United Nations.');
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
    const x = extract('The Rapid Support Forces said on Monday they had taken control of Nyala, the capital of South Darfur. The Sudanese army denied the claim.', meta);
    expect(x.claims.map((c) => [claimantName(x, c), c.kind])).toEqual([
      ['Rapid Support Forces', 'TERRITORIAL_CONTROL'],
      ['Sudanese Armed Forces', 'DENIAL'],
    ]);
    expect(x.claims[0]!.eventDate).toBe('2023-11-13');
  });

  it('a titled person who "told reporters"', () => {
    const { c, claimant, x } = one('Ukrainian President Volodymyr Zelenskiy told reporters that Russian troops had withdrawn from Kherson.');
    expect(claimant).toBe('Volodymyr Zelenskiy');
    expect(partyNamed(x, 'Volodymyr Zelenskiy')?.affiliation).toBe('UA');
    expect(c.content.text).toBe('Russian troops had withdrawn from Kherson');
    expect(c.kind).toBe('MOVEMENT');
  });

  it('narration alone yields no claims', () => {
    const x = extract('Heavy fighting continued near Bakhmut for a third week. The town lies in the Donetsk region.', meta);
    expect(x.claims).toEqual([]);
  });
});
