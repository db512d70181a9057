/**
 * Pass 0: forces named by whom they side with or who leads them ("pro-Houthi forces", "the
 * Saudi-led coalition", "anti-Houthi National Resistance forces") and "forces of X".
 */
import { countryOfName, demonymOf, isKnownPlace } from '../geo.js';
import {
  ALIGNED_COMPOUND,
  GENERIC_ACTOR_MODIFIERS,
  FORCES_OF,
  FORCES_OF_QUALIFIERS,
  LED_COMPOUND,
  LED_SUFFIXES,
} from '../lexicon/mention-words.js';
import type { Token } from '../tokens.js';
import { ARMED_FORCE_HEADS } from '../lexicon/roles.js';
import type { Scan } from './scan.js';
import {
  affiliationOf,
  atSentenceStart,
  canonicalHead,
  forceHead,
  headKind,
  isNameToken,
  KNOWN_TRIE,
  longest,
} from './shared.js';

export function alignedForces(s: Scan): void {
  s.rule = 'aligned-forces';
  const { tokens, text, used } = s;
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const t = tokens[i]!;
    const aligned = ALIGNED_COMPOUND.exec(t.text);
    const split = aligned ? 0 : splitLedCompound(tokens, i);
    const led = aligned ? null : split ? [t.text, t.text] : LED_COMPOUND.exec(t.text);
    if (aligned || led) {
      const compoundEnd = i + 1 + split;
      let j = compoundEnd;
      while (j < tokens.length && j < i + 5 && tokens[j]!.cap && !used[j] && isNameToken(tokens[j]!)) j++;
      // "Iranian-backed Houthi rebels": a known party inside is that party, found by its own rule.
      if (j > compoundEnd && longest(KNOWN_TRIE, tokens, compoundEnd)) continue;
      const ext = forceHead(tokens, j);
      if (!ext) continue;
      const side = aligned ? aligned[2]! : led![1]!;
      // "Government-aligned forces" opening a sentence: a common word, capitalised only there, names no one.
      if (!aligned && atSentenceStart(tokens, i) && GENERIC_ACTOR_MODIFIERS.has(t.lower)) continue;
      const against = aligned ? aligned[1]!.toLowerCase() === 'anti' : false;
      const inner = j > compoundEnd ? text.slice(tokens[compoundEnd]!.start, tokens[j - 1]!.end) : '';
      const lead = aligned ? `${aligned[1]!.toLowerCase()}-${side}` : text.slice(t.start, tokens[compoundEnd - 1]!.end);
      const name = inner
        ? `${inner} ${canonicalHead(ext[1])}`
        : `${lead[0]!.toUpperCase()}${lead.slice(1)} ${canonicalHead(ext[1])}`;
      s.addParty(i, ext[0], {
        kind: headKind(ext[1]),
        name,
        affiliation: against ? null : (affiliationOf(side) ?? side),
        head: ext[1],
        knownAliases: inner ? [`${lead} ${inner} ${ext[1]}`] : [],
        reference: false,
      });
      i = ext[0] - 1;
      continue;
    }
    // "military forces of Artsakh", "troops of the DPR"
    if (FORCES_OF.has(t.lower) && tokens[i + 1]?.lower === 'of') {
      let k = i + 2;
      if (tokens[k]?.lower === 'the') k++;
      let e = k;
      while (e < tokens.length && e < k + 3 && tokens[e]!.cap && !used[e] && isNameToken(tokens[e]!)) e++;
      if (e === k) continue;
      const owner = text.slice(tokens[k]!.start, tokens[e - 1]!.end);
      const country = countryOfName(owner);
      if (!country && !isKnownPlace(owner)) continue;
      const from = i > 0 && FORCES_OF_QUALIFIERS.has(tokens[i - 1]!.lower) && !used[i - 1] ? i - 1 : i;
      const head = from < i ? `${tokens[from]!.lower} ${t.lower}` : t.lower;
      const ownerName = country ? (demonymOf(country.code) ?? country.name) : owner;
      s.addParty(from, e, {
        kind: 'ARMED_FORCE',
        name: `${ownerName} ${canonicalHead(ARMED_FORCE_HEADS.has(head) ? head : t.lower)}`,
        affiliation: country?.code ?? owner,
        head: t.lower,
        knownAliases: [],
        reference: false,
      });
      // The owner is a place mentioned too.
      if (!country) s.notePlace(k, e, owner, false);
      i = e - 1;
    }
  }
}

/** "U.S.-led": a dotted acronym splits from its "-led" into three tokens; the two more it spans, else 0. */
function splitLedCompound(tokens: Token[], i: number): number {
  const [t, dash, word] = [tokens[i]!, tokens[i + 1], tokens[i + 2]];
  return /^(?:[A-Z]\.){2,}$/.test(t.text) &&
    dash?.text === '-' &&
    dash.start === t.end &&
    word?.start === dash.end &&
    LED_SUFFIXES.includes(word.lower)
    ? 2
    : 0;
}
