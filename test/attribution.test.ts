/**
 * Attribution shapes of ordinary news: quotes printed as '' or with straight marks, sources with
 * brackets and appositions, sources that are roles or any determined noun phrase, relative and
 * coordinated cues, and quotes that close right before their source. Sentences written for the
 * tests; none is taken from a development set.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../lib/extract/index.js';
import type { ExtractedClaim, Extraction } from '../lib/extract/types.js';

const meta = { publishedAt: '2024-03-12T10:00:00Z' };

interface Seen {
  source: string | null;
  party: string | null;
  cue: string | null;
  content: string;
  mode: string;
}

function claimsOf(text: string): Seen[] {
  const x: Extraction = extract(text, meta);
  const name = (c: ExtractedClaim) => x.parties.find((p) => p.key === c.claimantKey)?.name ?? null;
  return x.claims
    .filter((c) => c.mode !== 'NARRATED')
    .map((c) => ({
      source: c.claimantMention?.text ?? null,
      party: name(c),
      cue: c.cue?.text ?? null,
      content: c.content.text,
      mode: c.mode,
    }));
}

describe('attribution: quote marks', () => {
  it("reads '' (two apostrophes) as a double quote, and splits sentences after .''", () => {
    const got = claimsOf(
      "''The bridge will reopen in May,'' Mayor Ellen Varga said. ''We have the money.'' The council agreed.",
    );
    expect(got[0]).toMatchObject({ party: 'Ellen Varga', content: 'The bridge will reopen in May', mode: 'DIRECT' });
    // The quotation after it is hers too (see below); the sentence after that is no one's.
    expect(got.map((c) => c.content)).toEqual(['The bridge will reopen in May', 'We have the money']);
  });

  it('a sentence that is one quotation goes on with the words of the claim just before', () => {
    const got = claimsOf(
      '“We will not retreat,” the commander told reporters in the town. “The line is holding.” “We have food for weeks.” Shelling went on.',
    );
    expect(got.map((c) => [c.source, c.cue, c.content, c.mode])).toEqual([
      ['the commander', 'told', 'We will not retreat', 'DIRECT'],
      ['the commander', 'told', 'The line is holding', 'DIRECT'],
      ['the commander', 'told', 'We have food for weeks', 'DIRECT'],
    ]);
    // Its evidence runs from the sentence it goes on from.
    const x = extract('“We will not retreat,” the commander told reporters. “The line is holding.”', meta);
    expect(x.claims[1]!.evidence.text).toBe(
      '“We will not retreat,” the commander told reporters. “The line is holding.”',
    );
    // A quotation with no claim just before it is no one's.
    expect(claimsOf('The town was quiet. “The line is holding.”')).toEqual([]);
  });

  it('takes the quote of the sentence before when its cue sentence says nothing ("“...” Clinton said to People.")', () => {
    const x = extract('The mayor was blunt. “The budget is empty!” Mayor Ines Calder said to reporters.', meta);
    const c = x.claims.find((k) => k.cue?.text === 'said');
    expect(c?.content.text).toBe('The budget is empty');
    expect(c?.mode).toBe('DIRECT');
    // The evidence runs from the quote to the cue's sentence end.
    expect(c?.evidence.text).toContain('The budget is empty');
    expect(c?.evidence.text.endsWith('said to reporters.')).toBe(true);
    // Nothing is taken when the sentence before is no quote.
    expect(claimsOf('The vote is today. Mayor Ines Calder said at a rally.').filter((k) => k.cue)).toEqual([]);
  });

  it('ends the content at the close of a quote that opens right after the cue', () => {
    const [c] = claimsOf('The coach said "we were the better side" and left the room.');
    expect(c).toMatchObject({ content: 'we were the better side', mode: 'DIRECT' });
  });

  it('reads a straight quote by its spacing: a sentence that starts inside a quote keeps its source', () => {
    const got = claimsOf('Dana Whitlow spoke first. "The harvest failed twice. Nobody came to help," she said.');
    // The quote opened in the sentence before is all the claim's words.
    expect(got.at(-1)).toMatchObject({
      source: 'she',
      content: 'The harvest failed twice. Nobody came to help',
      mode: 'DIRECT',
    });
  });

  it('takes a quote that closes right before its source as the content, not the setting after the cue', () => {
    const [c] = claimsOf('“We will rebuild every school,” Gov. Marta Ruiz told a town hall in Dayton on Monday.');
    expect(c).toMatchObject({ cue: 'told', content: 'We will rebuild every school' });
    expect(c?.source).toContain('Marta Ruiz');
    const [d] = claimsOf('"It is over," the referee said with a laugh.');
    expect(d).toMatchObject({ source: 'the referee', content: 'It is over' });
  });

  it('still reads a second quote after the cue as the content', () => {
    const [c] = claimsOf('"Frankly," the mayor said, "the budget is empty."');
    expect(c).toMatchObject({ content: 'the budget is empty', mode: 'DIRECT' });
  });
});

describe('attribution: sources', () => {
  it('skips a bracket after the name ("Sen. Jane Doe (D-Ore.) said")', () => {
    const [c] = claimsOf('Sen. Jane Holloway (D-Ore.) said the bill would pass next week.');
    expect(c).toMatchObject({ party: 'Jane Holloway', content: 'the bill would pass next week' });
  });

  it('a state written in initials inside the bracket ends no sentence ("Sen. Jane Doe (D-N.Y.) said")', () => {
    const [c] = claimsOf('Sen. Jane Holloway (D-N.Y.) said the bill would pass next week.');
    expect(c).toMatchObject({ party: 'Jane Holloway', content: 'the bill would pass next week' });
    const [d] = claimsOf('Rep. Tom Albers, R-S.C., said the vote was close.');
    expect(d).toMatchObject({ party: 'Tom Albers', content: 'the vote was close' });
  });

  it('reads progressive and contracted auxiliaries ("is telling", "has not been saying")', () => {
    const [c] = claimsOf('Governor Tom Albers is telling voters that taxes will fall.');
    expect(c).toMatchObject({ party: 'Tom Albers', cue: 'telling', content: 'taxes will fall' });
    const [d] = claimsOf("Mr. Albers hasn't said whether he will run.");
    expect(d?.party).toBe('Albers');
  });

  it('takes any determined noun phrase as a source ("the host said", "one employee told")', () => {
    const [c] = claimsOf('"That was a mistake," the host said.');
    expect(c).toMatchObject({ source: 'the host', party: null, content: 'That was a mistake' });
    const [d] = claimsOf('The column noted that the plan had been dropped.');
    expect(d).toMatchObject({ source: 'The column', content: 'the plan had been dropped' });
    expect(claimsOf('The day said nothing new.')).toEqual([]);
  });

  it('reads a relative pronoun as the source mention and the phrase before it as the party', () => {
    const [c] = claimsOf(
      'The deal was signed with help from Commerce Minister Ravi Menon, who said exports would double.',
    );
    expect(c).toMatchObject({ source: 'who', party: 'Ravi Menon', content: 'exports would double' });
  });

  it('finds a name before several appositions', () => {
    const [c] = claimsOf('Lena Brask, 58, who farms outside Aarhus, says the new rules came too late.');
    expect(c).toMatchObject({ party: 'Lena Brask', content: 'the new rules came too late' });
    const [d] = claimsOf('Col. Ahmed Saleh, facing questions about the raid, noted that no civilians were hurt.');
    expect(d).toMatchObject({ party: 'Ahmed Saleh', content: 'no civilians were hurt' });
  });

  it('never takes a pronoun or a possessive that opens the content as an inverted source', () => {
    const [a] = claimsOf('Gov. Ruth Adler, for her part, said she backs the plan.');
    expect(a).toMatchObject({ cue: 'said', content: 'she backs the plan' });
    expect(a?.source).toContain('Ruth Adler');
    const [b] = claimsOf('The group’s director, Betty Marsh, said Governor Tom Albers’s visit had been booked.');
    expect(b).toMatchObject({ party: 'Betty Marsh', content: 'Governor Tom Albers’s visit had been booked' });
  });

  it('reads past a prepositional aside between the source and its cue ("The army, in a statement on Sunday, said")', () => {
    const [a] = claimsOf('The Nigerian army, in a statement released on Sunday, said 14 soldiers were killed.');
    expect(a).toMatchObject({ party: 'Nigerian army', cue: 'said', content: '14 soldiers were killed' });
  });

  it('finds a name that opens the phrase between two commas ("Another pollster, David Ward of X, said")', () => {
    const [c] = claimsOf('Another pollster, Dr. David Ward of Clemson University, said his survey showed no change.');
    expect(c).toMatchObject({ party: 'David Ward', content: 'his survey showed no change' });
  });

  it('takes a body named between two commas ("The group’s armed wing, the Ansar Brigades, said")', () => {
    expect(claimsOf('The group’s armed wing, the Ansar Brigades, said it fired rockets at the base.')).toMatchObject([
      { party: 'Ansar Brigades', cue: 'said', content: 'it fired rockets at the base' },
    ]);
    const [rival] = claimsOf('Its rival, the Sahel Front, said the talks had failed.');
    expect(rival).toMatchObject({ source: 'the Sahel Front', content: 'the talks had failed' });
  });

  it('takes the outlet named before "news agency" ("the official CTK news agency said")', () => {
    expect(claimsOf('The official ANSA news agency said the ferry had sunk.')).toMatchObject([
      { party: 'ANSA', source: 'ANSA news agency', content: 'the ferry had sunk' },
    ]);
  });

  it('takes the body a statement or a spokesman comes from ("according to a statement from the army")', () => {
    expect(claimsOf('According to a statement from the Malian army, troops killed 15 fighters.')).toMatchObject([
      { party: 'Malian army', content: 'troops killed 15 fighters' },
    ]);
    expect(claimsOf('Troops killed 15 fighters, according to a spokesman for the Malian army.')).toMatchObject([
      { party: 'Malian army', content: 'Troops killed 15 fighters' },
    ]);
  });

  it('"X, officials said late Tuesday, adding that Y": the cue’s time is neither content, and the adder is the whole source', () => {
    expect(
      claimsOf(
        'The death toll rose to 45, health officials in the city said late Tuesday, adding that dozens were missing.',
      ),
    ).toMatchObject([
      { source: 'health officials in the city', content: 'The death toll rose to 45' },
      { source: 'health officials in the city', cue: 'adding', content: 'dozens were missing' },
    ]);
    expect(claimsOf('The bridge collapsed, officials said early on Monday.')).toMatchObject([
      { source: 'officials', content: 'The bridge collapsed' },
    ]);
  });

  it('"…, a charge the group denied": the source is the relative clause’s subject, not the charge', () => {
    expect(claimsOf('Officials said the town fell, a claim the rebels rejected.')).toMatchObject([
      { source: 'Officials', content: 'the town fell' },
      { source: 'the rebels', cue: 'rejected', content: 'the town fell' },
    ]);
    expect(
      claimsOf('The army accused the militia of shelling the market, a charge the armed group denied.')[1],
    ).toMatchObject({
      source: 'the armed group',
      cue: 'denied',
    });
  });

  it('"The plan, officials say, would cost billions": a source and cue set off after the subject are the whole clause’s', () => {
    expect(claimsOf('The plan, officials say, would cost billions.')).toMatchObject([
      { source: 'officials', cue: 'say', content: 'The plan, officials say, would cost billions' },
    ]);
    // A clause before the source is the content alone.
    expect(claimsOf('The bridge collapsed, officials said, and two people died.')[0]).toMatchObject({
      content: 'The bridge collapsed',
    });
  });

  it('"X, according to Y, will ...": a source set off inside its clause is the whole clause’s', () => {
    expect(
      claimsOf('The offensive, according to two officials familiar with the plans, will begin in the spring.'),
    ).toMatchObject([
      {
        source: 'two officials familiar with the plans',
        content: 'The offensive, according to two officials familiar with the plans, will begin in the spring',
      },
    ]);
    // After a whole clause, the source is of the clause before it only.
    expect(claimsOf('At least 12 people were killed, according to the ministry.')).toMatchObject([
      { content: 'At least 12 people were killed' },
    ]);
  });

  it('skips where a statement was posted ("said in a statement posted on X that ...")', () => {
    expect(claimsOf('The Malian army said in a statement posted on X that it repelled the attack.')).toMatchObject([
      { party: 'Malian army', content: 'it repelled the attack' },
    ]);
  });

  it('takes an unnamed source before an aside ("A military source, speaking on condition of anonymity, said")', () => {
    for (const text of [
      'A military source, speaking on condition of anonymity, said 20 fighters were killed.',
      'A security official, who asked not to be named, said 20 fighters were killed.',
    ]) {
      expect(claimsOf(text)).toMatchObject([{ party: null, mode: 'INDIRECT', content: '20 fighters were killed' }]);
    }
  });

  it('a quoted title in the setting is not a second quote ("said on ABC’s “This Week”")', () => {
    const [c] = claimsOf('“We are not winning yet,” Gov. Ruth Adler said on ABC’s “This Week” on Sunday.');
    expect(c).toMatchObject({ content: 'We are not winning yet', mode: 'DIRECT' });
  });

  it('reads a role or description that opens a phrase after an inverted cue', () => {
    const [c] = claimsOf('"The count is wrong," said campaign manager Robert Lyle.');
    expect(c).toMatchObject({ party: 'Robert Lyle', content: 'The count is wrong' });
    const [d] = claimsOf('"Nothing has changed," said a source close to the talks.');
    expect(d?.source).toMatch(/^a source close/);
    // A clause after the cue is the content's, not a source.
    const [e] = claimsOf('Mark Olsen, 61, who lives in Bergen, says he did not know much about Mr. Dahl.');
    expect(e).toMatchObject({ party: 'Mark Olsen', content: 'he did not know much about Mr. Dahl' });
  });
});

describe('attribution with no publication date', () => {
  it('skips a day after the cue that it cannot date ("said on Sunday it had ...")', () => {
    for (const text of [
      'The defence ministry said on Sunday it had destroyed five tanks.',
      'The defence ministry said Sunday it had destroyed five tanks.',
      'The defence ministry said three days ago that it had destroyed five tanks.',
    ]) {
      const x = extract(text);
      expect(x.claims.map((c) => [c.mode, c.content.text, c.eventDate])).toEqual([
        ['INDIRECT', 'it had destroyed five tanks', null],
      ]);
    }
  });
});

describe('attribution: cues that continue a clause', () => {
  it('gives "and said" the clause subject', () => {
    const [c] = claimsOf('Mrs. Okafor shook her head and said the vote was rigged.');
    expect(c).toMatchObject({ party: 'Okafor', cue: 'said', content: 'the vote was rigged' });
  });

  it('looks past an opening phrase and an apposition for the clause subject', () => {
    const [c] = claimsOf(
      'In a statement, Gen. Omar Diallo, the army chief, praised the troops and said the border was secure.',
    );
    expect(c).toMatchObject({ party: 'Omar Diallo', content: 'the border was secure' });
  });

  it('gives ", saying" the clause subject when no claim came before', () => {
    const [c] = claimsOf('On Friday, the judge sided with the plaintiffs, saying the law was void.');
    expect(c).toMatchObject({ source: 'the judge', cue: 'saying', content: 'the law was void' });
  });

  it('gives an infinitive cue ("was quick to add") the clause subject', () => {
    const [c] = claimsOf('Mayor Ines Calder was quick to add that the park would stay open.');
    expect(c).toMatchObject({ party: 'Ines Calder', cue: 'add', content: 'the park would stay open' });
  });

  it('a participle cue right after a source says nothing of that cue', () => {
    const got = claimsOf('The rebels took the town on Sunday, the army said, adding that troops had regrouped.');
    expect(got.map((c) => [c.cue, c.content])).toEqual([
      ['said', 'The rebels took the town on Sunday'],
      ['adding', 'troops had regrouped'],
    ]);
  });

  it('skips the audience of "told" up to its "that", colon or quote, or an object pronoun', () => {
    const [a] = claimsOf(
      'Mayor Ines Calder told a town hall in Salem, Oregon on Monday that the park would stay open.',
    );
    expect(a).toMatchObject({ party: 'Ines Calder', content: 'the park would stay open' });
    const [b] = claimsOf('Mayor Ines Calder told the crowd: “We will not close the park.”');
    expect(b).toMatchObject({ content: 'We will not close the park', mode: 'DIRECT' });
    const [c] = claimsOf('Mayor Ines Calder wrote to residents, telling them, “The park stays open.”');
    expect(c).toMatchObject({ cue: 'telling', content: 'The park stays open' });
  });

  it('finds the quote before a source phrase that starts before the name', () => {
    const [c] = claimsOf('“There are interests and there are values,” the Labour Party’s Dana Moss told the BBC.');
    expect(c).toMatchObject({ cue: 'told', content: 'There are interests and there are values', mode: 'DIRECT' });
    expect(c?.source).toContain('Dana Moss');
  });

  it('a cue that closes its sentence needs no object ("he asked.")', () => {
    const [c] = claimsOf('"Is anyone still there?" he asked.');
    expect(c).toMatchObject({ cue: 'asked', content: 'Is anyone still there' });
  });

  it('a phrase of setting after the cue is no content ("said at a rally in X")', () => {
    expect(claimsOf('Governor Tom Albers said at a rally in Dayton on Saturday.')).toEqual([]);
    const [c] = claimsOf('Governor Tom Albers said at a rally in Dayton that taxes would fall.');
    expect(c?.content).toBe('taxes would fall');
  });

  it('reads a passive cue with its agent after "by" as the agent\'s claim', () => {
    const [a] = claimsOf('The attack on the convoy was claimed by the Ansar Brigade.');
    expect(a).toMatchObject({ cue: 'claimed', content: 'The attack on the convoy' });
    expect(a?.source).toContain('Ansar Brigade');
    const [b] = claimsOf('As first reported by the Ledger, the plant will close in June.');
    expect(b).toMatchObject({ cue: 'reported', content: 'the plant will close in June' });
    expect(b?.source).toContain('Ledger');
    expect(claimsOf('The town was captured by rebels on Sunday.').filter((c) => c.cue)).toEqual([]);
  });

  it("skips adverbs between source and cue, and ends a subordinate clause's content at its comma", () => {
    const [a] = claimsOf('While Gov. Ruth Adler wrongly claimed that the mill had closed, workers were still there.');
    expect(a).toMatchObject({ party: 'Ruth Adler', cue: 'claimed', content: 'the mill had closed' });
    const [b] = claimsOf('Gov. Ruth Adler pointedly rejected the notion that she would resign.');
    expect(b).toMatchObject({ cue: 'rejected', content: 'the notion that she would resign' });
  });

  it('reads a cue form after a possessive, a demonstrative or a number as a noun', () => {
    expect(claimsOf('His remarks drew little attention.').filter((c) => c.cue)).toEqual([]);
    expect(claimsOf('Like the United States, Canada has split control.').filter((c) => c.cue)).toEqual([]);
    expect(claimsOf('In all, 691 delegates are up for grabs in five states.').filter((c) => c.cue)).toEqual([]);
  });

  it('keeps the claimant of conflict claims', () => {
    const [a] = claimsOf('The militia claimed to have killed 4 soldiers in an attack on their base.');
    expect(a).toMatchObject({ cue: 'claimed', content: 'to have killed 4 soldiers in an attack on their base' });
    const [b] = claimsOf('Local authorities said the insurgents planted the bomb near the market.');
    expect(b).toMatchObject({
      source: 'Local authorities',
      content: 'the insurgents planted the bomb near the market',
    });
  });
});

describe('attribution: verbs that take an object as what was said', () => {
  it('reads a request or a question after "asked" as its content, with the addressee', () => {
    const [a] = claimsOf('Mayor Ines Calder asked the council to delay the vote.');
    expect(a).toMatchObject({ party: 'Ines Calder', cue: 'asked', content: 'the council to delay the vote' });
    const [b] = claimsOf('The senator asked the former water commissioner Tom Albers whether the pipes were safe.');
    expect(b).toMatchObject({ cue: 'asked' });
    expect(b?.content).toContain('whether the pipes were safe');
    // An action, not a request or a question.
    expect(claimsOf('The guard asked questions and left.').filter((c) => c.cue)).toEqual([]);
  });

  it('a quote closed right before its source takes a cue with only its addressee after it', () => {
    const [c] = claimsOf('“Where is the money?” reporter Dana Moss asked him.');
    expect(c).toMatchObject({ cue: 'asked', content: 'Where is the money', mode: 'DIRECT' });
    expect(c?.source).toContain('Dana Moss');
  });

  it('what someone cites, describes, rejects or promises is their account', () => {
    const [a] = claimsOf('The auditor cited rising fuel costs as the main reason.');
    expect(a).toMatchObject({ cue: 'cited', content: 'rising fuel costs as the main reason' });
    const [b] = claimsOf('Governor Tom Albers described the flooding in the valley.');
    expect(b).toMatchObject({ cue: 'described', content: 'the flooding in the valley' });
    const [c] = claimsOf('Governor Tom Albers rejected the union’s offer on Tuesday.');
    expect(c).toMatchObject({ cue: 'rejected' });
    expect(c?.content).toContain('offer');
    const [d] = claimsOf('Governor Tom Albers promised a new bridge for the town.');
    expect(d).toMatchObject({ cue: 'promised', content: 'a new bridge for the town' });
  });

  it('keeps passives and compound adjectives out ("cited in", "described as", "self-described")', () => {
    expect(claimsOf('The figure cited in the report was wrong.').filter((c) => c.cue)).toEqual([]);
    expect(claimsOf('A man described as armed was seen near the school.').filter((c) => c.cue)).toEqual([]);
    expect(claimsOf('She is a self-described socialist from the north.').filter((c) => c.cue)).toEqual([]);
    // Not answering a request says nothing.
    expect(claimsOf('The company did not respond to a request for comment.').filter((c) => c.cue)).toEqual([]);
  });
});

describe('attribution: participle cues tied to the clause before them', () => {
  it('after a dash, "by", "before" or an adverb, the participle has the clause subject', () => {
    for (const [text, content] of [
      ['Mayor Ines Calder changed course on Monday – saying the park would stay open.', 'the park would stay open'],
      ['Mayor Ines Calder ended the meeting by saying the park would stay open.', 'the park would stay open'],
      ['Mayor Ines Calder paused before finally saying the park would stay open.', 'the park would stay open'],
      ['Mayor Ines Calder has taken aim at the council, saying the park would stay open.', 'the park would stay open'],
    ]) {
      const got = claimsOf(text!);
      expect(got).toMatchObject([{ party: 'Ines Calder', cue: 'saying', content }]);
    }
  });

  it('skips an aside after the subject and an irregular verb ("sought") to find it', () => {
    const [a] = claimsOf('Gov. Ruth Adler, in an interview on Friday, sought to calm voters, saying taxes would fall.');
    expect(a).toMatchObject({ party: 'Ruth Adler', cue: 'saying', content: 'taxes would fall' });
  });

  it('a participle of no verb of saying stays out', () => {
    expect(claimsOf('The rain kept falling, flooding the road.').filter((c) => c.cue)).toEqual([]);
  });
});

describe('attribution: sources with titles, places and asides', () => {
  it('a determined phrase with a name inside it may head a source ("one Ohio delegate said")', () => {
    const [c] = claimsOf('One Ohio delegate said the vote had been rigged.');
    expect(c).toMatchObject({ source: 'One Ohio delegate', content: 'the vote had been rigged' });
  });

  it('a sentence adverb between source and cue is skipped ("Albers however said")', () => {
    const [c] = claimsOf('Governor Tom Albers however said taxes would fall.');
    expect(c).toMatchObject({ party: 'Tom Albers', content: 'taxes would fall' });
  });

  it('reads a title word between names as part of an inverted source', () => {
    const [c] = claimsOf('“We are all props here,” said Ohio delegate Mara Quist, angered by the rules.');
    expect(c).toMatchObject({ cue: 'said', content: 'We are all props here' });
    expect(c?.source).toContain('Mara Quist');
  });

  it('finds a titled name before an aside that opens with a participle', () => {
    for (const text of [
      'Ohio delegate Mara Quist, clad in a red cape, said the vote had been rigged.',
      'Ohio delegate Mara Quist, wearing a hat covered in buttons, said the vote had been rigged.',
    ]) {
      const [c] = claimsOf(text);
      expect(c).toMatchObject({ party: 'Mara Quist', content: 'the vote had been rigged' });
    }
  });
});

describe('attribution: sources that are shares of a group or carry a clause', () => {
  it('reads a share of a group as the source ("six in 10 said", "most of them say")', () => {
    for (const [text, source] of [
      ['More than six in 10 said the tax was too high.', 'six in 10'],
      ['Two-thirds of local farmers said the tax was too high.', 'Two-thirds of local farmers'],
      ['Most of them said the tax was too high.', 'Most of them'],
      ['Some 40 percent of voters polled said the tax was too high.', 'Some 40 percent of voters polled'],
    ]) {
      expect(claimsOf(text!)).toMatchObject([{ source, content: 'the tax was too high' }]);
    }
    // A number before a plural noun is a count, not a source ("five states").
    expect(claimsOf('The law passed in five states last year.').filter((c) => c.cue)).toEqual([]);
  });

  it('keeps a participle or a relative clause inside the source', () => {
    const [a] = claimsOf('People briefed on the talks said the deal was close.');
    expect(a).toMatchObject({ source: 'People briefed on the talks', content: 'the deal was close' });
    const [b] = claimsOf('Neighbours of the plant who have complained for years say the air is worse.');
    expect(b).toMatchObject({ content: 'the air is worse' });
    expect(b?.source).toContain('Neighbours of the plant who have complained');
    const [c] = claimsOf('Donors say the fund is empty.');
    expect(c).toMatchObject({ source: 'Donors', content: 'the fund is empty' });
  });

  it('a relative clause whose verb follows the cue has the phrase before the cue as source', () => {
    const [c] = claimsOf('Fuel prices rose again, which economists say could slow the recovery.');
    expect(c).toMatchObject({ source: 'economists', cue: 'say', content: 'could slow the recovery' });
    // With a subject of its own after the cue the clause is no such gap.
    expect(
      claimsOf('It was the plan that officials say they rejected.').filter((x) => x.source === 'officials'),
    ).toEqual([]);
  });
});

describe('attribution: told, requests and long sources', () => {
  it('reads "told X to do Y" and "told X not to" as a request to X', () => {
    const [a] = claimsOf('The mayor told Tom Albers to leave the hall.');
    expect(a).toMatchObject({ source: 'The mayor', cue: 'told', content: 'to leave the hall' });
    const [b] = claimsOf('Officials told residents not to drink the water.');
    expect(b).toMatchObject({ cue: 'told', content: 'not to drink the water' });
  });

  it('a question word after the audience opens what was told', () => {
    const [c] = claimsOf('Mayor Ines Calder is telling donors at the gala how she saved the old theatre.');
    expect(c).toMatchObject({ party: 'Ines Calder', content: 'how she saved the old theatre' });
  });

  it('finds the subject of a coordinated cue past a negated verb ("did not name X, but told")', () => {
    const [c] = claimsOf('Ms. Adler did not name her rival, but told city leaders that the plan had failed.');
    expect(c).toMatchObject({ party: 'Adler', cue: 'told', content: 'the plan had failed' });
  });

  it('takes a long "according to" source up to its comma', () => {
    const [c] = claimsOf(
      'According to early results of the exit polls conducted for the networks by a research firm in Ohio, most voters were angry.',
    );
    expect(c).toMatchObject({ cue: 'According to', content: 'most voters were angry' });
    expect(c?.source).toContain('exit polls');
  });
});

describe('attribution: a clause before the source when nothing said follows the cue', () => {
  it('takes the clause before a comma and the source when a setting or an aside follows the cue', () => {
    for (const [text, source] of [
      ['Fuel prices will rise again, she said in a video message to the council.', 'she'],
      [
        'Deficits will rise this year, the budget office reported on Tuesday -- a development that worries banks.',
        'the budget office',
      ],
      ['The bridge is unsafe, Gov. Ruth Adler said, a view the engineers share.', 'Gov. Ruth Adler'],
      ['The bridge is unsafe, he said after meeting Thursday with engineers.', 'he'],
    ]) {
      const [c] = claimsOf(text!);
      expect(c?.source).toContain(source!.replace(/^Gov\. /, ''));
      expect(c?.content).toBe(text!.split(',')[0]);
    }
  });

  it('keeps content after the cue behind an opening phrase or with an infinitive', () => {
    const [a] = claimsOf('In a later vote, he warned of the dangers of cheap credit.');
    expect(a).toMatchObject({ cue: 'warned', content: 'of the dangers of cheap credit' });
    const [b] = claimsOf('Though he had doubts, Mayor Tom Albers vowed to rebuild the bridge.');
    expect(b).toMatchObject({ cue: 'vowed', content: 'to rebuild the bridge' });
  });
});

describe('attribution: questions', () => {
  it('reads "asked by X whether Y" as X asking Y', () => {
    const [a] = claimsOf('Asked by Dana Moss whether the plant would close, the mayor said it would not.');
    expect(a).toMatchObject({ party: 'Dana Moss', cue: 'Asked', content: 'whether the plant would close' });
    const [b] = claimsOf('The mayor was asked by a reporter why the plant had closed.');
    expect(b).toMatchObject({ source: 'a reporter', content: 'why the plant had closed' });
  });

  it('a question in the sentence before goes to "X asked" with only an addressee after it', () => {
    const got = claimsOf(
      'The hall was quiet. “Why are you still backing him?” Mayor Ines Calder asked the councillors.',
    );
    expect(got).toMatchObject([{ party: 'Ines Calder', cue: 'asked', content: 'Why are you still backing him' }]);
  });

  it('a one-word quote is a content ("“Denver,” he answered.")', () => {
    expect(claimsOf('“Denver,” he answered.')).toMatchObject([{ cue: 'answered', content: 'Denver', mode: 'DIRECT' }]);
    // Outside quote marks one word is not.
    expect(claimsOf('He answered questions.').filter((c) => c.cue)).toEqual([]);
  });
});

describe('attribution: more source shapes', () => {
  it('a demonstrative opening the sentence determines the source ("That person said")', () => {
    expect(claimsOf('That person said the talks had stalled.')).toMatchObject([
      { source: 'That person', content: 'the talks had stalled' },
    ]);
  });

  it('reads a long phrase with a possessive and prepositions as one source', () => {
    const [c] = claimsOf('A person familiar with the planning for Monday’s meeting says the vote will wait.');
    expect(c).toMatchObject({ cue: 'says', content: 'the vote will wait' });
    expect(c?.source).toContain('A person familiar with the planning');
  });

  it('skips an aside set off by dashes or by commas before the cue', () => {
    const [a] = claimsOf('Mara Quist — a teacher from the valley — says the school will close.');
    expect(a).toMatchObject({ party: 'Mara Quist', content: 'the school will close' });
    const [b] = claimsOf('Farm groups and local officials, however, said the dam was unsafe.');
    expect(b).toMatchObject({ cue: 'said', content: 'the dam was unsafe' });
    expect(b?.source).toContain('officials');
  });

  it('a share in percent or as a fraction is a source, and never a party', () => {
    for (const [text, source] of [
      ['42% say they are liberal.', '42%'],
      ['About 43 percent said they are liberal.', 'About 43 percent'],
      ['Three-fourths say they are liberal.', 'Three-fourths'],
    ]) {
      expect(claimsOf(text!)).toMatchObject([{ source, party: null, content: 'they are liberal' }]);
    }
  });
});

describe('attribution: cue forms that are often nouns', () => {
  it('"states", "remarks" as plural nouns are no cues', () => {
    for (const text of [
      'The party won control in eight states.',
      'She campaigned in the Midwest and Western states, including Ohio.',
      'Representative Ana Ruiz denounced the governor’s remarks.',
    ])
      expect(claimsOf(text).filter((c) => c.cue)).toEqual([]);
  });

  it('they speak after a quote, a pronoun or with "that"', () => {
    expect(claimsOf('“The plan is sound,” the document states.')).toMatchObject([
      { cue: 'states', content: 'The plan is sound' },
    ]);
    expect(claimsOf('The report states that the plan is sound.')).toMatchObject([
      { cue: 'states', content: 'the plan is sound' },
    ]);
  });
});

describe('attribution: charges and statements', () => {
  it('"charged X with Y" is a charge; "stated:" and "stated his intention" are statements', () => {
    expect(claimsOf('Prosecutors charged the driver with manslaughter.')).toMatchObject([
      { cue: 'charged', content: 'the driver with manslaughter' },
    ]);
    expect(claimsOf('The mayor stated: “The plan is dead.”')).toMatchObject([
      { cue: 'stated', content: 'The plan is dead' },
    ]);
    expect(claimsOf('Governor Tom Albers stated his intention to run again.')).toMatchObject([
      { cue: 'stated', content: 'his intention to run again' },
    ]);
    // A charge of a crowd or a fee is no accusation.
    expect(claimsOf('The crowd charged across the square.').filter((c) => c.cue)).toEqual([]);
  });

  it('finds a participle’s subject past the time of its verb', () => {
    const [c] = claimsOf('Mayor Ines Calder on Monday toured the plant, saying it would stay open.');
    expect(c).toMatchObject({ party: 'Ines Calder', cue: 'saying', content: 'it would stay open' });
  });
});

describe('attribution: the clause of an infinitive cue', () => {
  it('finds the subject after a subordinator inside the sentence ("so quiet that X was prompted to say")', () => {
    const [c] = claimsOf('The hall was so quiet that Mayor Ines Calder was prompted to say, “This is a calm night.”');
    expect(c).toMatchObject({ party: 'Ines Calder', cue: 'say', content: 'This is a calm night' });
  });

  it('"add to" and "add up" are no cues of saying', () => {
    expect(claimsOf('She won by margins big enough to add to her lead.').filter((c) => c.cue)).toEqual([]);
    expect(claimsOf('The figures he gave do not add up.').filter((c) => c.cue)).toEqual([]);
  });
});

describe('attribution: sources with plain modifiers', () => {
  it('a determiner before plain modifiers makes any head a source ("the same polling suggests")', () => {
    expect(claimsOf('But the same polling suggests that the mayor could win.')).toMatchObject([
      { source: 'the same polling', cue: 'suggests', content: 'the mayor could win' },
    ]);
  });
});

describe('attribution: a person as the object of the cue', () => {
  it('a name after "blamed", "urged" or "accused" is its object, the source the name before the apposition', () => {
    const [c] = claimsOf('Mara Quist, a farmer who came to the rally, blamed Tom Albers for the drought.');
    expect(c).toMatchObject({ party: 'Mara Quist', cue: 'blamed', content: 'Tom Albers for the drought' });
    // After "said" a name is still an inverted source.
    const [d] = claimsOf('“We will win,” said Governor Tom Albers in a statement.');
    expect(d).toMatchObject({ party: 'Tom Albers', content: 'We will win' });
  });

  it('"repeated accusations that ..." repeats a claim; "repeated the exercise" does not', () => {
    const [c] = claimsOf('Gov. Ruth Adler repeated accusations that the mill had polluted the river.');
    expect(c).toMatchObject({ cue: 'repeated', content: 'accusations that the mill had polluted the river' });
    expect(claimsOf('He repeated the exercise twice.').filter((x) => x.cue)).toEqual([]);
  });
});

describe('attribution: quotes and clauses closed before their source', () => {
  it('a cue right after a closed quote and its source closes it, whatever follows', () => {
    const [a] = claimsOf('“I would vote against them,” he joked with reporters after a town hall in Dayton.');
    expect(a).toMatchObject({ cue: 'joked', content: 'I would vote against them', mode: 'DIRECT' });
    const [b] = claimsOf("''That was no way to treat me,'' he complained to a visitor afterward.");
    expect(b).toMatchObject({ cue: 'complained', content: 'That was no way to treat me' });
  });

  it('an opening phrase of place or time may stand before the clause said', () => {
    const [c] = claimsOf('In Dayton on March 1, Ms. Quist was shocked by the crowd, she said in an interview later.');
    expect(c).toMatchObject({ cue: 'said', content: 'In Dayton on March 1, Ms. Quist was shocked by the crowd' });
  });
});

describe('attribution: a relative clause between the source and its verb', () => {
  it('"Hamas, which runs Gaza, said …": the clause is an aside; its own cue says only what is in it', () => {
    expect(claimsOf('Hamas, which runs Gaza, said 20 people were killed.')).toEqual([
      { source: 'Hamas', party: 'Hamas', cue: 'said', content: '20 people were killed', mode: 'INDIRECT' },
    ]);
    const claims = claimsOf('The group, which has denied any role in the killings, said an inquiry would be opened.');
    expect(claims.map((c) => [c.cue, c.content])).toEqual([
      ['denied', 'any role in the killings'],
      ['said', 'an inquiry would be opened'],
    ]);
    // Commas inside the clause's content that no verb follows stay in it.
    expect(claimsOf('Cruz, who said Iran, Iraq and Syria were dangerous, spoke last.')[0]?.content).toBe(
      'Iran, Iraq and Syria were dangerous',
    );
  });
});

describe('attribution: "according to" set off inside its clause', () => {
  it('"The toll has, according to UN figures, doubled": the content is the whole clause, not its subject alone', () => {
    const [claim] = claimsOf('The number of displaced people has, according to UN figures, doubled since January.');
    expect(claim?.cue).toBe('according to');
    expect(claim?.content).toMatch(/^The number of displaced people has, .*doubled since January$/);
  });
});

describe('attribution: a quote over two sentences before its cue', () => {
  it('"“A. B,” said X": the quote opened in the sentence before is the start of the claim\'s words', () => {
    const x = extract('“The city is surrounded. We have no water and no medicine,” said the mayor, Ali Hassan.', meta);
    const said = x.claims.filter((c) => c.mode === 'DIRECT');
    expect(said.map((c) => c.content.text)).toEqual(['The city is surrounded. We have no water and no medicine']);
    // Its first sentence is no account of the outlet's own.
    expect(x.claims.filter((c) => c.mode === 'NARRATED')).toEqual([]);
    expect(x.cleanText.slice(said[0]!.evidence.start, said[0]!.evidence.end)).toContain(said[0]!.content.text);
  });
});
