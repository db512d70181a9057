/**
 * One sentence being scanned: its tokens, the tokens passes have taken, the mentions so far and
 * the rule now adding them. Every pass works on a Scan, in the order index.ts runs them.
 */
import { foldName } from '../../names.js';
import { resolveDemonym } from '../geo.js';
import { STATELESS_DEMONYMS } from '../lexicon/parties.js';
import type { Sentence } from '../sentences.js';
import type { Token } from '../tokens.js';
import { KNOWN_BY_NAME } from './shared.js';
import type { Mention, MentionContext, Owner, PartyFields, PartyMention, PlaceMention } from './types.js';

export class Scan {
  readonly tokens: Token[];
  readonly out: Mention[] = [];
  readonly used: boolean[];
  /** The rule now adding mentions: every mention records it, for `npm run eval -- --explain`. */
  rule = '';
  /** The capitalised chunks of the sentence, found once the known parties are taken. */
  chunkList: [number, number][] = [];
  /** Classifies a chunk by the chunk rules (set by the chunk pass; a possessive state classifies what it owns). */
  classifyChunk: (from: number, to: number, owner?: Owner) => void = () => {};

  constructor(
    readonly sentence: Sentence,
    readonly text: string,
    readonly ctx: MentionContext,
  ) {
    this.tokens = sentence.tokens;
    this.used = new Array<boolean>(this.tokens.length).fill(false);
  }

  mark(from: number, to: number): void {
    for (let k = from; k < to; k++) this.used[k] = true;
  }

  isUsed(k: number): boolean {
    return k < this.tokens.length && this.used[k]!;
  }

  span(from: number, to: number): { start: number; end: number } {
    return { start: this.tokens[from]!.start, end: this.tokens[to - 1]!.end };
  }

  /** The text of tokens [from, to). */
  slice(from: number, to: number): string {
    return this.text.slice(this.tokens[from]!.start, this.tokens[to - 1]!.end);
  }

  /** A party as a rule built it; a built name that is a known party's is that party, and organisations take their "the". */
  addParty(from: number, to: number, fields: PartyFields): void {
    let p = fields;
    // A built name that is a known party's name or alias is that party ("Sudan's army" → Sudanese Armed Forces).
    // Not a side named by common nouns only: "the coalition" is not the Coalition against ISIS by that word alone.
    const named = p.name && /\p{Lu}/u.test(p.name);
    const known = p.kind !== 'PERSON' && named ? KNOWN_BY_NAME.get(foldName(p.name)) : undefined;
    if (known)
      p = {
        ...p,
        name: known.name,
        kind: known.kind,
        affiliation: known.affiliation ?? p.affiliation,
        knownAliases: [known.name, ...known.aliases],
      };
    // Organisations take their article ("the Defense Ministry of ..."); people do not.
    let f = from;
    const prev = this.tokens[f - 1];
    if (p.kind !== 'PERSON' && prev && prev.lower === 'the' && !this.used[f - 1]) f -= 1;
    this.out.push({
      type: 'party',
      sentence: this.sentence.index,
      from: f,
      to,
      ...this.span(f, to),
      ...p,
      rule: this.rule,
    });
    this.mark(f, to);
  }

  /** A party exactly over [from, to), as given: references and bare heads; marks its tokens. */
  addPartyAsIs(from: number, to: number, fields: PartyFields): void {
    const m: PartyMention = {
      type: 'party',
      sentence: this.sentence.index,
      from,
      to,
      ...this.span(from, to),
      ...fields,
      rule: this.rule,
    };
    this.out.push(m);
    this.mark(from, to);
  }

  /** A place over [from, to); marks its tokens. */
  addPlace(from: number, to: number, name: string, patternOnly: boolean): void {
    this.notePlace(from, to, name, patternOnly);
    this.mark(from, to);
  }

  /** A place mentioned inside another mention's span ("the Baku government" names Baku): tokens stay as they are. */
  notePlace(from: number, to: number, name: string, patternOnly: boolean, extra?: Partial<PlaceMention>): void {
    this.out.push({
      type: 'place',
      sentence: this.sentence.index,
      from,
      to,
      ...this.span(from, to),
      name,
      patternOnly,
      use: 'PLACE',
      rule: this.rule,
      ...extra,
    });
  }

  /** A demonym over [from, to) ("Azerbaijani", "Iraqi Kurdish"), unless one of a people with no state. */
  resolveDemonymToken(from: number, to: number) {
    if (to <= from) return null;
    const phrase = this.slice(from, to);
    const key = foldName(phrase);
    if (STATELESS_DEMONYMS.has(key)) return null;
    const r = resolveDemonym(phrase);
    if (!r) return null;
    return { ...r, exact: true };
  }
}
