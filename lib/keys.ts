/**
 * Every key of the single table is built here, from the entity it belongs to. Nothing
 * else in the code base writes a `pk`, `sk` or `gsi*` string.
 *
 * Entities:        pk = ARTICLE#id | CLAIM#id | PARTY#id | LOCATION#id, sk = the type name
 * Article text:    ARTICLE#id / TEXT           (apart, so listings and visibility checks skip it)
 * Article lookup:  URL#<sha of normalised URL> / ARTICLE, TEXT#<sha of cleaned text> / ARTICLE
 * Merged party:    PARTY#id / MERGED           (where a merged party's ID now leads)
 * Adjacency:       PARTY#id    / ARTICLE#<date>#<articleId>   (articles that mention a party)
 *                  LOCATION#id / ARTICLE#<date>#<articleId>   (articles that mention a place)
 *                  LOCATION#id / CLAIM#<day>#<claimId>        (claims about a place)
 * Name index:      NAME#<folded name or alias> / PARTY#id | LOCATION#id
 * gsi1: PARTY#id / CLAIM#<day>#<claimId>       a party's claims, newest first
 * gsi2: CLAIMS#<kind>#<shard> / <day>#id        claims by kind and date
 *       PUBLISHER#<folded> / <date>#id          a publisher's articles
 * gsi3: CLAIMS#<shard> / <day>#id                all claims by date
 *       ARTICLES#<shard> / <date>#id            all articles by date
 * The time-ordered listings are spread over LISTING_SHARDS partitions by a hash of the
 * item's ID (so writes do not funnel into one key); a page reads them all at once and merges.
 */
import type { Key } from './dynamo.js';
import { createHash } from 'node:crypto';
import { foldName } from './names.js';

/**
 * A folded name as a key part. DynamoDB caps keys (2,048 bytes for a partition key, 1,024
 * for a sort key), and folding can lengthen text ("ﷺ" folds to 18 letters): a long name
 * keeps a readable prefix and gets a hash of the whole, so it still has one key.
 */
export function nameKeyPart(name: string): string {
  // "The Armenian Defense Ministry" and "Armenian Defense Ministry" are one name.
  const folded = foldName(name).replace(/^the (?=.)/, '');
  if (Buffer.byteLength(folded, 'utf8') <= 400) return folded;
  const prefix = Buffer.from(folded, 'utf8').subarray(0, 300).toString('utf8').replace(/\uFFFD+$/, '');
  return `${prefix}~${createHash('sha256').update(folded).digest('base64url').slice(0, 22)}`;
}

export type EntityType = 'ARTICLE' | 'CLAIM' | 'PARTY' | 'LOCATION';

export const entityKey = (type: EntityType, id: string): Key => ({ pk: `${type}#${id}`, sk: type });

export const articleKey = (id: string) => entityKey('ARTICLE', id);
export const claimKey = (id: string) => entityKey('CLAIM', id);
export const partyKey = (id: string) => entityKey('PARTY', id);
export const locationKey = (id: string) => entityKey('LOCATION', id);

export const mentionKey = (owner: 'PARTY' | 'LOCATION', ownerId: string, articleDate: string, articleId: string): Key => ({
  pk: `${owner}#${ownerId}`,
  sk: `ARTICLE#${articleDate}#${articleId}`,
});

export const locationClaimKey = (locationId: string, day: string, claimId: string): Key => ({
  pk: `LOCATION#${locationId}`,
  sk: `CLAIM#${day}#${claimId}`,
});

export const nameKey = (name: string, type: 'PARTY' | 'LOCATION', id: string): Key => ({
  pk: `NAME#${nameKeyPart(name)}`,
  sk: `${type}#${id}`,
});
export const namePartition = (name: string): string => `NAME#${nameKeyPart(name)}`;

/**
 * How many partitions a time-ordered listing is spread over. A page queries all of them at
 * once (one round trip) and reads at most LISTING_SHARDS × (first + 1) items.
 */
export const LISTING_SHARDS = 4;
export type Listing = 'ARTICLES' | 'CLAIMS' | `CLAIMS#${string}`;
export const shardOf = (id: string): number => createHash('sha256').update(id).digest()[0]! % LISTING_SHARDS;
export const listingPartition = (listing: Listing, shard: number): string => `${listing}#${shard}`;
export const listingPartitions = (listing: Listing): string[] => Array.from({ length: LISTING_SHARDS }, (_, shard) => listingPartition(listing, shard));

export const articleTextKey = (id: string): Key => ({ pk: `ARTICLE#${id}`, sk: 'TEXT' });
/** Key items that make an article's URLs and cleaned text unique; each names the article. */
export const articleUrlKey = (urlHash: string): Key => ({ pk: `URL#${urlHash}`, sk: 'ARTICLE' });
export const articleTextHashKey = (textHash: string): Key => ({ pk: `TEXT#${textHash}`, sk: 'ARTICLE' });
export const partyRedirectKey = (id: string): Key => ({ pk: `PARTY#${id}`, sk: 'MERGED' });

/** The listing keys of an article (set once it is complete, removed while it is deleted). */
export const ARTICLE_LISTING_KEYS = ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;

export const articleIndexKeys = (article: { id: string; sortDate: string; publisher: string | null }) => ({
  ...(article.publisher
    ? { gsi2pk: `PUBLISHER#${nameKeyPart(article.publisher)}`, gsi2sk: `${article.sortDate}#${article.id}` }
    : {}),
  gsi3pk: listingPartition('ARTICLES', shardOf(article.id)),
  gsi3sk: `${article.sortDate}#${article.id}`,
});

export const publisherPartition = (publisher: string): string => `PUBLISHER#${nameKeyPart(publisher)}`;
export const partyClaimsPartition = (partyId: string): string => `PARTY#${partyId}`;

export const claimIndexKeys = (claim: { id: string; day: string; kind: string; claimantId: string | null }) => ({
  ...(claim.claimantId ? { gsi1pk: partyClaimsPartition(claim.claimantId), gsi1sk: `CLAIM#${claim.day}#${claim.id}` } : {}),
  gsi2pk: listingPartition(`CLAIMS#${claim.kind}`, shardOf(claim.id)),
  gsi2sk: `${claim.day}#${claim.id}`,
  gsi3pk: listingPartition('CLAIMS', shardOf(claim.id)),
  gsi3sk: `${claim.day}#${claim.id}`,
});

