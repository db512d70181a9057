/**
 * `enqueueArticles`: many articles checked at once and sent to the ingest queue, each
 * answered with the ID it will have. Nothing is extracted here: the caller does not wait
 * for it, and a call stays within what one request may do.
 *
 * The identity of an article is computed as ingestion computes it (lib/ingest.ts): its
 * normalised URL, else its cleaned text. Articles already stored under their URL or their
 * cleaned text are answered with the stored article's ID and not sent again; one
 * BatchGetItem answers that for the whole call.
 */
import type { Db, Key } from './store/client.js';
import { keyString } from './store/client.js';
import { ClaimgraphError, ValidationError } from './errors.js';
import { articleIdFor, sha256, urlHashOf } from './ids.js';
import { checkIngestInput, type IngestInput } from './ingest.js';
import { patterns } from './store/patterns.js';
import { type ArticleMessage, MAX_MESSAGE_BYTES, type Queue } from './queue.js';
import { MAX_ARTICLES_PER_CALL } from './validate.js';

/** At most this many bytes of article fields per call. */
export const MAX_BYTES_PER_CALL = 1024 * 1024;

export type EnqueueStatus = 'QUEUED' | 'ALREADY_STORED' | 'INVALID';

export interface EnqueuedArticle {
  /** Position in the input list. */
  index: number;
  /** The article's ID (internal, not global); null when the article was refused. */
  id: string | null;
  status: EnqueueStatus;
}

export interface EnqueueResult {
  articles: EnqueuedArticle[];
  /** Why articles were refused, each naming its index: `["input", "articles", "10", "text"]`. */
  errors: ClaimgraphError[];
}

const inputBytes = (article: IngestInput): number =>
  [article.text, article.url, article.title, article.publisher, article.publishedAt].reduce(
    (sum, value) => sum + (value ? Buffer.byteLength(value, 'utf8') : 0),
    0,
  );

/** The same error, its field moved under the article's place in the list. */
function atIndex(error: ClaimgraphError, index: number): ClaimgraphError {
  const rest = (error.field ?? []).slice(error.field?.[0] === 'input' ? 1 : 0);
  return new ClaimgraphError(error.code, `article ${index}: ${error.message}`, [
    'input',
    'articles',
    String(index),
    ...rest,
  ]);
}

interface Candidate {
  index: number;
  article: IngestInput;
  id: string;
  urlKey: Key | null;
  textKey: Key;
}

export async function enqueueArticles(db: Db, queue: Queue, articles: readonly IngestInput[]): Promise<EnqueueResult> {
  if (articles.length === 0)
    throw new ValidationError('articles must list at least one article', ['input', 'articles']);
  if (articles.length > MAX_ARTICLES_PER_CALL) {
    throw new ValidationError(
      `articles takes at most ${MAX_ARTICLES_PER_CALL} articles per call, got ${articles.length}`,
      ['input', 'articles'],
    );
  }
  const bytes = articles.reduce((sum, article) => sum + inputBytes(article), 0);
  if (bytes > MAX_BYTES_PER_CALL) {
    throw new ValidationError(
      `the articles add up to ${bytes} bytes; one call takes at most ${MAX_BYTES_PER_CALL} (1 MB)`,
      ['input', 'articles'],
    );
  }

  // Cleaning is cheap, but lives with extraction, which a query's cold start never loads.
  const { cleanText } = await import('./extract/clean.js');
  const results: EnqueuedArticle[] = articles.map((_, index) => ({ index, id: null, status: 'INVALID' }));
  const errors: ClaimgraphError[] = [];
  const candidates: Candidate[] = [];
  for (const [index, input] of articles.entries()) {
    try {
      const checked = checkIngestInput(input);
      const text = cleanText(checked.text);
      const article: IngestInput = { ...checked };
      const id = articleIdFor({ url: checked.url, text });
      const messageBytes = Buffer.byteLength(JSON.stringify({ id, article } satisfies ArticleMessage), 'utf8');
      if (messageBytes > MAX_MESSAGE_BYTES) {
        throw new ValidationError(
          `text is ${messageBytes} bytes once encoded for the queue; a queued article may have at most ${MAX_MESSAGE_BYTES} (send it with ingestArticle)`,
          ['input', 'text'],
        );
      }
      candidates.push({
        index,
        article,
        id,
        urlKey: checked.url ? patterns.articleByUrl.key(urlHashOf(checked.url)) : null,
        textKey: patterns.articleByText.key(sha256(text)),
      });
    } catch (error) {
      if (!(error instanceof ClaimgraphError)) throw error;
      errors.push(atIndex(error, index));
    }
  }

  // Which are stored already: one batched read of every URL and text key of the call.
  const stored =
    candidates.length > 0
      ? await db.batchGet(candidates.flatMap((c) => (c.urlKey ? [c.urlKey, c.textKey] : [c.textKey])))
      : new Map();
  const storedId = (key: { pk: string; sk: string } | null): string | undefined => {
    const item = key ? stored.get(keyString(key)) : undefined;
    return typeof item?.articleId === 'string' ? item.articleId : undefined;
  };

  const messages: ArticleMessage[] = [];
  // The same article twice in one call is sent once: both get its ID.
  const sentIds = new Set<string>();
  for (const candidate of candidates) {
    const existing = storedId(candidate.urlKey) ?? storedId(candidate.textKey);
    if (existing !== undefined) {
      results[candidate.index] = { index: candidate.index, id: existing, status: 'ALREADY_STORED' };
      continue;
    }
    results[candidate.index] = { index: candidate.index, id: candidate.id, status: 'QUEUED' };
    if (sentIds.has(candidate.id)) continue;
    sentIds.add(candidate.id);
    messages.push({ id: candidate.id, article: candidate.article });
  }
  if (messages.length > 0) await queue.send(messages);
  return { articles: results, errors };
}
