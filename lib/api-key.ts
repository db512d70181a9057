/**
 * API keys: `cg_<id>_<secret>`. The table stores only an HMAC-SHA-256 of the key, keyed with
 * a pepper that lives outside the table (a local file or the environment; Secrets Manager on
 * AWS): whoever can write to the table (DynamoDB Local has no authentication) cannot make an
 * item that authorises anything without also knowing the pepper. The MAC covers the ID and
 * the scope too, so raising a stored key's scope in the table breaks that key instead of
 * promoting it. The secret is 32 random bytes, so a slow hash would add nothing; MACs are
 * compared in constant time. The ID part finds the stored key with one GetItem; a revoked
 * key is deleted, so it stops working on the next request.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './store/client.js';
import { withoutKeys } from './store/client.js';
import { everyItem, pageOfPartition } from './store/pagination.js';
import { patterns } from './store/patterns.js';
import { ClaimgraphError, NotFoundError, ValidationError } from './errors.js';

export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Each scope includes the ones before it: admin can write, write can read. */
export const allows = (granted: Scope, needed: Scope): boolean => SCOPES.indexOf(granted) >= SCOPES.indexOf(needed);

export interface ApiKey {
  id: string;
  name: string;
  scope: Scope;
  createdAt: string;
}

interface StoredKey extends ApiKey {
  /** Hex HMAC-SHA-256 (keyed with the pepper) of the ID, the scope and the secret. */
  keyMac: string;
}

/**
 * What authentication needs besides the table: the pepper (without one, no stored key
 * authorises anything) and the optional bootstrap admin key.
 */
export interface KeySecrets {
  pepper: string | undefined;
  adminKey: string | undefined;
}

/** Where the secrets come from: fixed values, or a loader (Secrets Manager on AWS), called only when a request presents a key. */
export type KeySecretsSource = () => Promise<KeySecrets>;

/** A pepper must be long enough that guessing it is out of the question (32 random bytes make 43 characters). */
export const MIN_PEPPER_LENGTH = 32;

export class PepperError extends Error {
  override name = 'PepperError';
}

export function checkPepper(pepper: string): string {
  if (pepper.length < MIN_PEPPER_LENGTH || /\s/.test(pepper))
    throw new PepperError(`the API key pepper must be at least ${MIN_PEPPER_LENGTH} characters with no spaces`);
  return pepper;
}

/** A new random pepper. */
export const newPepper = (): string => randomBytes(32).toString('base64url');

/**
 * Caches what `load` returns (a Secrets Manager read costs a round trip and money) for
 * `maxAgeMs` by the clock `now`, so a rotated secret is picked up; a failed load is not
 * cached, so the next request tries again.
 */
export function cachedSecrets(
  load: KeySecretsSource,
  options: { maxAgeMs?: number; now?: () => number } = {},
): KeySecretsSource {
  const { maxAgeMs = Number.POSITIVE_INFINITY, now = Date.now } = options;
  let cached: { value: Promise<KeySecrets>; at: number } | undefined;
  return () => {
    if (!cached || now() - cached.at > maxAgeMs) {
      const value = load();
      const entry = { value, at: now() };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.value;
  };
}

const KEY_PATTERN = /^cg_([A-Za-z0-9-]{12})_([A-Za-z0-9_-]{43})$/;
const hash = (secret: string): Buffer => createHash('sha256').update(secret).digest();
const keyMac = (pepper: string, id: string, scope: string, secret: string): Buffer =>
  createHmac('sha256', pepper).update(`${id}\n${scope}\n${secret}`).digest();

export function checkScope(scope: string): Scope {
  if (!(SCOPES as readonly string[]).includes(scope))
    throw new ValidationError(`scope must be one of ${SCOPES.join(', ')}`, ['scope']);
  return scope as Scope;
}

/** Creates a key; the returned secret is shown once and never stored. The pepper must be the server's. */
export async function createApiKey(
  db: Db,
  name: string,
  scope: Scope,
  pepper: string,
): Promise<{ key: ApiKey; secret: string }> {
  if (!name.trim() || name.length > 100) throw new ValidationError('name must be 1 to 100 characters', ['name']);
  checkPepper(pepper);
  // Hex: an ID never holds the key's `_` separator, nor starts with `-` (read as an option by `npm run keys -- revoke ID`).
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key: StoredKey = {
    id,
    name: name.trim(),
    scope,
    createdAt: new Date().toISOString(),
    keyMac: keyMac(pepper, id, scope, secret).toString('hex'),
  };
  await db.transact([
    {
      put: { ...patterns.apiKey.key(id), ...patterns.apiKeys.keys({ id, createdAt: key.createdAt }), ...key },
      condition: 'attribute_not_exists(pk)',
    },
  ]);
  const { keyMac: _, ...visible } = key;
  return { key: visible, secret: `cg_${id}_${secret}` };
}

export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  const keys: ApiKey[] = [];
  for (const item of await everyItem((args) => pageOfPartition(db, patterns.apiKeys.query(), args))) {
    const { keyMac: _, secretHash: __, ...key } = withoutKeys<StoredKey & { secretHash?: string }>(item);
    keys.push(key);
  }
  return keys;
}

export async function revokeApiKey(db: Db, id: string): Promise<void> {
  try {
    await db.transact([{ delete: patterns.apiKey.key(id), condition: 'attribute_exists(pk)' }]);
  } catch {
    throw new NotFoundError(`no API key with ID ${id}`, ['id']);
  }
}

export class UnauthenticatedError extends ClaimgraphError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends ClaimgraphError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/**
 * The scope a request's `Authorization: Bearer <key>` grants, or null without the header.
 * A malformed, unknown or revoked key is UNAUTHENTICATED (never silently anonymous).
 */
export async function authenticate(
  db: Db,
  authorization: string | null,
  secrets: KeySecrets | KeySecretsSource,
): Promise<Scope | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <API key>"');
  const presented = match[1]!;
  const { pepper, adminKey } = typeof secrets === 'function' ? await secrets() : secrets;
  if (adminKey && timingSafeEqual(hash(presented), hash(adminKey))) return 'admin';
  const parts = KEY_PATTERN.exec(presented);
  if (!parts) throw new UnauthenticatedError('that API key is not valid');
  const [, id, secret] = parts as unknown as [string, string, string];
  const item = await db.get(patterns.apiKey.key(id), true);
  const stored = item ? withoutKeys<StoredKey>(item) : undefined;
  // Without a pepper nothing in the table can be checked: no stored key authorises anything.
  const usable =
    stored &&
    pepper &&
    typeof stored.keyMac === 'string' &&
    /^[0-9a-f]{64}$/.test(stored.keyMac) &&
    (SCOPES as readonly string[]).includes(stored.scope);
  // Compute and compare even when the key is unknown, so the timing does not tell which IDs exist.
  const actual = keyMac(pepper ?? '', id, usable ? stored.scope : '', secret);
  const expected = usable ? Buffer.from(stored.keyMac, 'hex') : randomBytes(actual.length);
  if (!timingSafeEqual(actual, expected) || !usable)
    throw new UnauthenticatedError('that API key is not valid or was revoked');
  return stored.scope;
}
