/**
 * The contract between extraction and storage. Extraction is a pure function of the
 * raw text (and the article's publication date): no I/O but the lazily loaded gazetteer.
 * Every span is a pair of UTF-16 offsets into `Extraction.cleanText`.
 */

export interface Span {
  start: number;
  end: number;
  text: string;
}

export const PARTY_KINDS = [
  'PERSON',
  'GOVERNMENT_BODY',
  'ARMED_FORCE',
  'STATE',
  'ORGANIZATION',
  'GROUP',
  'MEDIA',
  'OTHER',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const CLAIM_KINDS = [
  'ATTACK',
  'TERRITORIAL_CONTROL',
  'CASUALTIES',
  'MOVEMENT',
  'STATEMENT',
  'DENIAL',
  'OTHER',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/**
 * DIRECT: a party quoted; INDIRECT: a party's statement reported; NARRATED: the article's own
 * voice ("... clashed in Saliboko, resulting in 9 rebels killed"), with no claimant.
 */
export const CLAIM_MODES = ['DIRECT', 'INDIRECT', 'NARRATED'] as const;
export type ClaimMode = (typeof CLAIM_MODES)[number];

export const LOCATION_PRECISIONS = ['POINT', 'CITY', 'REGION', 'COUNTRY', 'UNRESOLVED'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];

export const QUANTITY_KINDS = ['KILLED', 'WOUNDED', 'CAPTURED', 'DISPLACED', 'OTHER'] as const;
export type QuantityKind = (typeof QUANTITY_KINDS)[number];

export interface Quantity {
  kind: QuantityKind;
  /** The number, or the lower bound of a range ("1-2 policemen" → 1). */
  value: number;
  /** The upper bound of a range ("1-2 policemen" → 2); null for a single number. */
  maxValue?: number | null;
  /** YYYY-MM-DD: the count runs since this date ("1,221 since 27 September"). */
  since: string | null;
}

export interface ExtractedParty {
  /** Local key, unique within one Extraction; claims refer to parties by it. */
  key: string;
  /** Canonical name ("Azerbaijani Defense Ministry"), the same for one actor in every article. */
  name: string;
  /** Other names seen or known for the actor ("Azeri Defense Ministry", "the Defense Ministry of ..."). */
  aliases: string[];
  kind: PartyKind;
  /** ISO 3166-1 alpha-2 code of the state it belongs to, or a free-text affiliation. */
  affiliation: string | null;
  mentions: Span[];
}

export interface GeoCandidate {
  name: string;
  latitude: number;
  longitude: number;
  countryCode: string | null;
  geonamesId: number | null;
}

/**
 * How a mention uses a place's name. PLACE: where something is or happens ("in Mosul"). ACTOR:
 * a state or region standing for its government, people or institutions ("Iran said",
 * "Russia's defence ministry", "Georgia lawmakers"), a metonymic use. DEMONYM: the adjective or
 * noun for its people ("Iraqi forces", "Afghans"). The geoparsing literature counts all three
 * as toponyms; entity corpora such as re3d count only PLACE as a Location (an actor is an
 * Organisation, a demonym a Nationality). Only PLACE mentions say where a claim is.
 */
export const PLACE_USES = ['PLACE', 'ACTOR', 'DEMONYM'] as const;
export type PlaceUse = (typeof PLACE_USES)[number];

/** A mention of a Location, with how it uses the place's name (absent: PLACE). */
export interface LocationMention extends Span {
  use?: PlaceUse;
}

export interface ExtractedLocation {
  key: string;
  name: string;
  aliases: string[];
  latitude: number | null;
  longitude: number | null;
  countryCode: string | null;
  precision: LocationPrecision;
  geonamesId: number | null;
  /** For UNRESOLVED places: the namesakes that were considered and rejected. */
  candidates: GeoCandidate[];
  mentions: LocationMention[];
}

export interface ExtractedClaim {
  /** Key of the claimant in `parties`, or null when the source cannot be resolved. */
  claimantKey: string | null;
  claimantMention: Span | null;
  cue: Span | null;
  /** What is claimed. */
  content: Span;
  /** The whole sentence (or sentences) the claim is made in. */
  evidence: Span;
  mode: ClaimMode;
  kind: ClaimKind;
  locationKeys: string[];
  /** YYYY-MM-DD, resolved against the article's publication date. */
  eventDate: string | null;
  quantities: Quantity[];
  /** Index (in `claims`) of an earlier claim of this article that this one restates. */
  restates: number | null;
  /** The extraction rule that made it ("cue-before-content", "narration"), for `npm run eval -- --explain`. */
  rule?: string;
}

/** The largest number extraction emits: a count above a 32-bit integer is a misreading, dropped. */
export const MAX_QUANTITY = 2 ** 31 - 1;

/**
 * At most this many of each per article. Extraction stops adding (and says so in
 * `Extraction.truncated`) rather than emit an unbounded graph from one pathological text.
 */
// One article's lists live on one DynamoDB item (400 KB): these bounds keep it well inside,
// and a long real article (PolNeAR has one naming 211 parties) well inside them.
export const EXTRACTION_LIMITS = { claims: 1000, parties: 500, locations: 500, sites: 300 } as const;
export type ExtractionLimitName = keyof typeof EXTRACTION_LIMITS;

export interface Extraction {
  extractorVersion: string;
  cleanText: string;
  parties: ExtractedParty[];
  locations: ExtractedLocation[];
  /** In document order. */
  claims: ExtractedClaim[];
  /**
   * Places named by a common noun ("two bridges", "an ISIL-held building", "residential areas"):
   * where something happened, but no named place, so never a Location; kept as spans only.
   */
  sites: Span[];
  /** With `ArticleMeta.trace`: the mentions found and the rule behind each. */
  trace?: { mentions: TracedMention[] };
  /** The `EXTRACTION_LIMITS` this article went over (its output was cut to the limit); empty if none. */
  truncated: ExtractionLimitName[];
}

export interface ArticleMeta {
  /** ISO 8601 date-time; relative dates ("on Monday") resolve against it. */
  publishedAt?: string | null;
  title?: string | null;
  publisher?: string | null;
  /** Also return `Extraction.trace`: every mention found, with the rule that made it (for evaluation). */
  trace?: boolean;
}

/** A party or place mention as the mention rules found it, before merging and geocoding. */
export interface TracedMention {
  start: number;
  end: number;
  type: 'party' | 'place';
  rule: string;
}
