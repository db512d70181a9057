/**
 * The key secrets on AWS: read at run time from Secrets Manager, never put in the function's
 * environment (anyone allowed to read the function's configuration would see them there).
 * The environment holds only the secrets' ARNs. The SDK client is imported on first use, so a
 * cold start that serves only anonymous reads never loads it.
 */
import { cachedSecrets, checkPepper, type KeySecrets, type KeySecretsSource } from './api-key.js';

export class SecretsError extends Error {
  override name = 'SecretsError';
}

export interface SecretIds {
  /** ARN or name of the pepper secret (required: without it no stored key could be checked). */
  pepperSecretId: string | undefined;
  /** ARN or name of the bootstrap admin key secret, if any. */
  adminKeySecretId: string | undefined;
}

/** Reads one secret string, through whatever `send` is (the SDK client's, or a test's). */
export type SecretReader = (secretId: string) => Promise<string>;

export async function sdkSecretReader(region: string, endpoint?: string): Promise<SecretReader> {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region, ...(endpoint ? { endpoint } : {}) });
  return async (secretId) => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new SecretsError(`secret ${secretId} has no string value`);
    return SecretString;
  };
}

/** Loads both secrets in parallel. */
export async function readKeySecrets(ids: SecretIds, read: SecretReader): Promise<KeySecrets> {
  if (!ids.pepperSecretId)
    throw new SecretsError('CLAIMGRAPH_KEY_PEPPER_SECRET is not set: stored API keys cannot be checked');
  const [pepper, adminKey] = await Promise.all([
    read(ids.pepperSecretId),
    ids.adminKeySecretId ? read(ids.adminKeySecretId) : undefined,
  ]);
  const trimmedAdmin = adminKey?.trim();
  if (trimmedAdmin !== undefined && (trimmedAdmin.length < 16 || /\s/.test(trimmedAdmin))) {
    throw new SecretsError(
      `the admin key secret ${ids.adminKeySecretId} must be at least 16 characters with no spaces`,
    );
  }
  return { pepper: checkPepper(pepper.trim()), adminKey: trimmedAdmin };
}

/** How long a read secret is kept before it is read again (so a rotated admin key takes over). */
export const SECRETS_MAX_AGE_MS = 5 * 60_000;

/** The source the Lambda's server uses: Secrets Manager, cached per container. */
export function secretsManagerKeySecrets(ids: SecretIds, reader: () => Promise<SecretReader>): KeySecretsSource {
  let readerPromise: Promise<SecretReader> | undefined;
  return cachedSecrets(
    async () => {
      readerPromise ??= reader();
      return readKeySecrets(ids, await readerPromise);
    },
    { maxAgeMs: SECRETS_MAX_AGE_MS },
  );
}
