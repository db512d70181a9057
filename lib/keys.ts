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
 * Month registry:  MONTHS#<index> / <yyyy-mm>  (which shards of a time index hold items)
 * gsi1: PARTY#id / CLAIM#<day>#<claimId>       a party's claims, newest first
 * gsi2: CLAIMS#<kind>#<yyyy-mm> / <day>#id      claims by kind and date
 *       PUBLISHER#<folded> / <date>#id          a publisher's articles
 * gsi3: CLAIMS#<yyyy-mm> / <day>#id             all claims by date, sharded by month
 *       ARTICLES#<yyyy-mm> / <date>#id          all articles by date, sharded by month
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

/** `2020-11` of an ISO date or date-time. */
export const monthOf = (date: string): string => date.slice(0, 7);

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

/** The time indexes sharded by month, and the registry of their shards. */
export type TimeIndex = 'ARTICLES' | 'CLAIMS' | `CLAIMS#${string}`;
export const monthRegistryKey = (index: TimeIndex, month: string): Key => ({ pk: `MONTHS#${index}`, sk: month });
export const monthRegistryPartition = (index: TimeIndex): string => `MONTHS#${index}`;
export const timeShard = (index: TimeIndex, month: string): string => `${index}#${month}`;

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
  gsi3pk: timeShard('ARTICLES', monthOf(article.sortDate)),
  gsi3sk: `${article.sortDate}#${article.id}`,
});

export const publisherPartition = (publisher: string): string => `PUBLISHER#${nameKeyPart(publisher)}`;
export const partyClaimsPartition = (partyId: string): string => `PARTY#${partyId}`;

export const claimIndexKeys = (claim: { id: string; day: string; kind: string; claimantId: string | null }) => ({
  ...(claim.claimantId ? { gsi1pk: partyClaimsPartition(claim.claimantId), gsi1sk: `CLAIM#${claim.day}#${claim.id}` } : {}),
  gsi2pk: timeShard(`CLAIMS#${claim.kind}`, monthOf(claim.day)),
  gsi2sk: `${claim.day}#${claim.id}`,
  gsi3pk: timeShard('CLAIMS', monthOf(claim.day)),
  gsi3sk: `${claim.day}#${claim.id}`,
});

/** The time indexes a claim appears in, for the month registry. */
export const claimTimeIndexes = (kind: string): TimeIndex[] => ['CLAIMS', `CLAIMS#${kind}`];
