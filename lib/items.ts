/**
 * Entity and link items as stored: a record plus the keys of `keys.ts`. Reading strips the
 * keys again (`withoutKeys`), so records never carry storage details.
 */
import type { Item, Key } from './dynamo.js';
import { geoPartitionOf, geohash } from './geo.js';
import {
  articleIndexKeys,
  articleKey,
  articleTextHashKey,
  articleTextKey,
  articleUrlKey,
  partyRedirectKey,
  claimIndexKeys,
  claimKey,
  locationClaimKey,
  locationKey,
  mentionKey,
  nameKey,
  nameKeyPart,
  partyKey,
} from './keys.js';
import { foldName } from './names.js';
import { articleSortDate, type Article, type Claim, type Location, type Party } from './records.js';

export const articleItem = (article: Article): Item => {
  const listing = articleIndexKeys({ id: article.id, sortDate: articleSortDate(article), publisher: article.publisher });
  // An article being deleted is no longer listed.
  return { ...articleKey(article.id), ...(article.deleting ? {} : listing), ...article };
};

export const articleTextItem = (articleId: string, text: string): Item => ({ ...articleTextKey(articleId), articleId, text });

/** The items that make a URL and a cleaned text lead to one article. */
export const articleUrlItem = (urlHash: string, articleId: string): Item => ({ ...articleUrlKey(urlHash), articleId });
export const articleTextHashItem = (textHash: string, articleId: string): Item => ({ ...articleTextHashKey(textHash), articleId });

/** Left where a merged party was: its ID leads to the party it was merged into. */
export const partyRedirectItem = (removedId: string, keptId: string): Item => ({ ...partyRedirectKey(removedId), partyId: keptId });

export const claimItem = (claim: Claim): Item => ({
  ...claimKey(claim.id),
  ...claimIndexKeys(claim),
  ...claim,
});

/** Links a place to a claim about it: Location.claims reads these, newest first. */
export const locationClaimItem = (claim: Claim, locationId: string): Item => ({
  ...locationClaimKey(locationId, claim.day, claim.id),
  claimId: claim.id,
  articleId: claim.articleId,
  claimantId: claim.claimantId,
  kind: claim.kind,
});

/** Links a party or place to an article that mentions it. */
export const mentionItem = (owner: 'PARTY' | 'LOCATION', ownerId: string, article: Article): Item => ({
  ...mentionKey(owner, ownerId, articleSortDate(article), article.id),
  articleId: article.id,
});

export const PARTIES_PARTITION = 'PARTIES';
export const LOCATIONS_PARTITION = 'LOCATIONS';

export const partyItem = (party: Party): Item => ({
  ...partyKey(party.id),
  gsi3pk: PARTIES_PARTITION,
  gsi3sk: `${nameKeyPart(party.name)}#${party.id}`,
  ...party,
});

export const locationItem = (location: Location): Item => {
  const hash =
    location.latitude !== null && location.longitude !== null ? geohash(location.latitude, location.longitude) : null;
  return {
    ...locationKey(location.id),
    gsi3pk: LOCATIONS_PARTITION,
    gsi3sk: `${nameKeyPart(location.name)}#${location.id}`,
    ...(hash ? { gsi2pk: geoPartitionOf(hash), gsi2sk: `${hash}#${location.id}` } : {}),
    ...location,
  };
};

/** One name-index item per distinct folded name or alias of a party or place. */
export function nameItems(type: 'PARTY' | 'LOCATION', entity: { id: string; name: string; aliases: string[] }): Item[] {
  const byFolded = new Map<string, string>();
  for (const name of [entity.name, ...entity.aliases]) {
    const folded = foldName(name);
    if (folded && !byFolded.has(folded)) byFolded.set(folded, name);
  }
  return [...byFolded.values()].map((name) => ({ ...nameKey(name, type, entity.id), name, entityId: entity.id }));
}

/** A claim's item and its place links: always written and deleted together. */
export const claimWithLinks = (claim: Claim): Item[] => [
  claimItem(claim),
  ...claim.locationIds.map((locationId) => locationClaimItem(claim, locationId)),
];

export const keyOfItem = (item: Item): Key => ({ pk: String(item.pk), sk: String(item.sk) });
