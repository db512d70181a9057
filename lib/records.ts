/**
 * The stored shape of each entity, as the data layer hands it to the schema.
 */
import type {
  ClaimKind,
  ClaimMode,
  GeoCandidate,
  LocationPrecision,
  PartyKind,
  Quantity,
  Span,
} from './extract/types.js';

export type { ClaimKind, ClaimMode, GeoCandidate, LocationPrecision, PartyKind, Quantity, Span };

export const REVIEW_STATUSES = ['UNREVIEWED', 'VERIFIED', 'DISPUTED', 'REJECTED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * An article's metadata and lists. Its cleaned text is an item of its own (`ArticleText`):
 * listings and the visibility checks of every claim read this item, never the text.
 *
 * The article item is what makes its claims visible: a claim is shown only while its
 * article exists, is not being deleted, and lists it in `claimIds`. Writers put claims
 * first and the article (or its new lists) last, so no reader sees a half-written set.
 */
export interface Article {
  id: string;
  /** The normalised URL it was first ingested under. */
  url: string | null;
  /** Every normalised URL it is known under (the same story, or the same text, elsewhere). */
  urls: string[];
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
  ingestedAt: string;
  textHash: string;
  /** Length of the cleaned text in UTF-16 code units (what span offsets count). */
  textLength: number;
  /** In document order. */
  claimIds: string[];
  partyIds: string[];
  locationIds: string[];
  extractorVersion: string | null;
  version: number;
  /** Set by deleteArticle's first step: the article and its claims are gone for readers. */
  deleting?: boolean;
  /** Claims a re-extraction replaced and has yet to delete (no reader sees them). */
  replacedClaimIds?: string[];
  /** Sync: absent on items stored before they were kept (read as `ingestedAt`). */
  createdAt?: string;
  updatedAt?: string;
}

export interface ArticleText {
  articleId: string;
  /** The cleaned text; every span of the article's claims points into it. */
  text: string;
}

export interface Party {
  id: string;
  name: string;
  aliases: string[];
  kind: PartyKind;
  affiliation: string | null;
  version: number;
  /** Set by mergeParties' first step: this party is being merged into that one. */
  mergedInto?: string;
  /** Sync: absent on items stored before they were kept. */
  createdAt?: string;
  updatedAt?: string;
}

export interface Location {
  id: string;
  name: string;
  aliases: string[];
  latitude: number | null;
  longitude: number | null;
  countryCode: string | null;
  precision: LocationPrecision;
  geonamesId: number | null;
  candidates: GeoCandidate[];
  version: number;
  /** Sync: absent on items stored before they were kept. */
  createdAt?: string;
  updatedAt?: string;
}

export interface Claim {
  id: string;
  articleId: string;
  claimantId: string | null;
  claimantMention: Span | null;
  cue: Span | null;
  content: Span;
  evidence: Span;
  mode: ClaimMode;
  kind: ClaimKind;
  locationIds: string[];
  eventDate: string | null;
  quantities: Quantity[];
  status: ReviewStatus;
  restatesId: string | null;
  extractorVersion: string | null;
  /** The day it sorts by: its event date, else its article's publication (or ingest) day. */
  day: string;
  version: number;
  /**
   * Fields a person set with updateClaim (or every field, for a claim made with
   * createClaim): re-extraction keeps these values.
   */
  editedFields?: string[];
  createdAt: string;
  updatedAt: string;
}

/** The date an article sorts by. */
export const articleSortDate = (article: Pick<Article, 'publishedAt' | 'ingestedAt'>): string =>
  article.publishedAt ?? article.ingestedAt;
