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

export interface Article {
  id: string;
  url: string | null;
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
  ingestedAt: string;
  /** The cleaned text; every span of its claims points into it. */
  text: string;
  textHash: string;
  /** In document order. */
  claimIds: string[];
  partyIds: string[];
  locationIds: string[];
  extractorVersion: string | null;
  version: number;
  /** Set while a write too big for one transaction is under way; such an article is not listed. */
  incomplete?: boolean;
}

export interface Party {
  id: string;
  name: string;
  aliases: string[];
  kind: PartyKind;
  affiliation: string | null;
  version: number;
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
  createdAt: string;
  updatedAt: string;
}

/** The date an article sorts by. */
export const articleSortDate = (article: Pick<Article, 'publishedAt' | 'ingestedAt'>): string =>
  article.publishedAt ?? article.ingestedAt;
