/** Chunk rule: a demonym before a party noun ("Azerbaijani forces", "Israeli officials") or a people ("Azeris"). */
import { foldName } from '../../names.js';
import { countryOfName, resolveDemonym } from '../geo.js';
import { PEOPLES } from '../lexicon/mention-words.js';
import { STATELESS_DEMONYMS } from '../lexicon/parties.js';
import { NON_ACTOR_HEADS, POSSESSIVE_PLACE_ADJECTIVES, POSSESSIVE_PLACE_NOUNS } from '../lexicon/roles.js';
import type { Chunk } from './chunks.js';
import type { Scan } from './scan.js';
import { canonicalHead, extendLowerHead, headKind, isPossessiveMark, titleCase } from './shared.js';

export function demonymHead(s: Scan, { from, to, name }: Chunk): boolean {
  const demonym = s.resolveDemonymToken(from, to);
  if (!demonym) return demonymPeople(s, from, to);
  // "Myanmar's junta": a country's name that is also its adjective owns what follows, as a country does.
  if (isPossessiveMark(s.tokens[to], s.tokens[to - 1]) && countryOfName(name)) return false;
  const lowerExt = extendLowerHead(s.tokens, to);
  if (lowerExt) {
    const head = lowerExt[1];
    if (NON_ACTOR_HEADS.has(head)) return true;
    s.addParty(from, lowerExt[0], {
      kind: headKind(head),
      name: `${demonym.demonym} ${canonicalHead(head)}`,
      affiliation: demonym.code ?? demonym.demonym,
      head,
      knownAliases: [],
      reference: false,
    });
    return true;
  }
  // "Hungarian and Romanian officials": the first demonym shares the second's head.
  const shared = sharedHead(s, to);
  if (shared && !NON_ACTOR_HEADS.has(shared)) {
    s.addParty(from, to, {
      kind: headKind(shared),
      name: `${demonym.demonym} ${canonicalHead(shared)}`,
      affiliation: demonym.code ?? demonym.demonym,
      head: shared,
      knownAliases: [],
      reference: false,
    });
    return true;
  }
  if (demonym.plural) {
    s.addParty(from, to, {
      kind: 'GROUP',
      name: `${titleCase(s.tokens[from]!.lower)}`,
      affiliation: demonym.code,
      head: null,
      knownAliases: [],
      reference: false,
    });
  }
  // A country's own name before a noun acts ("a U.S. strike", "U.S. assistance"), unless the
  // noun is a part of its land ("U.S. territory").
  const next = s.tokens[to];
  if (
    next?.kind === 'word' &&
    !next.cap &&
    countryOfName(name) &&
    // "a U.S. strike", "Myanmar troops": a name or abbreviation; "a Saudi businessman" is an adjective.
    (/^(?:[A-Z]\.?){2,}$/.test(name) || foldName(countryOfName(name)!.name) === foldName(name)) &&
    !POSSESSIVE_PLACE_NOUNS.has(next.lower) &&
    !POSSESSIVE_PLACE_ADJECTIVES.has(next.lower)
  ) {
    const country = countryOfName(name)!;
    s.addParty(from, to, {
      kind: 'STATE',
      name: country.name,
      affiliation: country.code,
      head: null,
      knownAliases: [],
      reference: false,
    });
  }
  // Otherwise an adjective ("Armenian sites"): nothing.
  return true;
}

/** The head after "and <demonym>" that a demonym before it shares ("Hungarian and Romanian officials"). */
function sharedHead(s: Scan, to: number): string | null {
  const { tokens } = s;
  if (tokens[to]?.lower !== 'and' || !tokens[to + 1]?.cap || !s.resolveDemonymToken(to + 1, to + 2)) return null;
  return extendLowerHead(tokens, to + 2)?.[1] ?? null;
}

/** "Iraqi Kurds", "Bosnian Serbs": a people named with the state it lives in, a group of that state. */
function demonymPeople(s: Scan, from: number, to: number): boolean {
  if (to - from !== 2) return false;
  const state = s.resolveDemonymToken(from, from + 1);
  const people = s.tokens[from + 1]!;
  if (!state?.code || state.plural || !isPeople(people.text)) return false;
  s.addParty(from, to, {
    kind: 'GROUP',
    name: s.slice(from, to),
    affiliation: state.code,
    head: null,
    knownAliases: [],
    reference: false,
  });
  return true;
}

/** A people's plural name ("Kurds", "Serbs", "Albanians", "Tutsis"). */
function isPeople(word: string): boolean {
  if (!/s$/.test(word)) return false;
  const lower = word.toLowerCase();
  const singular = lower.slice(0, -1);
  return (
    !!resolveDemonym(word)?.plural ||
    !!resolveDemonym(singular) ||
    STATELESS_DEMONYMS.has(lower) ||
    PEOPLES.has(lower) ||
    PEOPLES.has(singular)
  );
}
