/** Chunk rule: a demonym before a party noun ("Azerbaijani forces", "Israeli officials") or a people ("Azeris"). */
import { NON_ACTOR_HEADS } from '../lexicon/roles.js';
import type { Chunk } from './chunks.js';
import type { Scan } from './scan.js';
import { canonicalHead, extendLowerHead, headKind, titleCase } from './shared.js';

export function demonymHead(s: Scan, { from, to }: Chunk): boolean {
  const demonym = s.resolveDemonymToken(from, to);
  if (!demonym) return false;
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
  // Otherwise an adjective ("Armenian sites"): nothing.
  return true;
}
