/**
 * Pass 2b: bodies named by their level and head, with no state or name ("local authorities
 * said", "Security forces killed", "provincial police"): a party of their own, so the claim
 * they make keeps its claimant.
 */
import { LEVEL_ADJECTIVES } from '../lexicon/mention-words.js';
import { isCommonNoun, isVerbForm } from '../wordclass.js';
import type { Scan } from './scan.js';
import { atSentenceStart, extendLowerHead, headKind } from './shared.js';

export function levelBodies(s: Scan): void {
  s.rule = 'level-body';
  const { tokens, used } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (used[i] || !LEVEL_ADJECTIVES.has(t.lower) || (t.cap && !atSentenceStart(tokens, i))) continue;
    // "security forces" is a head itself; "local security forces" takes the adjective before it.
    const own = extendLowerHead(tokens, i);
    const ext = extendLowerHead(tokens, i + 1) ?? (own && own[0] > i + 1 ? own : null);
    if (!ext || used[ext[0] - 1]) continue;
    // "military hardware", "security forces personnel": the head qualifies a noun after it.
    const after = tokens[ext[0]];
    if (after?.kind === 'word' && !after.cap && isCommonNoun(after.text) && !isVerbForm(after.text)) continue;
    const kind = headKind(ext[1]);
    if (kind !== 'GOVERNMENT_BODY' && kind !== 'ARMED_FORCE') continue;
    const name = s.slice(i, ext[0]);
    s.addParty(i, ext[0], {
      kind,
      name: name[0]!.toUpperCase() + name.slice(1),
      affiliation: null,
      head: ext[1],
      knownAliases: [],
      reference: false,
    });
    i = ext[0] - 1;
  }
}
