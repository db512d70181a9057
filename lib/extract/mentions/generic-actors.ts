/**
 * Pass 3b: sides named by a common noun ("militants", "enemy forces", "the coalition", "the
 * international community"): parties of their own, as conflict reporting names them, once no
 * name or state took the words.
 */
import {
  GENERIC_ACTOR_HEADS,
  GENERIC_ACTOR_HEADS_MODIFIED,
  GENERIC_ACTOR_MODIFIERS,
} from '../lexicon/mention-words.js';
import { GROUP_REFERENCE_ADJECTIVES, GROUP_REFERENCE_DETERMINERS, GROUP_REFERENCE_HEADS } from '../lexicon/roles.js';
import type { Scan } from './scan.js';
import { isCommonNoun, isVerbForm } from '../wordclass.js';
import { atSentenceStart, buildSetTrie, headKind, longest, tokenKey } from './shared.js';

const GENERIC_TRIE = buildSetTrie(GENERIC_ACTOR_HEADS);

export function genericActors(s: Scan): void {
  groupReferences(s);
  s.rule = 'generic-actor';
  const { tokens, used } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    // "Protesters blocked the road": a head that opens the sentence is capitalised only for that.
    if (used[i] || (t.cap && !atSentenceStart(tokens, i)) || t.kind !== 'word') continue;
    const hit = longest(GENERIC_TRIE, tokens, i);
    if (!hit) continue;
    const [end, head] = hit;
    if (tokens.slice(i, end).some((x, k) => used[i + k] || (x.cap && k > 0))) continue;
    // "enemy forces", "the global coalition": modifiers before the head belong to it.
    let from = i;
    while (
      from > 0 &&
      !used[from - 1] &&
      (!tokens[from - 1]!.cap || atSentenceStart(tokens, from - 1)) &&
      (GENERIC_ACTOR_MODIFIERS.has(tokenKey(tokens[from - 1]!)) || GENERIC_ACTOR_MODIFIERS.has(tokens[from - 1]!.lower))
    )
      from--;
    if (from === i && GENERIC_ACTOR_HEADS_MODIFIED.has(head)) continue;
    // "the enemy" alone is a side; "enemy" before another noun qualifies it.
    const next = tokens[end];
    if (head === 'enemy' && next?.kind === 'word' && !next.cap && isCommonNoun(next.text) && !isVerbForm(next.text))
      continue;
    // "a coalition of parties", "forces of X": the owner names them (an earlier pass), not the head.
    if (tokens[end]?.lower === 'of') continue;
    const name = s.slice(from, end).toLowerCase();
    const kind = headKind(head);
    s.addParty(from, end, {
      // "gunmen", "the enemy": a side, not an institution.
      kind: kind === 'ORGANIZATION' ? 'GROUP' : kind,
      name,
      affiliation: null,
      head,
      knownAliases: [],
      reference: false,
    });
    i = end - 1;
  }
}

/**
 * "the militant group", "this terrorist organization": a group named before, described by what it
 * is; the registry finds which. Left unresolved it names no one.
 */
function groupReferences(s: Scan): void {
  s.rule = 'group-reference';
  const { tokens, used } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (used[i] || !GROUP_REFERENCE_DETERMINERS.has(t.lower)) continue;
    let j = i + 1;
    while (j < i + 3 && tokens[j] && !used[j] && !tokens[j]!.cap && GROUP_REFERENCE_ADJECTIVES.has(tokens[j]!.lower))
      j++;
    const head = tokens[j];
    if (j === i + 1 || !head || used[j] || head.cap || !GROUP_REFERENCE_HEADS.has(head.lower)) continue;
    // "the militant group's leader" is still the group; "the militant group Hamas" names it (a known party).
    if (tokens[j + 1]?.cap && tokens[j + 1]!.kind === 'word') continue;
    s.addPartyAsIs(i, j + 1, {
      kind: 'GROUP',
      name: '',
      affiliation: null,
      head: head.lower,
      knownAliases: [],
      reference: true,
    });
    i = j;
  }
}
