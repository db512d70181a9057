import { describe, expect, it } from 'vitest';
import { findQuantities } from '../lib/extract/quantities.js';

const counts = (text: string) => findQuantities(text, 0, []).map((q) => [q.kind, q.value]);

describe('counts of one: a noun of one person after "a"/"an"', () => {
  it('reads "killed a gendarme", "injuring an elderly woman", "a soldier was wounded" as one', () => {
    expect(counts('Separatists killed a gendarme in Bamenda')).toEqual([['KILLED', 1]]);
    expect(counts('the shell hit a market, injuring an elderly woman')).toEqual([['WOUNDED', 1]]);
    expect(counts('a soldier was wounded by sniper fire')).toEqual([['WOUNDED', 1]]);
    expect(counts('gunmen abducted a local teacher on Monday')).toEqual([['CAPTURED', 1]]);
  });

  it('leaves counts that are not of one person alone', () => {
    expect(counts('the blast killed a dozen civilian protesters')).toEqual([['KILLED', 12]]);
    expect(counts('a member of parliament said the talks would resume')).toEqual([]);
    expect(counts('the raid killed a camel and destroyed a truck')).toEqual([]);
  });
});
