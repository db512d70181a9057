/**
 * `npm run ingest -- <files or folders>`: ingests .txt files (and .json files with `text`,
 * `url`, `title`, `publisher`, `publishedAt`) into the configured database. A bad file is
 * reported and skipped; the rest go in.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ensureTable } from '../lib/bootstrap.js';
import { ConfigError, readConfig } from '../lib/config.js';
import { createDataContext } from '../lib/store/loaders.js';
import { Db } from '../lib/store/client.js';
import { ClaimgraphError } from '../lib/errors.js';
import { ingestArticle, type IngestInput } from '../lib/ingest.js';
import { JavaMissingError, openLocalDatabase } from '../lib/local-dynamo.js';

function filesUnder(path: string): string[] {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .sort()
      .flatMap((name) => filesUnder(join(path, name)));
  }
  return ['.txt', '.json'].includes(extname(path)) ? [path] : [];
}

function inputOf(path: string): IngestInput {
  const raw = readFileSync(path, 'utf8');
  if (extname(path) === '.txt') return { text: raw };
  const parsed = JSON.parse(raw) as Partial<IngestInput>;
  if (typeof parsed.text !== 'string') throw new Error('a .json article needs a "text" string');
  return { text: parsed.text, url: parsed.url, title: parsed.title, publisher: parsed.publisher, publishedAt: parsed.publishedAt };
}

function progress(done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write('\n');
}

async function main(): Promise<number> {
  const paths = process.argv.slice(2).filter((arg) => arg !== '--');
  if (paths.length === 0) {
    console.error('usage: npm run ingest -- <files or folders of .txt / .json articles>');
    return 2;
  }
  const files = paths.flatMap((path) => {
    try {
      return filesUnder(path);
    } catch {
      console.error(`skipped ${path}: no such file or folder`);
      return [];
    }
  });
  const config = readConfig();
  const database = await openLocalDatabase(config, { share: true });
  console.log(`Ingesting ${files.length} file(s) into table ${config.tableName} on ${database.description}`);
  const db = new Db({ tableName: config.tableName, region: config.region, endpoint: database.endpoint });
  await ensureTable(db);

  const summary = { new: 0, unchanged: 0, reextracted: 0, failed: 0, claims: 0 };
  const parties = new Set<string>();
  const locations = new Set<string>();
  const failures: string[] = [];
  for (const [i, file] of files.entries()) {
    try {
      const result = await ingestArticle(createDataContext(db), inputOf(file));
      summary[result.created ? 'new' : result.reextracted ? 'reextracted' : 'unchanged']++;
      summary.claims += result.article.claimIds.length;
      result.article.partyIds.forEach((id) => parties.add(id));
      result.article.locationIds.forEach((id) => locations.add(id));
    } catch (error) {
      summary.failed++;
      const reason = error instanceof ClaimgraphError || error instanceof SyntaxError || error instanceof Error ? error.message : String(error);
      failures.push(`${file}: ${reason}`);
    }
    progress(i + 1, files.length);
  }
  await database.close();
  for (const failure of failures) console.error(`failed ${failure}`);
  console.table({
    articles: { new: summary.new, unchanged: summary.unchanged, reextracted: summary.reextracted, failed: summary.failed },
  });
  console.log(`claims: ${summary.claims}, parties: ${parties.size}, locations: ${locations.size} (in the ingested articles)`);
  return summary.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof JavaMissingError ? error.message : error);
    process.exit(1);
  },
);
