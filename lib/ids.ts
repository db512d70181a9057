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

// Query parameters that say where a reader came from, not which story it is.
const TRACKING_PARAMETER =
  /^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|ncid|cmpid|ref|ref_src|ref_url|referrer|source|src|rss|feed|share|smid|sh|at_.*|_ga|_gl|yclid|wt\.mc_id|spm)$/i;

/**
 * The canonical form of an article URL, so that one story is one article whatever link
 * led to it: http and https, `www.` or not, a trailing slash, a fragment, tracking
 * parameters (`utm_*`, `?ref=rss`, ...) and the order of the other parameters make no
 * difference. Scheme and host are compared case-insensitively; the path is not.
 */
export function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.protocol = 'https:';
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  parsed.hostname = parsed.hostname.replace(/^www\./, '').replace(/\.$/, '');
  if (parsed.port === '80' || parsed.port === '443') parsed.port = '';
  const kept = [...parsed.searchParams].filter(([name]) => !TRACKING_PARAMETER.test(name));
  kept.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  if (parsed.pathname.length > 1) parsed.pathname = parsed.pathname.replace(/\/+$/, '') || '/';
  return parsed.toString();
}

/** The hash a URL is looked up by (normalised URLs can be longer than a key may be). */
export const urlHashOf = (url: string): string => sha256(`url:${normalizeUrl(url)}`);

export const articleIdFor = (source: { url: string | null; text: string }): string =>
  source.url ? digest(`url:${normalizeUrl(source.url)}`) : digest(`text:${source.text}`);

/** A party's ID from its canonical name; a leading "the" is not part of a name. */
export const partyIdFor = (name: string): string => digest(`party:${foldName(name).replace(/^the /, '')}`);

/**
 * A GeoNames place has its GeoNames ID; any other place one ID per name and country, so an
 * unresolved name is one entity however many articles mention it (and one fix of its
 * geocode fixes them all).
 */
export const locationIdFor = (place: {
  name: string;
  geonamesId: number | null;
  countryCode: string | null;
}): string =>
  place.geonamesId !== null
    ? `gn${place.geonamesId}`
    : digest(`location:${foldName(place.name)}:${place.countryCode ?? ''}`);

/** A claim of an extraction run: the same extractor on the same article gives the same IDs. */
export const extractedClaimIdFor = (articleId: string, extractorVersion: string, ordinal: number): string =>
  digest(`claim:${articleId}:${extractorVersion}:${ordinal}`);
