/** Chunk rule: a demonym before a party noun ("Azerbaijani forces", "Israeli officials") or a people ("Azeris"). */
import { countryOfName } from '../geo.js';
import { NON_ACTOR_HEADS, POSSESSIVE_PLACE_ADJECTIVES, POSSESSIVE_PLACE_NOUNS } from '../lexicon/roles.js';
import type { Chunk } from './chunks.js';
import type { Scan } from './scan.js';
import { canonicalHead, extendLowerHead, headKind, isPossessiveMark, titleCase } from './shared.js';

export function demonymHead(s: Scan, { from, to, name }: Chunk): boolean {
  const demonym = s.resolveDemonymToken(from, to);
  if (!demonym) return false;
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
