/** The mentions the passes produce: raw parties and places, each with the rule that made it. */
import type { LocationPrecision, PartyKind, PlaceUse } from '../types.js';

export interface PartyMention {
  type: 'party';
  sentence: number;
  /** Token range [from, to) within the sentence. */
  from: number;
  to: number;
  start: number;
  end: number;
  kind: PartyKind;
  /** Canonical name; for references, empty until resolved. */
  name: string;
  affiliation: string | null;
  /** Lower-case head noun ("ministry", "forces") or title ("president") for reference matching. */
  head: string | null;
  /** Known-party aliases to carry over. */
  knownAliases: string[];
  /** The rule (pass) that made it ("known-party", "chunk/head-noun"), for `npm run eval -- --explain`. */
  rule: string;
  /** "the ministry", "the president": refers back to an earlier party. */
  reference: boolean;
}

export interface PlaceMention {
  type: 'place';
  sentence: number;
  from: number;
  to: number;
  start: number;
  end: number;
  name: string;
  /** Found by a pattern only ("the village of X"): not in the gazetteer by this name. */
  patternOnly: boolean;
  /**
   * A common noun phrase, not a name: a site ("an ISIL-held building", "two bridges"), never
   * looked up in the gazetteer; or a reference ("the city") to a place named before, with the
   * precisions that place may have.
   */
  common?: 'site' | 'reference';
  refersTo?: readonly LocationPrecision[];
  /** How the name is used: a place, a state acting ("Iran said"), a demonym ("Iraqi"). */
  use: PlaceUse;
  /** The rule (pass) that made it ("chunk/gazetteer-or-pattern", "chunk/after-place-preposition"). */
  rule: string;
}

export type Mention = PartyMention | PlaceMention;

export interface MentionContext {
  /** Surnames of people already seen in the article → their canonical names. */
  surnames: Map<string, string>;
}

/** The fields a rule gives a party; the scan adds the sentence, span and rule. */
export type PartyFields = Omit<PartyMention, 'type' | 'sentence' | 'from' | 'to' | 'start' | 'end' | 'rule'>;

/** A possessive state right before a chunk ("Russia's Defence Ministry"): it owns the chunk. */
export interface Owner {
  /** Token where the possessive owner starts. */
  from: number;
  code: string;
  demonym: string;
}
