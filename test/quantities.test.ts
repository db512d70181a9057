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

  it('"no one was hurt", "not one soldier was killed" are no count', () => {
    expect(counts('the governor said no one was hurt')).toEqual([]);
    expect(counts('not one soldier was killed in the raid')).toEqual([]);
    expect(counts('one soldier was killed in the raid')).toEqual([['KILLED', 1]]);
  });
});

describe('counts as reports word them', () => {
  it.each([
    ['militants beheaded 11 villagers', [['KILLED', 11]]],
    ['gunmen shot dead 4 farmers', [['KILLED', 4]]],
    ['11 prisoners were executed', [['KILLED', 11]]],
    ['the army neutralised 20 terrorists', [['KILLED', 20]]],
    ['nine bodies were recovered from the rubble', [['KILLED', 9]]],
    ['the bodies of 12 people were found', [['KILLED', 12]]],
    [
      'a soldier and two civilians were killed',
      [
        ['KILLED', 1],
        ['KILLED', 2],
      ],
    ],
    [
      'three soldiers and two civilians were killed',
      [
        ['KILLED', 3],
        ['KILLED', 2],
      ],
    ],
    [
      '12 were abducted and 5 injured',
      [
        ['CAPTURED', 12],
        ['WOUNDED', 5],
      ],
    ],
    [
      'three people died and 12 were hospitalised',
      [
        ['KILLED', 3],
        ['WOUNDED', 12],
      ],
    ],
    ['Fatalities: 7', [['KILLED', 7]]],
    ['a suicide bomber blew himself up, killing himself and two police officers', [['KILLED', 2]]],
    [
      'the strike killed a senior commander and two other members of the group',
      [
        ['KILLED', 1],
        ['KILLED', 2],
      ],
    ],
    ['the attackers detonated their vests, killing themselves and 14 worshippers', [['KILLED', 14]]],
    [
      '15 Houthi fighters and 4 soldiers of the Giants Brigades were killed',
      [
        ['KILLED', 15],
        ['KILLED', 4],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(counts(text)).toEqual(expected);
  });

  it('a strike conducted is no death', () => {
    expect(counts('coalition forces conducted 14 strikes')).toEqual([]);
  });
});

describe("a date's day is no count", () => {
  it('"the strike on 2 February killed 4", "on February 2 killed 4", "on 12 March wounded 7"', () => {
    expect(counts('The strike on 2 February killed 4 people in the city.')).toEqual([['KILLED', 4]]);
    expect(counts('The strike on February 2 killed 4 people in the city.')).toEqual([['KILLED', 4]]);
    expect(counts('A drone attack on 12 March wounded 7 civilians.')).toEqual([['WOUNDED', 7]]);
    expect(counts('On 5 May, 3 soldiers and 2 civilians were killed.')).toEqual([
      ['KILLED', 3],
      ['KILLED', 2],
    ]);
    // "May" followed by a verb is no month.
    expect(counts('At least 10 may have been killed in the raid.')).toEqual([['KILLED', 10]]);
  });
});

describe('numbers that are no count of victims', () => {
  it('a label\'s number, or a count of who acted: "Route 5 … after 3 people were killed", "checkpoint 12 wounded 4"', () => {
    expect(counts('Route 5 was closed after 3 people were killed in an ambush.')).toEqual([['KILLED', 3]]);
    expect(counts('The blast at checkpoint 12 wounded 4 soldiers.')).toEqual([['WOUNDED', 4]]);
    expect(counts('12 soldiers killed 4 militants in the raid.')).toEqual([['KILLED', 4]]);
    expect(counts('The attack left 30 dead and 12 injured.')).toEqual([
      ['KILLED', 30],
      ['WOUNDED', 12],
    ]);
  });

  it('"killing all 298 people on board"', () => {
    expect(counts('The plane was downed, killing all 298 people on board.')).toEqual([['KILLED', 298]]);
  });
});

describe('counts written in words and tolls told at length', () => {
  it('reads compound number words whole: "twenty-two", "two dozen", "three hundred", "five thousand"', () => {
    expect(counts('Twenty-two militants were neutralized during the operation')).toEqual([['KILLED', 22]]);
    expect(counts('At least two dozen people were killed')).toEqual([['KILLED', 24]]);
    expect(counts('Five thousand people fled')).toEqual([['DISPLACED', 5000]]);
    // "three hundred fled" is neither three nor killed.
    expect(counts('Gunmen killed twenty two villagers and three hundred fled')).toEqual([
      ['KILLED', 22],
      ['DISPLACED', 300],
    ]);
  });

  it('finds a death toll many words after "toll", possessives included', () => {
    expect(counts("The death toll from Sunday's attack on a church in Owo has risen to 41")).toEqual([['KILLED', 41]]);
  });

  it('a teenager, a foreign national or a passenger killed is a count of one', () => {
    expect(counts('gunmen killed a Chinese national')).toEqual([['KILLED', 1]]);
    expect(counts('forces shot and killed a Palestinian teenager')).toEqual([['KILLED', 1]]);
  });

  it('an aside between a count and its verb: "Twelve people, including four children, were killed"', () => {
    expect(counts('Twelve people, including four children, were killed in the shelling')).toEqual([['KILLED', 12]]);
    expect(counts('Nine soldiers, among them an officer, were wounded')).toEqual([['WOUNDED', 9]]);
  });
});
