import type { EnqueuedArticle } from '../lib/enqueue.js';
import { MAX_ARTICLES_PER_CALL } from '../lib/validate.js';
import type { UserErrorShape } from './builder.js';
import { builder, onWriteSide, encodeId, userErrorsField, withUserErrors } from './builder.js';

/** The host was started without an ingest queue: a deployment fault, not the client's. */
export class IngestQueueMissingError extends Error {
  override name = 'IngestQueueMissingError';
}

onWriteSide(() => {
  const EnqueueStatus = builder.enumType('EnqueueStatus', {
    description: 'What became of one article of `enqueueArticles`.',
    values: {
      QUEUED: {
        description:
          'Sent to the ingest queue: it appears under `id` once a worker has stored it (usually within seconds).',
      },
      ALREADY_STORED: {
        description:
          'An article with this URL or this cleaned text is stored already: `id` is that article, and nothing was sent.',
      },
      INVALID: { description: 'Refused: a user error names its index and field. Nothing was sent.' },
    } as const,
  });

  const EnqueuedArticleRef = builder.objectRef<EnqueuedArticle>('EnqueuedArticle').implement({
    description: 'One article of `enqueueArticles`, in the order sent.',
    fields: (t) => ({
      index: t.exposeInt('index', { description: 'Its position in `input.articles` (from 0).' }),
      id: t.id({
        nullable: true,
        resolve: (article) => (article.id ? encodeId('Article', article.id) : null),
        description:
          'Global ID the article has, or will have once ingested: poll `node(id:)` for it. Null when it was refused.',
      }),
      status: t.field({
        type: EnqueueStatus,
        resolve: (article) => article.status,
        description: 'Queued, already stored, or refused.',
      }),
    }),
  });

  const EnqueueArticleInput = builder.inputType('EnqueueArticleInput', {
    description:
      'One article to ingest later. `url` and `publishedAt` are plain strings here, checked one article at a time, so that a malformed one refuses only its own article.',
    fields: (t) => ({
      text: t.string({
        required: true,
        description: 'Raw text as scraped (up to 200 KB); junk such as [ad_1] markers is removed.',
      }),
      url: t.string({
        required: false,
        description: 'Where it was published: an absolute http(s) URL. The same URL is always the same article.',
      }),
      title: t.string({ required: false, description: 'Headline.' }),
      publisher: t.string({ required: false, description: 'Outlet that published it.' }),
      publishedAt: t.string({
        required: false,
        description: 'When it was published: an ISO 8601 date-time such as 2020-11-09T12:00:00Z.',
      }),
    }),
  });

  builder.relayMutationField(
    'enqueueArticles',
    {
      description: 'Articles to ingest in the background.',
      inputFields: (t) => ({
        articles: t.field({
          type: [EnqueueArticleInput],
          required: true,
          description: `1 to ${MAX_ARTICLES_PER_CALL} articles, 1 MB in all.`,
        }),
      }),
    },
    {
      description:
        'Checks articles and queues them for ingestion, answering at once with the ID each will have (`ingestArticle` stores one article and waits for it). ' +
        'A refused article gets a user error naming its index and field, e.g. ["input", "articles", "10", "text"]; the others are still queued. ' +
        'Articles already stored (same URL, or same cleaned text) are answered with their ID and not queued again.',
      resolve: (_, { input }, { data, ingestQueue }) =>
        withUserErrors(async () => {
          if (!ingestQueue)
            throw new IngestQueueMissingError('this server has no ingest queue (INGEST_QUEUE_URL is not set)');
          // Writers load on first use: a cold start that only answers queries never parses them.
          const { enqueueArticles } = await import('../lib/enqueue.js');
          const result = await enqueueArticles(data.db, ingestQueue, input.articles);
          return {
            articles: result.articles,
            articleErrors: result.errors.map(
              (error): UserErrorShape => ({
                field: error.field,
                message: error.message,
                code: error.code as UserErrorShape['code'],
              }),
            ),
          };
        }).then((payload) => ({ ...payload, userErrors: [...payload.userErrors, ...(payload.articleErrors ?? [])] })),
    },
    {
      description: 'The result of `enqueueArticles`.',
      outputFields: (t) => ({
        articles: t.field({
          type: [EnqueuedArticleRef],
          resolve: (payload) => payload.articles ?? [],
          description: 'One entry per input article, in the same order; empty when the whole call was refused.',
        }),
        userErrors: userErrorsField(t),
      }),
    },
  );
});
