/**
 * The stack's settings: CDK context (`cdk deploy -c key=value`) first, then the environment
 * (through lib/config.ts, the one module that reads it), then defaults. Anything malformed
 * fails at synth with a message that names the setting.
 */
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ConfigError, DEFAULT_CACHE_MAX_AGE_SECONDS, readConfig } from '../lib/config.js';
import { readManifest } from '../server/persisted-operations.js';

export interface StackSettings {
  /** Origins browsers may call the API from; `['*']` allows any (no credentials are used). */
  allowedOrigins: string[];
  /** Stage-wide steady request rate (requests per second) and burst. */
  throttleRateLimit: number;
  throttleBurstLimit: number;
  /** Retention of the function's logs and the API's access logs. */
  logRetention: RetentionDays;
  /** Lambda memory (MB; CPU grows with it) and timeout. */
  memorySize: number;
  timeout: Duration;
  /** The p99 duration alarm fires above this many milliseconds. */
  p99DurationAlarmMs: number;
  /** An existing SNS topic the alarms notify; none means the alarms only change state. */
  alarmTopicArn: string | undefined;
  /** Reads need a `read` API key too (REQUIRE_KEY_FOR_READ of the function). */
  requireKeyForRead: boolean;
  /** Turns GraphQL introspection off (DISABLE_INTROSPECTION of the function). */
  disableIntrospection: boolean;
  /**
   * Name of an existing Secrets Manager secret whose value is accepted as an admin API key.
   * The function reads it at run time (its environment holds only the name). None means no
   * admin key: API keys are then only those stored in the table.
   */
  adminKeySecretName: string | undefined;
  /** At most this many ingest worker instances at once (SQS event source maximum concurrency, 2 to 1000). */
  ingestMaxConcurrency: number;
  /** The ingest queue's age-of-oldest-message alarm fires at this many seconds. */
  ingestQueueAgeAlarmSeconds: number;
  /** `max-age` of anonymous GET query answers (CACHE_MAX_AGE of the function). */
  cacheMaxAgeSeconds: number;
  /**
   * A manifest of persisted operations (hash → document) to bundle with the function: only
   * those operations then run (PERSISTED_OPERATIONS_ONLY). None: any document, and APQ.
   */
  persistedOperationsFile: string | undefined;
}

export const DEFAULT_SETTINGS: StackSettings = {
  allowedOrigins: ['*'],
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
  logRetention: RetentionDays.ONE_MONTH,
  memorySize: 1024,
  timeout: Duration.seconds(15),
  p99DurationAlarmMs: 3000,
  alarmTopicArn: undefined,
  requireKeyForRead: false,
  disableIntrospection: false,
  adminKeySecretName: undefined,
  // Each worker writes an article's items in parallel: 5 keeps a burst within what a new
  // on-demand table absorbs without throttling, and the queue holds the rest.
  ingestMaxConcurrency: 5,
  ingestQueueAgeAlarmSeconds: 900,
  cacheMaxAgeSeconds: DEFAULT_CACHE_MAX_AGE_SECONDS,
  persistedOperationsFile: undefined,
};

/** The context keys, as in `cdk deploy -c allowedOrigins=https://a.example,https://b.example`. */
export const CONTEXT_KEYS = {
  allowedOrigins: 'allowedOrigins',
  throttleRateLimit: 'throttleRateLimit',
  throttleBurstLimit: 'throttleBurstLimit',
  logRetentionDays: 'logRetentionDays',
  memorySize: 'memorySize',
  timeoutSeconds: 'timeoutSeconds',
  p99DurationAlarmMs: 'p99DurationAlarmMs',
  alarmTopicArn: 'alarmTopicArn',
  requireKeyForRead: 'requireKeyForRead',
  disableIntrospection: 'disableIntrospection',
  adminKeySecretName: 'adminKeySecretName',
  ingestMaxConcurrency: 'ingestMaxConcurrency',
  ingestQueueAgeAlarmSeconds: 'ingestQueueAgeAlarmSeconds',
  cacheMaxAge: 'cacheMaxAge',
  persistedOperations: 'persistedOperations',
} as const;

type Context = (key: string) => unknown;

function integer(context: Context, key: string, fallback: number, min: number, max: number): number {
  const raw = context(key);
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(String(raw));
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`context ${key} must be an integer from ${min} to ${max}, got "${String(raw)}"`);
  }
  return value;
}

function boolean(context: Context, key: string, fallback: boolean): boolean {
  const raw = context(key);
  if (raw === undefined || raw === '') return fallback;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new ConfigError(`context ${key} must be true or false, got "${String(raw)}"`);
}

function origins(raw: unknown, source: string): string[] {
  const list = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
  const trimmed = list.map((origin) => origin.trim()).filter(Boolean);
  for (const origin of trimmed) {
    if (origin === '*') continue;
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      throw new ConfigError(
        `${source} must list origins such as https://news.example.org (scheme, host, optional port; no path), got "${origin}"`,
      );
    }
  }
  return trimmed.length > 0 ? trimmed : DEFAULT_SETTINGS.allowedOrigins;
}

const RETENTIONS = new Set<number>(
  Object.values(RetentionDays).filter((value): value is number => typeof value === 'number'),
);

/** Reads the settings from `context` (e.g. `(key) => app.node.tryGetContext(key)`) and `env`. */
export function readStackSettings(
  context: Context,
  env: Record<string, string | undefined> = process.env,
): StackSettings {
  const k = CONTEXT_KEYS;
  const contextOrigins = context(k.allowedOrigins);
  const envConfig = readConfig(env);
  const envOrigins = envConfig.corsOrigins;
  const allowedOrigins =
    contextOrigins !== undefined && contextOrigins !== ''
      ? origins(contextOrigins, `context ${k.allowedOrigins}`)
      : envOrigins.length > 0
        ? origins(envOrigins, 'CORS_ORIGINS')
        : DEFAULT_SETTINGS.allowedOrigins;

  const logRetention = integer(context, k.logRetentionDays, DEFAULT_SETTINGS.logRetention, 1, 3653);
  if (!RETENTIONS.has(logRetention)) {
    throw new ConfigError(
      `context ${k.logRetentionDays} must be one of CloudWatch's retention periods (${[...RETENTIONS].filter((d) => d > 0).join(', ')}), got ${logRetention}`,
    );
  }
  const throttleRateLimit = integer(context, k.throttleRateLimit, DEFAULT_SETTINGS.throttleRateLimit, 1, 10_000);
  const throttleBurstLimit = integer(context, k.throttleBurstLimit, DEFAULT_SETTINGS.throttleBurstLimit, 1, 5_000);
  const timeoutSeconds = integer(context, k.timeoutSeconds, DEFAULT_SETTINGS.timeout.toSeconds(), 1, 29);
  const alarmTopicArn = context(k.alarmTopicArn);
  if (
    alarmTopicArn !== undefined &&
    alarmTopicArn !== '' &&
    !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/.test(String(alarmTopicArn))
  ) {
    throw new ConfigError(`context ${k.alarmTopicArn} must be an SNS topic ARN, got "${String(alarmTopicArn)}"`);
  }
  const adminKeySecretName = context(k.adminKeySecretName);
  if (
    adminKeySecretName !== undefined &&
    adminKeySecretName !== '' &&
    !/^[\w/+=.@-]{1,512}$/.test(String(adminKeySecretName))
  ) {
    throw new ConfigError(
      `context ${k.adminKeySecretName} must be a Secrets Manager secret name, got "${String(adminKeySecretName)}"`,
    );
  }
  const contextManifest = context(k.persistedOperations);
  const persistedOperationsFile =
    contextManifest !== undefined && contextManifest !== ''
      ? String(contextManifest)
      : envConfig.persistedOperationsOnly
        ? envConfig.persistedOperationsFile
        : undefined;
  // A broken manifest fails the synth, not the first request of the deployed function.
  if (persistedOperationsFile) readManifest(persistedOperationsFile);
  return {
    allowedOrigins,
    throttleRateLimit,
    throttleBurstLimit,
    logRetention: logRetention as RetentionDays,
    memorySize: integer(context, k.memorySize, DEFAULT_SETTINGS.memorySize, 128, 10_240),
    // API Gateway gives up on an integration after 30 s: the function must finish before.
    timeout: Duration.seconds(timeoutSeconds),
    p99DurationAlarmMs: integer(context, k.p99DurationAlarmMs, DEFAULT_SETTINGS.p99DurationAlarmMs, 1, 29_000),
    alarmTopicArn: alarmTopicArn ? String(alarmTopicArn) : undefined,
    requireKeyForRead: boolean(context, k.requireKeyForRead, DEFAULT_SETTINGS.requireKeyForRead),
    disableIntrospection: boolean(context, k.disableIntrospection, DEFAULT_SETTINGS.disableIntrospection),
    adminKeySecretName: adminKeySecretName ? String(adminKeySecretName) : undefined,
    ingestMaxConcurrency: integer(context, k.ingestMaxConcurrency, DEFAULT_SETTINGS.ingestMaxConcurrency, 2, 1000),
    ingestQueueAgeAlarmSeconds: integer(
      context,
      k.ingestQueueAgeAlarmSeconds,
      DEFAULT_SETTINGS.ingestQueueAgeAlarmSeconds,
      60,
      1_209_600,
    ),
    cacheMaxAgeSeconds: integer(context, k.cacheMaxAge, envConfig.cacheMaxAgeSeconds, 0, 3600),
    persistedOperationsFile,
  };
}
