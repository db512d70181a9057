/**
 * What a running `npm start` tells the command-line tools: where its API and its DynamoDB
 * are. Written under the data folder while it runs, removed when it stops; `npm run keys` and
 * `npm run ingest` read it, so they go where the user is looking (an `--in-memory` server's
 * database included) instead of starting a DynamoDB Local of their own.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';

export interface RunningServer {
  pid: number;
  /** The GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  dynamodbEndpoint: string;
  tableName: string;
  /** How the server described its database (shown by the tools). */
  database: string;
}

export const RUNTIME_FILE = 'server.json';

const pathOf = (config: Pick<Config, 'localDataDir'>) => join(config.localDataDir, RUNTIME_FILE);

export function writeRuntimeFile(config: Pick<Config, 'localDataDir'>, server: RunningServer): void {
  mkdirSync(config.localDataDir, { recursive: true });
  const draft = `${pathOf(config)}.${process.pid}.tmp`;
  writeFileSync(draft, JSON.stringify(server, null, 2), { mode: 0o600 });
  renameSync(draft, pathOf(config));
}

/** Removes the file if this process wrote it (another server may have taken over since). */
export function removeRuntimeFile(config: Pick<Config, 'localDataDir'>): void {
  if (readRuntimeFile(config)?.pid === process.pid) rmSync(pathOf(config), { force: true });
}

/** The running server, or null when there is none (no file, or its process is gone). */
export function readRuntimeFile(config: Pick<Config, 'localDataDir'>): RunningServer | null {
  let server: RunningServer;
  try {
    server = JSON.parse(readFileSync(pathOf(config), 'utf8')) as RunningServer;
  } catch {
    return null;
  }
  try {
    process.kill(server.pid, 0);
  } catch (error) {
    // EPERM: alive, but another user's.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return server;
}
