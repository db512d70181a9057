/** Chunk rule: an unknown name before a force or group noun ("Ambazonian separatists", "Maoist rebels", "NAS forces"). */
import { DATE_WORDS, GENERIC_ACTOR_MODIFIERS, NOT_FORCE_NOUNS } from '../lexicon/mention-words.js';
import { NON_ACTOR_HEADS, TIME_NAME_WORDS } from '../lexicon/roles.js';
import { isFirstName } from '../wordclass.js';
import type { Chunk } from './chunks.js';
import type { Scan } from './scan.js';
import { atSentenceStart, canonicalHead, forceHead, headKind } from './shared.js';

export function forceNoun(s: Scan, { from, to, name }: Chunk): boolean {
  const force = forceHead(s.tokens, to);
  if (
    !force ||
    to - from > 3 ||
    NON_ACTOR_HEADS.has(force[1]) ||
    isFirstName(s.tokens[from]!.text) ||
    NOT_FORCE_NOUNS.has(force[1]) ||
    // "Christmas Day attackers", "Sunday demonstrators": when they acted, not who they are.
    s.tokens.slice(from, to).some((t) => DATE_WORDS.has(t.lower) || TIME_NAME_WORDS.has(t.lower))
  )
    return false;
  // "Ethnic armed groups" opening a sentence: a common modifier, capitalised only there.
  const common =
    to - from === 1 && atSentenceStart(s.tokens, from) && GENERIC_ACTOR_MODIFIERS.has(s.tokens[from]!.lower);
  s.addParty(from, force[0], {
    kind: headKind(force[1]),
    name: `${common ? name.toLowerCase() : name} ${canonicalHead(force[1])}`,
    affiliation: null,
    head: force[1],
    knownAliases: [],
    reference: false,
  });
  return true;
}
