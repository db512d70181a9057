/**
 * Entity and link items as stored: a record plus the keys its access patterns give it
 * (`patterns.ts`). Reading strips the keys again (`withoutKeys`), so records never carry
 * storage details.
 */
import type { Item, Key } from './client.js';
import { articleKey, claimKey, locationKey, nameKeyPart, partyKey, patterns } from './patterns.js';
import { foldName } from '../names.js';
import { articleSortDate, type Article, type Claim, type Location, type Party } from '../records.js';

export const articleItem = (article: Article): Item => {
  const listed = { id: article.id, sortDate: articleSortDate(article), publisher: article.publisher };
  return {
    ...articleKey(article.id),
    // An article being deleted is no longer listed.
    ...(article.deleting
      ? {}
      : { ...patterns.articlesByPublisher.keys(listed), ...patterns.articlesByDate.keys(listed) }),
    ...article,
  };
};

export const articleTextItem = (articleId: string, text: string): Item => ({
  ...patterns.articleText.key(articleId),
  articleId,
  text,
});

/** The items that make a URL and a cleaned text lead to one article. */
export const articleUrlItem = (urlHash: string, articleId: string): Item => ({
  ...patterns.articleByUrl.key(urlHash),
  articleId,
});
export const articleTextHashItem = (textHash: string, articleId: string): Item => ({
  ...patterns.articleByText.key(textHash),
  articleId,
});

/** Left where a merged party was: its ID leads to the party it was merged into. */
export const partyRedirectItem = (removedId: string, keptId: string): Item => ({
  ...patterns.mergedParty.key(removedId),
  partyId: keptId,
});

export const claimItem = (claim: Claim): Item => ({
  ...claimKey(claim.id),
  ...patterns.claimsByParty.keys(claim),
  ...patterns.claimsByKind.keys(claim),
  ...patterns.claimsByDate.keys(claim),
  ...claim,
});

/** Links a place to a claim about it: Location.claims reads these, newest first. */
export const locationClaimItem = (claim: Claim, locationId: string): Item => ({
  ...patterns.claimsOfPlace.key(locationId, claim.day, claim.id),
  claimId: claim.id,
  articleId: claim.articleId,
  claimantId: claim.claimantId,
  kind: claim.kind,
});

/** Links a party or place to an article that mentions it. */
export const mentionItem = (owner: 'PARTY' | 'LOCATION', ownerId: string, article: Article): Item => ({
  ...patterns.mentions.key(owner, ownerId, articleSortDate(article), article.id),
  articleId: article.id,
});

export const partyItem = (party: Party): Item => ({
  ...partyKey(party.id),
  ...patterns.partiesByName.keys(party),
  ...party,
});

export const locationItem = (location: Location): Item => ({
  ...locationKey(location.id),
  ...patterns.locationsByName.keys(location),
  ...patterns.locationsByCell.keys(location),
  ...location,
});

/** One name-index item per distinct folded name or alias of a party or place. */
export function nameItems(type: 'PARTY' | 'LOCATION', entity: { id: string; name: string; aliases: string[] }): Item[] {
  // One per key: names that fold to one key ("The X", "x") are one entry.
  const byKey = new Map<string, string>();
  for (const name of [entity.name, ...entity.aliases]) {
    if (foldName(name) && !byKey.has(nameKeyPart(name))) byKey.set(nameKeyPart(name), name);
  }
  return [...byKey.values()].map((name) => ({
    ...patterns.names.key(name, type, entity.id),
    name,
    entityId: entity.id,
  }));
}

/** A claim's item and its place links: always written and deleted together. */
export const claimWithLinks = (claim: Claim): Item[] => [
  claimItem(claim),
  ...claim.locationIds.map((locationId) => locationClaimItem(claim, locationId)),
];

export const keyOfItem = (item: Item): Key => ({ pk: String(item.pk), sk: String(item.sk) });
