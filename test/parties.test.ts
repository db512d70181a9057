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
      'Military forces of Artsakh said they repelled an attack. Ambazonian separatists killed 3 soldiers. Maoist rebels ambushed a patrol. NAS forces said they took the town.',
      meta,
    );
    expect(x.parties.map((p) => p.name)).toEqual([
      'Artsakh forces',
      'Ambazonian separatists',
      'Maoist rebels',
      'NAS forces',
    ]);
    expect(claimant(x, 0)).toBe('Artsakh forces');
    expect(claimant(x, 1)).toBe('NAS forces');
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
});
