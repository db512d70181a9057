/** Pass 1: known parties from the lexicon, longest match first; short acronyms only in capitals. */
import { canonicalHead, extendLowerHead, headKind, isJoinedParticleName, KNOWN_TRIE, longest } from './shared.js';
import type { Scan } from './scan.js';
import { foldName } from '../../names.js';
import { NON_ACTOR_HEADS } from '../lexicon/roles.js';

export function knownParties(s: Scan): void {
  s.rule = 'known-party';
  const { tokens, text } = s;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!(t.cap || /^\d/.test(t.text) || isJoinedParticleName(t))) continue;
    const hit = longest(KNOWN_TRIE, tokens, i);
    if (!hit) continue;
    const [end, entry] = hit;
    const surface = text.slice(tokens[i]!.start, tokens[end - 1]!.end);
    if (entry.caseSensitive && surface.replace(/[.\s]/g, '') !== entry.caseSensitive) continue;
    const extended = extendLowerHead(tokens, end);
    // "RSF positions", "Hamas drones": hardware or positions of the party are the party itself.
    // "IDF soldiers", "FARDC troops": a force's own members are the force, under its own name.
    const ownMembers = extended && entry.party.kind === 'ARMED_FORCE' && headKind(extended[1]) === 'ARMED_FORCE';
    if (extended && !ownMembers && !entry.party.kind.startsWith('MEDIA') && !NON_ACTOR_HEADS.has(extended[1])) {
      // "Hamas fighters", "Wagner units": a body of the known party.
      const head = extended[1];
      // "Houthi forces", not "Houthis forces": a plural name stands before its head as the text writes it.
      const singular = foldName(surface) === foldName(entry.party.name.replace(/s$/, ''));
      s.addParty(i, extended[0], {
        kind: headKind(head),
        name: `${singular ? surface : entry.party.name} ${canonicalHead(head)}`,
        affiliation: entry.party.affiliation ?? entry.party.name,
        head,
        knownAliases: [],
        reference: false,
      });
    } else {
      s.addParty(i, ownMembers ? extended[0] : end, {
        kind: entry.party.kind,
        name: entry.party.name,
        affiliation: entry.party.affiliation,
        head: null,
        knownAliases: [entry.party.name, ...entry.party.aliases],
        reference: false,
      });
    }
    i = end - 1;
  }
}
