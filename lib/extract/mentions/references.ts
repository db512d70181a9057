/** Pass 3: lower-case references to a party named before ("the ministry", "the president"). */
import { CUE_FORMS } from '../cues.js';
import { REFERENCE_ORGANISATION_HEADS } from '../lexicon/mention-words.js';
import { PERSON_ROLE_WORDS } from '../lexicon/roles.js';
import type { Scan } from './scan.js';
import { HEAD_TRIE, headKind, isVerbAfterSubject, longest, TITLE_TRIE } from './shared.js';

export function references(s: Scan): void {
  s.rule = 'reference';
  const { tokens, used } = s;
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const t = tokens[i]!;
    if (t.lower !== 'the' && t.lower !== 'this' && t.lower !== 'that') continue;
    const hit = longest(HEAD_TRIE, tokens, i + 1) ?? longest(TITLE_TRIE, tokens, i + 1);
    if (!hit) continue;
    const [end, head] = hit;
    if (tokens.slice(i + 1, end).some((x, k) => used[i + 1 + k] || x.cap)) continue;
    const after = tokens[end];
    // "the ministry of ...", "the army's", "the army base": not a reference on its own.
    if (
      after &&
      (after.lower === 'of' ||
        after.lower === "'s" ||
        after.lower === '’s' ||
        (after.kind === 'word' &&
          !CUE_FORMS.has(after.lower) &&
          /^[a-z]/.test(after.text) &&
          !isVerbAfterSubject(after)))
    )
      continue;
    if (!PERSON_ROLE_WORDS.has(head) && headKind(head) === 'ORGANIZATION' && !REFERENCE_ORGANISATION_HEADS.has(head))
      continue;
    s.addPartyAsIs(i, end, {
      kind: PERSON_ROLE_WORDS.has(head.split(' ').pop()!) && headKind(head) === 'PERSON' ? 'PERSON' : headKind(head),
      name: '',
      affiliation: null,
      head,
      knownAliases: [],
      reference: true,
    });
  }
}
