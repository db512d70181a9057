/**
 * `npm run ingest -- [--url URL] <files or folders>`: sends articles to a running claimgraph
 * API with the `ingestArticle` mutation, so they land where the user is looking (the
 * `npm start` in use, in memory or not, or a deployed endpoint). By default the URL is the
 * running `npm start`'s (it records it under the data folder), else http://127.0.0.1:PORT/graphql.
 * The API key comes from CLAIMGRAPH_KEY (else CLAIMGRAPH_ADMIN_KEY).
 *
 * Files: `.txt` (the text), `.json` (an object with `text`, `url`, `title`, `publisher`,
 * `publishedAt`), `.jsonl` / `.ndjson` (one such object per line). A missing path stops the
 * command before anything is sent; an article the API refuses is reported and the rest go in.
 * Progress: a bar on a terminal, one line per article otherwise (logs, CI, pipes).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../lib/config.js';
import { readRuntimeFile } from '../lib/runtime-file.js';

const USAGE =
  'usage: npm run ingest -- [--url http://host:port/graphql] <.txt, .json or .jsonl files, or folders of them>';
const EXTENSIONS = new Set(['.txt', '.json', '.jsonl', '.ndjson']);

interface ArticleInput {
  text: string;
  url?: string;
  title?: string;
  publisher?: string;
  publishedAt?: string;
}

/** One article to send, and where it came from (`file` or `file:line`). */
interface Item {
  source: string;
  input?: ArticleInput;
  /** Why it could not even be read. */
  error?: string;
}

class UsageError extends Error {
  override name = 'UsageError';
}

function filesUnder(path: string): string[] {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .sort()
      .flatMap((name) => filesUnder(join(path, name)));
  }
  return EXTENSIONS.has(extname(path)) ? [path] : [];
}

function articleOf(value: unknown): ArticleInput {
  if (typeof value !== 'object' || value === null || typeof (value as ArticleInput).text !== 'string') {
    throw new Error('an article needs a "text" string');
  }
  const { text, url, title, publisher, publishedAt } = value as ArticleInput;
  return { text, url, title, publisher, publishedAt };
}

function itemsOf(path: string): Item[] {
  const raw = readFileSync(path, 'utf8');
  const extension = extname(path);
  if (extension === '.txt') return [{ source: path, input: { text: raw } }];
  if (extension === '.json') {
    try {
      return [{ source: path, input: articleOf(JSON.parse(raw)) }];
    } catch (error) {
      return [{ source: path, error: (error as Error).message }];
    }
  }
  return raw.split('\n').flatMap((line, index): Item[] => {
    if (!line.trim()) return [];
    const source = `${path}:${index + 1}`;
    try {
      return [{ source, input: articleOf(JSON.parse(line)) }];
    } catch (error) {
      return [{ source, error: (error as Error).message }];
    }
  });
}

const MUTATION = `mutation Ingest($input: IngestArticleInput!) {
  ingestArticle(input: $input) { created article { id } userErrors { field message code } }
}`;

type Outcome = { status: 'new' | 'unchanged'; id: string | undefined } | { status: 'failed'; reason: string };

class FatalError extends Error {
  override name = 'FatalError';
}

async function send(url: string, key: string | undefined, input: ArticleInput): Promise<Outcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: JSON.stringify({ query: MUTATION, variables: { input } }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new FatalError(`no claimgraph API answers at ${url} (${cause}): start one with npm start, or pass --url`);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: {
      ingestArticle?: {
        created: boolean;
        article: { id: string } | null;
        userErrors: { field?: string[]; message: string; code: string }[];
      };
    };
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const code = body.errors?.[0]?.extensions?.code;
  if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') {
    throw new FatalError(
      `${body.errors![0]!.message}\nSet CLAIMGRAPH_KEY to a key with the write scope (npm run keys -- create --name me --scope write).`,
    );
  }
  const payload = body.data?.ingestArticle;
  if (!payload)
    return {
      status: 'failed',
      reason: body.errors?.map((error) => error.message).join('; ') ?? `HTTP ${response.status}`,
    };
  if (payload.userErrors.length > 0) {
    return {
      status: 'failed',
      reason: payload.userErrors
        .map((error) => `${error.code} ${error.field?.join('.') ?? ''}: ${error.message}`)
        .join('; '),
    };
  }
  return { status: payload.created ? 'new' : 'unchanged', id: payload.article?.id };
}

function progressBar(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write('\n');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError(USAGE);
  const missing = positionals.filter((path) => {
    try {
      statSync(path);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(', ')} (nothing was sent)`);
  const items = positionals.flatMap(filesUnder).flatMap(itemsOf);
  if (items.length === 0) throw new UsageError(`no .txt, .json or .jsonl articles under ${positionals.join(', ')}`);

  const config = readConfig();
  const running = values.url ? null : readRuntimeFile(config);
  const url = values.url ?? running?.url ?? `http://127.0.0.1:${config.port}/graphql`;
  try {
    new URL(url);
  } catch {
    throw new UsageError(`--url must be a URL such as http://127.0.0.1:4000/graphql, got "${url}"`);
  }
  const where = running
    ? ` (the running npm start, pid ${running.pid}: table ${running.tableName} on ${running.database})`
    : '';
  console.log(`Sending ${items.length} article(s) to ${url}${where}`);
  const key = process.env.CLAIMGRAPH_KEY || process.env.CLAIMGRAPH_ADMIN_KEY || undefined;

  const counts = { new: 0, unchanged: 0, failed: 0 };
  const failures: string[] = [];
  const lines = !process.stdout.isTTY;
  for (const [index, item] of items.entries()) {
    const outcome: Outcome = item.input
      ? await send(url, key, item.input)
      : { status: 'failed', reason: item.error ?? 'unreadable' };
    counts[outcome.status]++;
    if (outcome.status === 'failed') failures.push(`${item.source}: ${outcome.reason}`);
    if (lines) {
      const detail = outcome.status === 'failed' ? outcome.reason : (outcome.id ?? '');
      console.log(`[${index + 1}/${items.length}] ${outcome.status} ${item.source}${detail ? ` (${detail})` : ''}`);
    } else {
      progressBar(index + 1, items.length);
    }
  }
  if (!lines) for (const failure of failures) console.error(`failed ${failure}`);
  console.log(`Done: ${counts.new} new, ${counts.unchanged} already there, ${counts.failed} failed.`);
  return counts.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error instanceof ConfigError || error instanceof FatalError ? error.message : error);
    process.exit(1);
  },
);
