/**
 * Every access pattern of the single table, declared once as data: the key each item is
 * written under and the query that reads it back, side by side, each named after what it
 * serves (in the manner of ElectroDB's indexes). Items (`items.ts`) and queries (the domain
 * modules) are both built from here; nothing else writes a `pk`, `sk` or `gsi*` string.
 *
 * | pattern             | table or index | partition                    | sort key                     |
 * |---------------------|----------------|------------------------------|------------------------------|
 * | entity              | table          | ARTICLE#, CLAIM#, PARTY#, LOCATION# + id | the type name    |
 * | articleText         | table          | ARTICLE#id                   | TEXT                         |
 * | articleByUrl        | table          | URL#<hash of normalised URL> | ARTICLE                      |
 * | articleByText       | table          | TEXT#<hash of cleaned text>  | ARTICLE                      |
 * | mergedParty         | table          | PARTY#id                     | MERGED                       |
 * | claimsOfPlace       | table          | LOCATION#id                  | CLAIM#<day>#claimId          |
 * | mentions            | table          | PARTY#id or LOCATION#id      | ARTICLE#<date>#articleId     |
 * | names               | table          | NAME#<folded name>           | PARTY#id or LOCATION#id      |
 * | partyNames          | table          | NAME#<folded name>           | PARTY (a set of party IDs)   |
 * | claimsByParty       | gsi1           | PARTY#id                     | CLAIM#<day>#claimId          |
 * | claimsByKind        | gsi2           | CLAIMS#<kind>#<shard>        | <day>#claimId                |
 * | articlesByPublisher | gsi2           | PUBLISHER#<folded name>      | <date>#articleId             |
 * | locationsByCell     | gsi2           | GEO#<2-char geohash>         | <geohash>#locationId         |
 * | claimsByDate        | gsi3           | CLAIMS#<shard>               | <day>#claimId                |
 * | articlesByDate      | gsi3           | ARTICLES#<shard>             | <date>#articleId             |
 * | partiesByName       | gsi3           | PARTIES                      | <folded name>#partyId        |
 * | locationsByName     | gsi3           | LOCATIONS                    | <folded name>#locationId     |
 * | storeLayout         | table          | META                         | STORE_LAYOUT                 |
 * | apiKey              | table          | APIKEY#id                    | APIKEY                       |
 * | apiKeys             | gsi3           | APIKEYS                      | <created at>#keyId           |
 * | recentClaimsOfParty | table          | PARTY#id                     | RECENT                       |
 * | dayCounts           | table          | COUNTS#DAY#<yyyy-mm>         | COUNTS                       |
 * | monthCounts         | table          | COUNTS#MONTH#<yyyy-mm>       | COUNTS                       |
 * | kindCounts          | table          | COUNTS#KIND                  | COUNTS                       |
 * | partyCounts         | table          | COUNTS#PARTY#<shard>         | COUNTS                       |
 * | locationCounts      | table          | COUNTS#LOCATION#<shard>      | COUNTS                       |
 * | claimsByCell        | gsi1/gsi2/gsi3 | CLAIMCELL#<3/2/1-char geohash> | <day>#claimId              |
 *
 * The time-ordered listings are spread over LISTING_SHARDS partitions by a hash of the
 * item's ID, so writes do not funnel into one key; a page queries them all at once and
 * merges (`pageOfShards`).
 */
import { createHash } from 'node:crypto';
import { geohash } from '../geo.js';
import { foldName } from '../names.js';
import type { Item, Key } from './client.js';
import type { PartitionQuery } from './pagination.js';
import { indexDefinition, type IndexName } from './table.js';

/**
 * A folded name as a key part. DynamoDB caps keys (2,048 bytes for a partition key, 1,024
 * for a sort key), and folding can lengthen text ("ﷺ" folds to 18 letters): a long name
 * keeps a readable prefix and gets a hash of the whole, so it still has one key.
 */
export function nameKeyPart(name: string): string {
  // "The Armenian Defense Ministry" and "Armenian Defense Ministry" are one name.
  const folded = foldName(name).replace(/^the (?=.)/, '');
  if (Buffer.byteLength(folded, 'utf8') <= 400) return folded;
  const prefix = Buffer.from(folded, 'utf8')
    .subarray(0, 300)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  return `${prefix}~${createHash('sha256').update(folded).digest('base64url').slice(0, 22)}`;
}

export type EntityType = 'ARTICLE' | 'CLAIM' | 'PARTY' | 'LOCATION';
export type Owner = 'PARTY' | 'LOCATION';

/**
 * How many partitions a time-ordered listing is spread over. A page queries all of them at
 * once (one round trip) and reads at most LISTING_SHARDS × (first + 1) items.
 */
export const LISTING_SHARDS = 4;
export const shardOf = (id: string): number => createHash('sha256').update(id).digest()[0]! % LISTING_SHARDS;
const shards = (prefix: string): string[] => Array.from({ length: LISTING_SHARDS }, (_, shard) => `${prefix}#${shard}`);

/** An inclusive range of days or instants; either end may be open. */
export interface Range {
  since?: string | null;
  until?: string | null;
}

/**
 * Sort keys that start with a date (after `prefix`): "\uffff" after the upper bound keeps
 * everything of its last day or instant, whatever follows the date in the key.
 */
const dateRange = (range: Range, prefix = '') => ({
  from: range.since ? `${prefix}${range.since}` : prefix || undefined,
  to: range.until ? `${prefix}${range.until}\uffff` : prefix ? `${prefix}\uffff` : undefined,
});

const newestFirst = true;

export const patterns = {
  /** Any node by ID: `node`, `nodes`, and every batched read of an entity. */
  entity: { key: (type: EntityType, id: string): Key => ({ pk: `${type}#${id}`, sk: type }) },

  /** An article's cleaned text, apart from the article so that listings never read it. */
  articleText: { key: (articleId: string): Key => ({ pk: `ARTICLE#${articleId}`, sk: 'TEXT' }) },

  /** The article a URL (normalised, hashed) leads to: idempotent ingest by URL. */
  articleByUrl: { key: (urlHash: string): Key => ({ pk: `URL#${urlHash}`, sk: 'ARTICLE' }) },

  /** The article a cleaned text leads to: the same text under another URL is that article. */
  articleByText: { key: (textHash: string): Key => ({ pk: `TEXT#${textHash}`, sk: 'ARTICLE' }) },

  /** Where a merged party's ID leads now. */
  mergedParty: { key: (partyId: string): Key => ({ pk: `PARTY#${partyId}`, sk: 'MERGED' }) },

  /** A place's claims, newest first by the claim's day (`Location.claims`, `related`). */
  claimsOfPlace: {
    key: (locationId: string, day: string, claimId: string): Key => ({
      pk: `LOCATION#${locationId}`,
      sk: `CLAIM#${day}#${claimId}`,
    }),
    query: (locationId: string, range: Range = {}): PartitionQuery => ({
      partition: `LOCATION#${locationId}`,
      ...dateRange(range, 'CLAIM#'),
      newestFirst,
    }),
  },

  /** The articles that mention a party or a place, newest first. */
  mentions: {
    key: (owner: Owner, ownerId: string, articleDate: string, articleId: string): Key => ({
      pk: `${owner}#${ownerId}`,
      sk: `ARTICLE#${articleDate}#${articleId}`,
    }),
    query: (owner: Owner, ownerId: string, options: { consistent?: boolean } = {}): PartitionQuery => ({
      partition: `${owner}#${ownerId}`,
      prefix: 'ARTICLE#',
      newestFirst,
      consistent: options.consistent,
    }),
  },

  /** Parties and places by any name or alias, folded (`resolve`, extraction's lookups). */
  names: {
    key: (name: string, type: Owner, id: string): Key => ({ pk: `NAME#${nameKeyPart(name)}`, sk: `${type}#${id}` }),
    query: (name: string, type: Owner): PartitionQuery => ({
      partition: `NAME#${nameKeyPart(name)}`,
      prefix: `${type}#`,
    }),
  },

  /**
   * Which parties a name leads to, read by key (ingest looks up every name it extracted in its
   * one batched read): a set of party IDs per folded name, kept beside the `names` entries.
   */
  partyNames: { key: (name: string): Key => ({ pk: `NAME#${nameKeyPart(name)}`, sk: 'PARTY' }) },

  /** A party's claims, newest first by day. */
  claimsByParty: {
    index: 'gsi1',
    keys: (claim: { id: string; day: string; claimantId: string | null }) =>
      claim.claimantId ? { gsi1pk: `PARTY#${claim.claimantId}`, gsi1sk: `CLAIM#${claim.day}#${claim.id}` } : {},
    query: (partyId: string, range: Range = {}): PartitionQuery => ({
      index: 'gsi1',
      partition: `PARTY#${partyId}`,
      ...dateRange(range, 'CLAIM#'),
      newestFirst,
    }),
  },

  /** Claims of one kind, newest first by day, over the shards. */
  claimsByKind: {
    index: 'gsi2',
    keys: (claim: { id: string; day: string; kind: string }) => ({
      gsi2pk: `CLAIMS#${claim.kind}#${shardOf(claim.id)}`,
      gsi2sk: `${claim.day}#${claim.id}`,
    }),
    queries: (kind: string, range: Range = {}): PartitionQuery[] =>
      shards(`CLAIMS#${kind}`).map((partition) => ({ index: 'gsi2', partition, ...dateRange(range), newestFirst })),
  },

  /** All claims, newest first by day, over the shards. */
  claimsByDate: {
    index: 'gsi3',
    keys: (claim: { id: string; day: string }) => ({
      gsi3pk: `CLAIMS#${shardOf(claim.id)}`,
      gsi3sk: `${claim.day}#${claim.id}`,
    }),
    queries: (range: Range = {}): PartitionQuery[] =>
      shards('CLAIMS').map((partition) => ({ index: 'gsi3', partition, ...dateRange(range), newestFirst })),
  },

  /** A publisher's articles, newest first. */
  articlesByPublisher: {
    index: 'gsi2',
    keys: (article: { id: string; sortDate: string; publisher: string | null }) =>
      article.publisher
        ? { gsi2pk: `PUBLISHER#${nameKeyPart(article.publisher)}`, gsi2sk: `${article.sortDate}#${article.id}` }
        : {},
    query: (publisher: string, range: Range = {}): PartitionQuery => ({
      index: 'gsi2',
      partition: `PUBLISHER#${nameKeyPart(publisher)}`,
      ...dateRange(range),
      newestFirst,
    }),
  },

  /** All articles, newest first, over the shards. */
  articlesByDate: {
    index: 'gsi3',
    keys: (article: { id: string; sortDate: string }) => ({
      gsi3pk: `ARTICLES#${shardOf(article.id)}`,
      gsi3sk: `${article.sortDate}#${article.id}`,
    }),
    queries: (range: Range = {}): PartitionQuery[] =>
      shards('ARTICLES').map((partition) => ({ index: 'gsi3', partition, ...dateRange(range), newestFirst })),
  },

  /** Parties by name. */
  partiesByName: {
    index: 'gsi3',
    keys: (party: { id: string; name: string }) => ({
      gsi3pk: 'PARTIES',
      gsi3sk: `${nameKeyPart(party.name)}#${party.id}`,
    }),
    query: (): PartitionQuery => ({ index: 'gsi3', partition: 'PARTIES' }),
  },

  /** Places by name. */
  locationsByName: {
    index: 'gsi3',
    keys: (location: { id: string; name: string }) => ({
      gsi3pk: 'LOCATIONS',
      gsi3sk: `${nameKeyPart(location.name)}#${location.id}`,
    }),
    query: (): PartitionQuery => ({ index: 'gsi3', partition: 'LOCATIONS' }),
  },

  /**
   * Places by geohash: each under its 2-character cell (about 1,250 × 625 km) with its full
   * geohash as sort key, so a `near` search reads a few cells, by prefix where they are small.
   */
  locationsByCell: {
    index: 'gsi2',
    keys: (location: { id: string; latitude: number | null; longitude: number | null }) => {
      if (location.latitude === null || location.longitude === null) return {};
      const hash = geohash(location.latitude, location.longitude);
      return { gsi2pk: `GEO#${hash.slice(0, 2)}`, gsi2sk: `${hash}#${location.id}` };
    },
    query: (cell: string): PartitionQuery => ({ index: 'gsi2', partition: `GEO#${cell.slice(0, 2)}`, prefix: cell }),
  },

  /** Which layout of items the table holds (`STORE_LAYOUT`), so a version never misreads another's. */
  storeLayout: { key: (): Key => ({ pk: 'META', sk: 'STORE_LAYOUT' }) },

  /** An API key's record (its MAC, scope and state; never the key itself). */
  apiKey: { key: (id: string): Key => ({ pk: `APIKEY#${id}`, sk: 'APIKEY' }) },

  /** API keys, oldest first (`npm run keys -- list`). */
  apiKeys: {
    index: 'gsi3',
    keys: (key: { id: string; createdAt: string }) => ({ gsi3pk: 'APIKEYS', gsi3sk: `${key.createdAt}#${key.id}` }),
    query: (): PartitionQuery => ({ index: 'gsi3', partition: 'APIKEYS' }),
  },

  // Nested lists under a list of parents: what a page of parents needs, read by key in one
  // BatchGetItem (`recent-claims.ts`).

  /**
   * A party's newest claims, one attribute per claim (`claim:<id>` = its day) with a floor:
   * `parties { claims(first:) }` reads these for the whole page at once.
   */
  recentClaimsOfParty: { key: (partyId: string): Key => ({ pk: `PARTY#${partyId}`, sk: 'RECENT' }) },

  // Counts (`store/counters.ts`): counter items, read by key, changed with ADD.

  /** A month's claims per day and kind (DAY, WEEK and MONTH histograms, KIND with dates). */
  dayCounts: { key: (month: string): Key => ({ pk: `COUNTS#DAY#${month}`, sk: 'COUNTS' }) },

  /** A month's claims per party and per place, by kind (those tallies with a range of months). */
  monthCounts: { key: (month: string): Key => ({ pk: `COUNTS#MONTH#${month}`, sk: 'COUNTS' }) },

  /** All claims by kind, and the number of articles (totalCount of `claims` and `articles`). */
  kindCounts: { key: (): Key => ({ pk: 'COUNTS#KIND', sk: 'COUNTS' }) },

  /** Each party's claims by kind, over all time, in COUNTER_SHARDS.PARTY items by hash of its ID. */
  partyCounts: { key: (shard: number): Key => ({ pk: `COUNTS#PARTY#${shard}`, sk: 'COUNTS' }) },

  /** Each place's claims by kind, and its country, in COUNTER_SHARDS.LOCATION items by hash of its ID. */
  locationCounts: { key: (shard: number): Key => ({ pk: `COUNTS#LOCATION#${shard}`, sk: 'COUNTS' }) },
} as const;

/**
 * How many items the all-time counts of parties and of places are spread over: an article
 * touches at most this many of each, and a tally reads them all in one BatchGetItem.
 */
export const COUNTER_SHARDS = { PARTY: 4, LOCATION: 8 } as const;

/**
 * The layout of the items written by this version. 3: a party's newest claims on an item of
 * its own, kept by every claim write; counter items kept by every write (a table without
 * them would count wrong); the change feed (every write since the table began has its entry)
 * and createdAt/updatedAt on every entity; claims keep their places' points, and place links
 * carry the claim map index (`claimsByCell`). 2: claims visible through their article,
 * article text apart, URL and text lookup items, listings over hash shards (1 was the month
 * shards and their registry). A table of another layout is refused, not misread.
 */
export const STORE_LAYOUT = 3;

export const articleKey = (id: string) => patterns.entity.key('ARTICLE', id);
export const claimKey = (id: string) => patterns.entity.key('CLAIM', id);
export const partyKey = (id: string) => patterns.entity.key('PARTY', id);
export const locationKey = (id: string) => patterns.entity.key('LOCATION', id);

/** The listing keys of an article (set once it is complete, removed while it is deleted). */
export const ARTICLE_LISTING_KEYS = ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'] as const;

/*
 * Sync: the change feed (`lib/changes.ts`, items in `store/changes.ts`).
 *
 * | pattern      | table or index | partition          | sort key                  |
 * |--------------|----------------|--------------------|---------------------------|
 * | changeEntry  | table          | CHANGES#<shard>    | SEQ#<12-digit sequence>   |
 * | changeHead   | table          | CHANGES#<shard>    | SEQ#~HEAD                 |
 *
 * Each shard's entries carry a gap-free sequence, moved by its head item in the transaction
 * that writes them; the head sorts after every entry ("~" after the digits), so one Query
 * from a position returns the entries after it and, when it reaches the end, the head.
 */
export const CHANGE_SHARDS = 4;
const CHANGE_SEQ_DIGITS = 12;
const changePartition = (shard: number) => `CHANGES#${shard}`;
const changeSortKey = (seq: number) => `SEQ#${String(seq).padStart(CHANGE_SEQ_DIGITS, '0')}`;
export const CHANGE_HEAD_SORT_KEY = 'SEQ#~HEAD';

export const changePatterns = {
  /** One write event's node IDs (or a chunk of them), at its place in its shard's sequence. */
  changeEntry: {
    key: (shard: number, seq: number): Key => ({ pk: changePartition(shard), sk: changeSortKey(seq) }),
    /** The entries after `seq` and then the head, in sequence order. */
    query: (shard: number, seq: number): PartitionQuery => ({
      partition: changePartition(shard),
      from: changeSortKey(seq + 1),
      to: CHANGE_HEAD_SORT_KEY,
    }),
  },
  /** The last sequence number a shard gave out. */
  changeHead: { key: (shard: number): Key => ({ pk: changePartition(shard), sk: CHANGE_HEAD_SORT_KEY }) },
} as const;

// ---- Maps: the claim map index (claims by geohash cell, at three levels) ----

/**
 * Which index holds each level of the claim map index: a place link (`claimsOfPlace`)
 * carries one entry per level, so a box is served by the finest level that covers it with
 * few cells (`claimCellsFor` in geo.ts). Link items use no index otherwise.
 */
const CELL_INDEX: Record<number, IndexName> = { 3: 'gsi1', 2: 'gsi2', 1: 'gsi3' };

export const mapPatterns = {
  /**
   * Claims by map cell, newest first by day. One entry per claim and cell (on the link of its
   * first place in that cell), so within a cell a claim appears once; a claim with places in
   * several cells appears in each under the same sort key, and merged pages count it once.
   */
  claimsByCell: {
    keys: (cell: string, day: string, claimId: string): Item => {
      const index = indexDefinition(CELL_INDEX[cell.length]!);
      return { [index.partitionKey]: `CLAIMCELL#${cell}`, [index.sortKey]: `${day}#${claimId}` };
    },
    queries: (cells: string[], range: Range = {}): PartitionQuery[] =>
      cells.map((cell) => ({
        index: CELL_INDEX[cell.length]!,
        partition: `CLAIMCELL#${cell}`,
        ...dateRange(range),
        newestFirst,
      })),
  },
} as const;
