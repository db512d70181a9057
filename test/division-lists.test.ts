/**
 * Lists of names before a plural division word ("Barrow and Jackson counties", "Idlib and Hama
 * provinces"): each name is a division of that type, looked up by its typed name. Small
 * synthetic sentences.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../lib/extract/index.js';

/** Each location mention as [location name, mention text, country], in text order. */
function located(text: string): [string, string, string | null][] {
  const x = extract(text, {});
  return x.locations
    .flatMap((l) =>
      l.mentions.map((m) => ({ at: m.start, row: [l.name, m.text, l.countryCode] as [string, string, string | null] })),
    )
    .sort((a, b) => a.at - b.at)
    .map((r) => r.row);
}

/** The rule that made each mention, by its text. */
function rules(text: string): Record<string, string> {
  const x = extract(text, { trace: true });
  return Object.fromEntries((x.trace?.mentions ?? []).map((m) => [x.cleanText.slice(m.start, m.end), m.rule]));
}

describe('lists before a plural division word', () => {
  it('conflict news: provinces, states, oblasts, each name typed', () => {
    expect(located('Airstrikes hit Idlib and Hama provinces on Monday.')).toEqual([
      ['Idlib Province', 'Idlib', 'SY'],
      ['Hama Province', 'Hama', 'SY'],
    ]);
    expect(located('Gunmen raided villages in Borno, Yobe and Adamawa states.').map(([n, , c]) => [n, c])).toEqual([
      ['Borno State', 'NG'],
      ['Yobe State', 'NG'],
      ['Adamawa State', 'NG'],
    ]);
    expect(located('Shelling hit Kherson and Zaporizhzhia oblasts overnight.').map(([n]) => n)).toEqual([
      'Kherson Oblast',
      'Zaporizhzhia Oblast',
    ]);
    expect(rules('Taliban fighters entered Ghazni, Logar and Kunar provinces.')).toMatchObject({
      Ghazni: 'division-list',
      Logar: 'division-list',
      Kunar: 'division-list',
    });
  });

  it('"North and South Kivu": a compass word alone shares the last name', () => {
    expect(located('Militias roam North and South Kivu provinces.').map(([n, t, c]) => [n, t, c])).toEqual([
      ['North Kivu Province', 'North', 'CD'],
      ['South Kivu Province', 'South Kivu', 'CD'],
    ]);
    expect(located('Aid reached the provinces of North and South Kivu.').map(([n]) => n)).toEqual([
      'North Kivu Province',
      'South Kivu Province',
    ]);
  });

  it('local news: counties named like towns or people are the counties', () => {
    const rows = located('Water covers roads in Becker, Clay, Otter Tail, Swift and Wilkin counties in Minnesota.');
    expect(rows.map(([n]) => n)).toEqual([
      'Becker County',
      'Clay County',
      'Otter Tail County',
      'Swift County',
      'Wilkin County',
      'Minnesota',
    ]);
    expect(rows.every(([, , c]) => c === 'US')).toBe(true);
  });

  it('an Oxford comma, "or", a capitalised plural and a range', () => {
    expect(located('Students from Cooke, Grayson, or Love counties may apply.').map(([n]) => n)).toEqual([
      'Cooke County',
      'Grayson County',
      'Love County',
    ]);
    expect(located('Flooding hit Becker and Clay Counties on Sunday.').map(([n, t]) => [n, t])).toEqual([
      ['Becker County', 'Becker'],
      ['Clay County', 'Clay'],
    ]);
    expect(located('Trucks overturned in a stretch from Ellsworth to Riley counties.').map(([n]) => n)).toEqual([
      'Ellsworth County',
      'Riley County',
    ]);
  });

  it('a capitalised word before the list is not part of its first name', () => {
    expect(located('Small Hitchcock and Hayes counties lost people.').map(([n, t]) => [n, t])).toEqual([
      ['Hitchcock County', 'Hitchcock'],
      ['Hayes County', 'Hayes'],
    ]);
  });

  it('only the last pair is joined by "and": a place before an earlier "and" is not in the list', () => {
    const names = located(
      'Crews from Camden and Charlton counties in Georgia and Nassau and Baker counties in Florida came.',
    ).map(([n]) => n);
    expect(names).toEqual(['Camden County', 'Charlton County', 'Georgia', 'Nassau County', 'Baker County', 'Florida']);
  });

  it('not the states or countries the divisions lie in, nor a lone name, a people or English words', () => {
    expect(located('Officials in Texas and Oklahoma counties met.').map(([n]) => n)).toEqual(['Texas', 'Oklahoma']);
    expect(Object.values(rules('Leaders of Syria and Iraq provinces met.'))).not.toContain('division-list');
    expect(Object.values(rules('Arab and Kurdish regions voted.'))).not.toContain('division-list');
    expect(located('Red and Blue states differ.')).toEqual([]);
    expect(Object.values(rules('Trade between Canada and the United States grew.'))).not.toContain('division-list');
    expect(Object.values(rules('Polls in Ohio counties closed.'))).not.toContain('division-list');
  });

  it('a list written with the singular type word after each name is still each division', () => {
    expect(located('Roads closed in Wayne County and Monroe County, Michigan.').map(([n]) => n)).toEqual([
      'Wayne County',
      'Monroe County',
      'Michigan',
    ]);
  });
});

describe('a county named without its type word', () => {
  it('a name the gazetteer knows only as a county is that county', () => {
    expect(located('Sponsors include Delegate Tom Baxley, D-Monongalia.')).toEqual([
      ['Monongalia County', 'Monongalia', 'US'],
    ]);
  });

  it('not a name the gazetteer knows by itself', () => {
    expect(located('Sponsors include Delegate Tom Baxley, D-Raleigh.').map(([n]) => n)).toEqual(['Raleigh']);
  });
});

describe('a county before its offices', () => {
  it('a bare county name before a sheriff, a court, a task force or its people', () => {
    expect(located('Capt. Tom Baxley, with the Pointe Coupee Sheriff’s Office, said so.')).toEqual([
      ['Pointe Coupee Parish', 'Pointe Coupee', 'US'],
    ]);
    expect(located('Deputies arrest Pointe Coupee teen on weapon count.').map(([n]) => n)).toEqual([
      'Pointe Coupee Parish',
    ]);
    expect(located('Preble voters can apply for absentee ballots.').map(([n]) => n)).toEqual(['Preble County']);
    expect(rules('The Avoyelles task force arrested 14.')).toMatchObject({ Avoyelles: 'county-before-office' });
  });

  it('not a colour, a surname or a candidate before "voters"', () => {
    expect(located('White voters accounted for half.')).toEqual([]);
    expect(located('Trump made a pitch to Sanders voters.').map(([n]) => n)).not.toContain('Sanders County');
  });

  it('not the last word of a longer name, nor a name before a settlement word', () => {
    expect(located('He met Bradford Woods Mayor Tom Baxley.').map(([n]) => n)).not.toContain('Woods County');
    expect(Object.values(rules('Most came from the Cross City area.'))).not.toContain('county-before-office');
  });
});

describe('a city and its county in one compound', () => {
  it('"Paris-Henry County": the town and the county typed by the word after', () => {
    expect(located('She toured the Paris-Henry County Heritage Center.').map(([n, t]) => [n, t])).toEqual([
      ['Paris', 'Paris'],
      ['Henry County', 'Henry County'],
    ]);
  });
});

describe('a plural type word and "of" before a list', () => {
  it('"the provinces of Idlib and Hama" types each; "the villages of A and B" makes each a place', () => {
    expect(located('Jets struck the provinces of Idlib and Hama.').map(([n]) => n)).toEqual([
      'Idlib Province',
      'Hama Province',
    ]);
    expect(rules('Rebels shelled the villages of Brackenfield, Tullowmore, and Kessavi in the north.')).toMatchObject({
      Brackenfield: 'list-after-type',
      Tullowmore: 'list-after-type',
      Kessavi: 'list-after-type',
    });
  });

  it('not the countries the places lie in, nor English words', () => {
    expect(Object.values(rules('He toured the cities of Iraq and Syria.'))).not.toContain('list-after-type');
    expect(Object.values(rules('Residents of the communities of Red and Blue left.'))).not.toContain('list-after-type');
  });
});

describe('a county written short', () => {
  it('"Platte Co." and a dateline\'s "PLYMOUTH CO." are the counties; a company is none', () => {
    expect(located('Platte Co. tops 32K for first time.').map(([n, t]) => [n, t])).toEqual([
      ['Platte County', 'Platte Co.'],
    ]);
    expect(located('PLYMOUTH CO. - A suspect was held.').map(([n]) => n)).toEqual(['Plymouth County']);
    expect(Object.values(rules('The Carolinas Cab Co. is a sponsor.'))).not.toContain('short-county');
  });
});
