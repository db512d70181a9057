/**
 * Fault injection for tests: SDK middleware on a DynamoDBClient that fails requests the way
 * DynamoDB and the network do (throttling, 500s, timeouts), seeded so a run is repeatable.
 *
 * The failing middleware sits in the `finalizeRequest` step right after the SDK's
 * `retryMiddleware`, so it runs once per attempt: the SDK classifies each injected error as
 * it would a real one and retries it within its budget (maxAttempts, retry capacity). By
 * default the fault happens before the request leaves the process (DynamoDB never sees it);
 * `when: 'after'` lets the request reach DynamoDB and then loses the response (a timeout
 * after the write was applied), which is what makes retried writes need idempotency.
 *
 * A second middleware, in `initialize` (once per `send`, before any retry), numbers the
 * invocations of each command, so a test can fail "the 3rd TransactWriteItems" on every
 * attempt (exhausting its retries) while everything else goes through.
 *
 * Also here, for the fault, concurrency and fuzz tests: the
 * whole-table invariant checker (`checkInvariants`) and a caller that sends the admin key.
 */
import {
  DynamoDBServiceException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  ThrottlingException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import type { Db } from '../lib/store/client.js';
import { createServer, type ServerOptions } from '../server/server.js';

/** What an injected failure looks like to the SDK. All but `validation` are retryable. */
export type FaultKind =
  | 'throttling' // ThrottlingException, 400: a throttling error (longer backoff)
  | 'provisioned' // ProvisionedThroughputExceededException, 400: a throttling error
  | 'internal' // InternalServerError, 500: transient
  | 'unavailable' // ServiceUnavailable, 503: transient
  | 'timeout' // socket timeout (TimeoutError / ETIMEDOUT), no response: transient
  | 'validation'; // ValidationException, 400: not retryable

export const RETRYABLE_FAULTS: FaultKind[] = ['throttling', 'provisioned', 'internal', 'unavailable', 'timeout'];

/** Commands that write. */
export const WRITE_COMMANDS = ['TransactWriteItems', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'];

export interface FaultOptions {
  /** Probability (0..1) that an attempt of a matching command fails. Default 0. */
  rate?: number;
  /** Seed of the pseudo-random draws that decide which attempts fail and how. */
  seed?: number;
  /** Which errors to inject, picked uniformly; default all retryable kinds. */
  kinds?: FaultKind[];
  /**
   * Which commands may fail: names with or without the `Command` suffix
   * (`'TransactWriteItems'`), `'writes'` for every write command, or a predicate.
   * Default: every command.
   */
  only?: string | string[] | 'writes' | ((command: string) => boolean);
  /**
   * 1-based numbers of invocations (`send` calls) of matching commands that fail on every
   * attempt, whatever `rate` says: with a retryable kind this exhausts the retry budget;
   * with `'validation'` it fails at once.
   */
  failInvocations?: number[];
  /** The error of `failInvocations`; default `'internal'`. */
  invocationFault?: FaultKind;
  /** How many attempts of each of `failInvocations` fail, from the first; default all of them. */
  failAttempts?: number;
  /** 'before' (default): DynamoDB never sees the failed attempt. 'after': it does, and the response is lost. */
  when?: 'before' | 'after';
  /** Random faults spare this attempt and later ones (set to the client's maxAttempts to stay within its budget). */
  maxAttemptsLeftAlone?: number;
}

export interface FaultInjector {
  /** Attempts (per retry) of matching commands seen so far. */
  readonly attempts: number;
  /** Invocations (`send` calls) of matching commands seen so far. */
  readonly invocations: number;
  /** Faults injected so far. */
  readonly injected: number;
  readonly byKind: Partial<Record<FaultKind, number>>;
  readonly byCommand: Record<string, number>;
  /** Change the rate (0 turns random faults off); counters are kept. */
  setRate(rate: number): void;
  /** Turn all faults (random and scheduled) off or on again. */
  setEnabled(enabled: boolean): void;
  /** Zero the counters and the invocation numbering (so the same requests draw the same faults). */
  reset(): void;
  /** Remove both middlewares from the client. */
  remove(): void;
}

/** A 32-bit FNV-1a hash of a string, to seed a draw from what identifies an attempt. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INJECTED = 'injected fault';

/** The error an attempt fails with, shaped as the SDK shapes real ones. */
export function faultError(kind: FaultKind, command: string): Error {
  const metadata = (httpStatusCode: number | undefined) => ({
    httpStatusCode,
    requestId: `fault-${command}`,
    attempts: 1,
    totalRetryDelay: 0,
  });
  switch (kind) {
    case 'throttling':
      return new ThrottlingException({ message: `${INJECTED}: rate exceeded`, $metadata: metadata(400) });
    case 'provisioned':
      return new ProvisionedThroughputExceededException({
        message: `${INJECTED}: the level of configured provisioned throughput for the table was exceeded`,
        $metadata: metadata(400),
      });
    case 'internal':
      return new InternalServerError({ message: `${INJECTED}: internal server error`, $metadata: metadata(500) });
    case 'unavailable':
      return new DynamoDBServiceException({
        name: 'ServiceUnavailable',
        $fault: 'server',
        message: `${INJECTED}: service unavailable`,
        $metadata: metadata(503),
      });
    case 'timeout':
      // What @smithy/node-http-handler throws when the socket times out: no HTTP response.
      return Object.assign(new Error(`${INJECTED}: connection timed out after 1000 ms`), {
        name: 'TimeoutError',
        code: 'ETIMEDOUT',
      });
    case 'validation':
      return new DynamoDBServiceException({
        name: 'ValidationException',
        $fault: 'client',
        message: `${INJECTED}: validation failed`,
        $metadata: metadata(400),
      });
  }
}

const bareName = (command: string) => command.replace(/Command$/, '');

function commandFilter(only: FaultOptions['only']): (command: string) => boolean {
  if (only === undefined) return () => true;
  if (typeof only === 'function') return (command) => only(bareName(command));
  const names = new Set((only === 'writes' ? WRITE_COMMANDS : Array.isArray(only) ? only : [only]).map(bareName));
  return (command) => names.has(bareName(command));
}

let nextId = 0;

/**
 * Adds fault-injecting middleware to `client` (e.g. `db.client`; build the Db with
 * `new Db({ ..., client })` to control `maxAttempts`). Returns the counters and controls.
 */
export function injectFaults(client: DynamoDBClient, options: FaultOptions = {}): FaultInjector {
  const id = ++nextId;
  const numberName = `claimgraphFaultNumbering${id}`;
  const faultName = `claimgraphFaultInjection${id}`;
  const invocationKey = Symbol(numberName);
  const attemptKey = Symbol(faultName);
  const ordinalKey = Symbol(`${numberName}ordinal`);
  const matches = commandFilter(options.only);
  const kinds = options.kinds?.length ? options.kinds : RETRYABLE_FAULTS;
  const scheduled = new Set(options.failInvocations ?? []);
  const when = options.when ?? 'before';
  let rate = options.rate ?? 0;
  let enabled = true;

  const state = {
    attempts: 0,
    invocations: 0,
    injected: 0,
    byKind: {} as Partial<Record<FaultKind, number>>,
    byCommand: {} as Record<string, number>,
  };

  // Per command, the how-manieth invocation of it this is: random faults are decided by
  // (seed, command, that number, attempt), not by one sequence drawn in the order attempts
  // happen to arrive, so requests running side by side get the same faults every run.
  const perCommand = new Map<string, number>();
  const decide = (
    command: string,
    invocation: number | undefined,
    ordinal: number,
    attempt: number,
  ): FaultKind | undefined => {
    const draw = seededRandom(hashOf(`${options.seed ?? 1}:${command}:${ordinal}:${attempt}`));
    const roll = draw();
    const pick = draw();
    if (!enabled) return undefined;
    if (invocation !== undefined && scheduled.has(invocation) && attempt <= (options.failAttempts ?? Infinity)) {
      return options.invocationFault ?? 'internal';
    }
    // The last attempt of the budget never fails at random: within the budget, every request
    // succeeds, whatever the draw.
    if (attempt >= (options.maxAttemptsLeftAlone ?? Infinity)) return undefined;
    if (roll < rate) return kinds[Math.floor(pick * kinds.length)]!;
    return undefined;
  };

  const record = (kind: FaultKind, command: string) => {
    state.injected += 1;
    state.byKind[kind] = (state.byKind[kind] ?? 0) + 1;
    state.byCommand[command] = (state.byCommand[command] ?? 0) + 1;
  };

  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = bareName(context.commandName ?? 'unknown');
      if (matches(command)) {
        state.invocations += 1;
        (context as Record<symbol, unknown>)[invocationKey] = state.invocations;
        perCommand.set(command, (perCommand.get(command) ?? 0) + 1);
        (context as Record<symbol, unknown>)[ordinalKey] = perCommand.get(command);
      }
      return next(args);
    },
    { step: 'initialize', name: numberName, priority: 'high' },
  );

  const inject: FinalizeRequestMiddleware<any, any> = (next, context) => async (args) => {
    const command = bareName(context.commandName ?? 'unknown');
    if (!matches(command)) return next(args);
    state.attempts += 1;
    const marks = context as Record<symbol, number | undefined>;
    marks[attemptKey] = (marks[attemptKey] ?? 0) + 1;
    const kind = decide(command, marks[invocationKey], marks[ordinalKey] ?? 0, marks[attemptKey]!);
    if (!kind) return next(args);
    record(kind, command);
    if (when === 'after' && kind !== 'validation') {
      await next(args);
      // The request was applied; its response never arrives.
      throw faultError('timeout', command);
    }
    throw faultError(kind, command);
  };
  client.middlewareStack.addRelativeTo(inject, { name: faultName, relation: 'after', toMiddleware: 'retryMiddleware' });

  return {
    get attempts() {
      return state.attempts;
    },
    get invocations() {
      return state.invocations;
    },
    get injected() {
      return state.injected;
    },
    get byKind() {
      return { ...state.byKind };
    },
    get byCommand() {
      return { ...state.byCommand };
    },
    setRate(value: number) {
      rate = value;
    },
    setEnabled(value: boolean) {
      enabled = value;
    },
    reset() {
      state.attempts = 0;
      state.invocations = 0;
      state.injected = 0;
      state.byKind = {};
      state.byCommand = {};
      perCommand.clear();
    },
    remove() {
      client.middlewareStack.remove(numberName);
      client.middlewareStack.remove(faultName);
    },
  };
}

// Whole-table invariants live in lib/integrity.ts (the corpus bench checks a whole table too).
export { checkInvariants, leftovers, summarize, type TableItem } from '../lib/store/integrity.js';

// ---------------------------------------------------------------------------------------
// Calling the server as an admin (mutations need `Authorization: Bearer <key>` with scope write)

/** The admin key the tests' servers accept. */
export const ADMIN_KEY = 'claimgraph-test-admin-key';

export const authHeaders = (key: string = ADMIN_KEY): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** `createServer` with the admin key (cast: older ServerOptions may not declare `adminKey`). */
export function createAdminServer(options: ServerOptions & { adminKey?: string }) {
  return createServer({ adminKey: ADMIN_KEY, ...options } as ServerOptions);
}

export interface GraphQLResponse<T = any> {
  status: number;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
      [key: string]: unknown;
    }[];
  };
}

/** A caller through yoga.fetch that sends the admin key and keeps the HTTP status. */
export function adminCaller(db: Db, options: { logError?: (error: unknown) => void; production?: boolean } = {}) {
  const yoga = createAdminServer({ db, production: options.production, logError: options.logError ?? (() => {}) });
  const call = async <T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const response = await yoga.fetch('http://claimgraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...authHeaders() },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
  };
  return Object.assign(call, { yoga });
}
export type AdminCaller = ReturnType<typeof adminCaller>;
