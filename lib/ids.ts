/**
 * Internal IDs. Where an entity has a natural identity (an article's URL or text, a
 * party's canonical name, a GeoNames place) its ID is derived from it, so concurrent or
 * repeated writes of the same thing land on the same item and a retry converges.
 */
import { createHash, randomBytes } from 'node:crypto';
import { foldName } from './names.js';

const digest = (value: string): string => createHash('sha256').update(value).digest('base64url').slice(0, 22);

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const randomId = (): string => randomBytes(16).toString('base64url').slice(0, 22);

/** The canonical form of an article URL: no fragment, no tracking parameters. */
export function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (/^(utm_|fbclid$|gclid$)/.test(name)) parsed.searchParams.delete(name);
  }
  return parsed.toString();
}

export const articleIdFor = (source: { url: string | null; text: string }): string =>
  source.url ? digest(`url:${normalizeUrl(source.url)}`) : digest(`text:${source.text}`);

export const partyIdFor = (name: string): string => digest(`party:${foldName(name)}`);

export const locationIdFor = (place: { name: string; geonamesId: number | null; countryCode: string | null; scope?: string }): string =>
  place.geonamesId !== null
    ? `gn${place.geonamesId}`
    : digest(`location:${foldName(place.name)}:${place.countryCode ?? ''}:${place.scope ?? ''}`);

/** A claim of an extraction run: the same extractor on the same article gives the same IDs. */
export const extractedClaimIdFor = (articleId: string, extractorVersion: string, ordinal: number): string =>
  digest(`claim:${articleId}:${extractorVersion}:${ordinal}`);
