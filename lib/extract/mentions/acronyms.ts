/** Chunk rules for acronyms: one in brackets after a party is that party; any other is an organisation unless a place. */
import { NON_PARTY_ACRONYMS } from '../lexicon/words.js';
import type { Chunk } from './chunks.js';
import type { Scan } from './scan.js';
import { isAcronym } from './shared.js';
import type { PartyMention } from './types.js';

/** "National Liberation Army (ELN)": the acronym in brackets after a party is that party. */
export function bracketedAcronym(s: Scan, { from, to }: Chunk): boolean {
  const { tokens } = s;
  const first = tokens[from]!;
  if (!(to - from === 1 && isAcronym(first) && tokens[from - 1]?.text === '(' && tokens[to]?.text === ')'))
    return false;
  const before = [...s.out].reverse().find((m): m is PartyMention => m.type === 'party' && m.to === from - 1);
  if (!before?.name) return false;
  s.addParty(from, to, {
    kind: before.kind,
    name: before.name,
    affiliation: before.affiliation,
    head: before.head,
    knownAliases: [first.text],
    reference: false,
  });
  return true;
}

/** Acronyms: organisations ("SDF", "YPG"); places were taken by the gazetteer rule before. */
export function acronym(s: Scan, { from, to }: Chunk): boolean {
  const first = s.tokens[from]!;
  if (!(to - from === 1 && isAcronym(first) && !NON_PARTY_ACRONYMS.has(first.text.replace(/\./g, '')))) return false;
  s.addParty(from, to, {
    kind: 'ORGANIZATION',
    name: first.text.replace(/\./g, ''),
    affiliation: null,
    head: null,
    knownAliases: [],
    reference: false,
  });
  return true;
}
