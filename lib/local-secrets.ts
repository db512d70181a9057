/**
 * The API key pepper of a local install: CLAIMGRAPH_KEY_PEPPER when set, else a file in the
 * data folder (git-ignored), made on first use, readable by its owner only. It lives outside
 * the table on purpose: DynamoDB Local has no authentication, so whoever reaches its port can
 * write key items, but without the pepper those items authorise nothing.
 */
import { chmodSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPepper, newPepper } from './api-key.js';
import type { Config } from './config.js';

export const PEPPER_FILE = 'key-pepper';

export function localPepperPath(config: Pick<Config, 'localDataDir'>): string {
  return join(config.localDataDir, PEPPER_FILE);
}

/** The pepper `npm start`, `npm run keys` and `npm run ingest` share on this machine. */
export function localPepper(config: Pick<Config, 'pepper' | 'localDataDir'>): string {
  if (config.pepper) return config.pepper;
  const path = localPepperPath(config);
  mkdirSync(config.localDataDir, { recursive: true });
  // Written whole under another name, then linked into place (link fails if the name exists):
  // two first starts at once agree on one pepper, and no reader sees a half-written file.
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, `${newPepper()}\n`, { mode: 0o600 });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(draft, { force: true });
  }
  // A copy made with a permissive umask or tool: take it back to owner-only.
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return checkPepper(readFileSync(path, 'utf8').trim());
}
