/**
 * API keys: `cg_<id>_<secret>`. Only a SHA-256 hash of the secret is stored (the secret is
 * 32 random bytes, so a slow hash adds nothing) and it is compared in constant time. The ID
 * part finds the stored key with one GetItem; a revoked key is deleted, so it stops working
 * on the next request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './store/client.js';
import { withoutKeys } from './store/client.js';
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
  secretHash: string;
}

const KEY_PATTERN = /^cg_([A-Za-z0-9-]{12})_([A-Za-z0-9_-]{43})$/;
const apiKeyKey = (id: string) => ({ pk: `APIKEY#${id}`, sk: 'APIKEY' });
const API_KEYS_PARTITION = 'APIKEYS';
const hash = (secret: string): Buffer => createHash('sha256').update(secret).digest();

export function checkScope(scope: string): Scope {
  if (!(SCOPES as readonly string[]).includes(scope)) throw new ValidationError(`scope must be one of ${SCOPES.join(', ')}`, ['scope']);
  return scope as Scope;
}

/** Creates a key; the returned secret is shown once and never stored. */
export async function createApiKey(db: Db, name: string, scope: Scope): Promise<{ key: ApiKey; secret: string }> {
  if (!name.trim() || name.length > 100) throw new ValidationError('name must be 1 to 100 characters', ['name']);
  const id = randomBytes(9).toString('base64url').replace(/_/g, '-');
  const secret = randomBytes(32).toString('base64url');
  const key: StoredKey = { id, name: name.trim(), scope, createdAt: new Date().toISOString(), secretHash: hash(secret).toString('hex') };
  await db.transact([{ put: { ...apiKeyKey(id), gsi3pk: API_KEYS_PARTITION, gsi3sk: `${key.createdAt}#${id}`, ...key }, condition: 'attribute_not_exists(pk)' }]);
  const { secretHash: _, ...visible } = key;
  return { key: visible, secret: `cg_${id}_${secret}` };
}

export async function listApiKeys(db: Db): Promise<ApiKey[]> {
  const keys: ApiKey[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.query({ index: 'gsi3', keyCondition: '#pk = :pk', names: { '#pk': 'gsi3pk' }, values: { ':pk': API_KEYS_PARTITION }, startKey });
    for (const item of page.items) {
      const { secretHash: _, ...key } = withoutKeys<StoredKey>(item);
      keys.push(key);
    }
    startKey = page.lastKey;
  } while (startKey);
  return keys;
}

export async function revokeApiKey(db: Db, id: string): Promise<void> {
  try {
    await db.transact([{ delete: apiKeyKey(id), condition: 'attribute_exists(pk)' }]);
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
export async function authenticate(db: Db, authorization: string | null, adminKey: string | undefined): Promise<Scope | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <API key>"');
  const presented = match[1]!;
  if (adminKey && timingSafeEqual(hash(presented), hash(adminKey))) return 'admin';
  const parts = KEY_PATTERN.exec(presented);
  if (!parts) throw new UnauthenticatedError('that API key is not valid');
  const item = await db.get(apiKeyKey(parts[1]!), true);
  const stored = item ? withoutKeys<StoredKey>(item) : undefined;
  // Compare even when the key is unknown, so the timing does not tell which IDs exist.
  const expected = stored ? Buffer.from(stored.secretHash, 'hex') : hash('');
  if (!timingSafeEqual(hash(parts[2]!), expected) || !stored) throw new UnauthenticatedError('that API key is not valid or was revoked');
  return stored.scope;
}
