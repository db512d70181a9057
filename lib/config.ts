import { fileURLToPath } from 'node:url';

/**
 * Configuration, read from the environment in this one place. Anything malformed fails at
 * start-up with a message that names the variable, not later inside a request.
 */

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface Config {
  /** DynamoDB table name. */
  tableName: string;
  /** AWS region of the table (DynamoDB Local ignores it but the SDK needs one). */
  region: string;
  /** An existing DynamoDB endpoint (DynamoDB Local); unset means AWS itself. */
  dynamodbEndpoint: string | undefined;
  /** Port of the local HTTP server. */
  port: number;
  /** Interface the local HTTP server listens on (CLAIMGRAPH_HOST): loopback unless said otherwise. */
  host: string;
  /** `production` masks unexpected errors and turns off "did you mean" hints. */
  production: boolean;
  /** Introspection stays on (GraphiQL needs it) unless this is set. */
  disableIntrospection: boolean;
  /** Accepted as an `admin` API key: the bootstrap secret (CLAIMGRAPH_ADMIN_KEY), for local use. */
  adminKey: string | undefined;
  /**
   * The secret that API key MACs are keyed with (CLAIMGRAPH_KEY_PEPPER). Unset locally means
   * the file under the data folder (lib/local-secrets.ts).
   */
  pepper: string | undefined;
  /** Secrets Manager secrets (ARN or name) read at run time on AWS: the pepper and the bootstrap admin key. */
  pepperSecretId: string | undefined;
  adminKeySecretId: string | undefined;
  /** Reads need a `read` key too (REQUIRE_KEY_FOR_READ=true); by default they are open. */
  requireKeyForRead: boolean;
  /** Where `npm start` keeps DynamoDB Local's data (git-ignored). */
  localDataDir: string;
  /**
   * Origins browsers may call the API from (CORS_ORIGINS, comma-separated; `*` for any origin).
   * Empty (the default) allows only pages served from this machine (localhost, 127.0.0.1, [::1]).
   * Credentials (cookies) are never allowed: keys travel in the Authorization header.
   */
  corsOrigins: string[];
  /** `max-age` (seconds) of anonymous GET query answers (CACHE_MAX_AGE); 0 stores nothing. */
  cacheMaxAgeSeconds: number;
  /**
   * Only the operations of a manifest run (PERSISTED_OPERATIONS_ONLY=true with
   * PERSISTED_OPERATIONS_FILE); arbitrary documents are refused. Off: automatic persisted queries.
   */
  persistedOperationsOnly: boolean;
  /** The manifest (hash → document) of persisted operations; a path, relative to the working directory. */
  persistedOperationsFile: string | undefined;
  /** The SQS queue `enqueueArticles` sends to (INGEST_QUEUE_URL, set by the stack); unset locally. */
  ingestQueueUrl: string | undefined;
  /** Where the ingest worker puts an article that failed its last attempt (INGEST_DEAD_LETTER_QUEUE_URL). */
  ingestDeadLetterQueueUrl: string | undefined;
}

type Env = Record<string, string | undefined>;

function readPort(env: Env): number {
  const raw = env.PORT;
  if (raw === undefined || raw === '') return 4000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function readUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as http://localhost:8000, got "${raw}"`);
  }
  return raw;
}

function readBoolean(env: Env, name: string): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function readSecret(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 16 || /\s/.test(raw)) throw new ConfigError(`${name} must be at least 16 characters with no spaces`);
  return raw;
}

function readPepper(env: Env): string | undefined {
  const raw = env.CLAIMGRAPH_KEY_PEPPER;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < 32 || /\s/.test(raw))
    throw new ConfigError('CLAIMGRAPH_KEY_PEPPER must be at least 32 characters with no spaces');
  return raw;
}

function readOrigins(env: Env): string[] {
  // The old name would otherwise be ignored without a word, and a deployment lose its origins.
  if (env.ALLOWED_ORIGINS) throw new ConfigError('ALLOWED_ORIGINS is now CORS_ORIGINS: rename the variable');
  const origins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (origin === '*') continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.origin !== origin)
      throw new ConfigError(
        `CORS_ORIGINS must list origins such as https://news.example.org (scheme, host, optional port; no path), got "${origin}"`,
      );
  }
  return origins;
}

function readMaxAge(env: Env): number {
  const raw = env.CACHE_MAX_AGE;
  if (raw === undefined || raw === '') return DEFAULT_CACHE_MAX_AGE_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600)
    throw new ConfigError(`CACHE_MAX_AGE must be a whole number of seconds from 0 to 3600, got "${raw}"`);
  return seconds;
}

/** Short: a CDN or browser may show an answer this old, and claims are corrected by hand. */
export const DEFAULT_CACHE_MAX_AGE_SECONDS = 30;

function readPersistedOperations(env: Env): Pick<Config, 'persistedOperationsOnly' | 'persistedOperationsFile'> {
  const only = readBoolean(env, 'PERSISTED_OPERATIONS_ONLY');
  const file = env.PERSISTED_OPERATIONS_FILE || undefined;
  if (only && !file)
    throw new ConfigError('PERSISTED_OPERATIONS_ONLY=true needs PERSISTED_OPERATIONS_FILE, the manifest of operations');
  return { persistedOperationsOnly: only, persistedOperationsFile: file };
}

function readHost(env: Env): string {
  const raw = env.CLAIMGRAPH_HOST;
  if (raw === undefined || raw === '') return '127.0.0.1';
  if (!/^[\w.:-]{1,253}$/.test(raw))
    throw new ConfigError(`CLAIMGRAPH_HOST must be a host name or an IP address such as 0.0.0.0, got "${raw}"`);
  return raw;
}

export function readConfig(env: Env = process.env): Config {
  return {
    tableName: env.TABLE_NAME || 'claimgraph',
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    dynamodbEndpoint: readUrl(env, 'DYNAMODB_ENDPOINT'),
    port: readPort(env),
    host: readHost(env),
    production: env.NODE_ENV === 'production',
    disableIntrospection: readBoolean(env, 'DISABLE_INTROSPECTION'),
    adminKey: readSecret(env, 'CLAIMGRAPH_ADMIN_KEY'),
    pepper: readPepper(env),
    pepperSecretId: env.CLAIMGRAPH_KEY_PEPPER_SECRET || undefined,
    adminKeySecretId: env.CLAIMGRAPH_ADMIN_KEY_SECRET || undefined,
    requireKeyForRead: readBoolean(env, 'REQUIRE_KEY_FOR_READ'),
    localDataDir: env.CLAIMGRAPH_DATA_DIR || fileURLToPath(new URL('../.data/', import.meta.url)),
    corsOrigins: readOrigins(env),
    cacheMaxAgeSeconds: readMaxAge(env),
    ...readPersistedOperations(env),
    ingestQueueUrl: readUrl(env, 'INGEST_QUEUE_URL'),
    ingestDeadLetterQueueUrl: readUrl(env, 'INGEST_DEAD_LETTER_QUEUE_URL'),
  };
}
