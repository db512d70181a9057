import { deleteArticle, listArticles } from '../lib/article.js';
import { loadArticles, loadArticleText, loadClaims, loadLocations, loadParties } from '../lib/store/loaders.js';
import { pageOfList } from '../lib/store/pagination.js';
import type { Article } from '../lib/records.js';
import {
  builder,
  onWriteSide,
  encodeId,
  inputId,
  isoDateTime,
  pageArgs,
  toConnection,
  userErrorsField,
  withUserErrors,
} from './builder.js';
import { timestampFields } from './change.js';
import { ClaimConnection } from './claim.js';
import { orderArg } from './geojson.js';
import { LocationConnection } from './location.js';
import { PartyConnection } from './party.js';
import { resolveTotalCount, TOTAL_COUNT_DESCRIPTION, withTotalCount } from './total-count.js';

export const ArticleRef = builder.objectRef<Article>('Article');

/** Resolves a list of IDs held on the article, page by page, dropping any deleted since. */
async function listPage<T>(
  ids: string[],
  args: { first: number; after?: string | null },
  name: string,
  load: (ids: string[]) => Promise<(T | null)[]>,
) {
  const page = pageOfList(ids, args, name);
  const values = await load(page.items.map(({ value }) => value));
  return toConnection<T>({
    hasNextPage: page.hasNextPage,
    items: page.items.flatMap(({ cursor }, i) => {
      const value = values[i];
      return value ? [{ cursor, value }] : [];
    }),
  });
}

builder.node(ArticleRef, {
  description: 'A news story as ingested: its metadata, its cleaned text, and the claims extracted from it.',
  id: { resolve: (article) => article.id },
  loadMany: (ids, { data }) => loadArticles(data, ids),
  fields: (t) => ({
    url: t.field({
      type: 'URL',
      nullable: true,
      resolve: (a) => a.url,
      description: 'Where the story was published; unique among articles.',
    }),
    title: t.exposeString('title', { nullable: true, description: 'Headline.' }),
    publisher: t.exposeString('publisher', { nullable: true, description: 'Outlet that published it.' }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      resolve: (a) => a.publishedAt,
      description: 'When it was published; relative dates in the text ("on Monday") resolve against it.',
    }),
    ingestedAt: t.field({ type: 'DateTime', resolve: (a) => a.ingestedAt, description: 'When claimgraph stored it.' }),
    // sync
    ...timestampFields(
      t,
      (a) => ({ createdAt: a.createdAt ?? a.ingestedAt, updatedAt: a.updatedAt ?? a.createdAt ?? a.ingestedAt }),
      'An article stored before timestamps were kept reads its `ingestedAt`.',
    ),
    urls: t.field({
      type: ['URL'],
      resolve: (a) => a.urls ?? (a.url ? [a.url] : []),
      description:
        'Every URL the story is known under (normalised): the same story, or the same text, found at several addresses is one article.',
    }),
    text: t.string({
      description:
        'The cleaned text (scraper junk removed). Every TextSpan of its claims indexes into it. Stored apart: ask for it only where you show it.',
      resolve: async (a, _, { data }) => (await loadArticleText(data, a.id)) ?? '',
    }),
    extractorVersion: t.exposeString('extractorVersion', {
      nullable: true,
      description: 'Version of the extractor that produced its claims.',
    }),
    claims: t.field({
      type: ClaimConnection,
      description: 'Claims made in this article, in document order.',
      args: pageArgs(t.arg),
      resolve: async (article, args, { data }) =>
        withTotalCount(await listPage(article.claimIds, args, `claims:${article.id}`, (ids) => loadClaims(data, ids)), {
          fixed: article.claimIds.length,
        }),
    }),
    parties: t.field({
      type: PartyConnection,
      description: 'Parties this article mentions, in order of first mention.',
      args: pageArgs(t.arg),
      resolve: (article, args, { data }) =>
        listPage(article.partyIds, args, `parties:${article.id}`, (ids) => loadParties(data, ids)),
    }),
    locations: t.field({
      type: LocationConnection,
      description: 'Places this article mentions, in order of first mention.',
      args: pageArgs(t.arg),
      resolve: (article, args, { data }) =>
        listPage(article.locationIds, args, `locations:${article.id}`, (ids) => loadLocations(data, ids)),
    }),
  }),
});

export const ArticleConnection = builder.connectionObject(
  {
    type: ArticleRef,
    name: 'ArticleConnection',
    description: 'A page of articles.',
    fields: (t) => ({
      totalCount: t.int({
        nullable: true,
        description: TOTAL_COUNT_DESCRIPTION,
        resolve: (connection, _, { data }) => resolveTotalCount(connection, data),
      }),
    }),
  },
  { name: 'ArticleEdge', description: 'An article and its position in the list.' },
);

builder.queryField('articles', (t) =>
  t.field({
    type: ArticleConnection,
    description:
      'Articles by publication date (or ingest date when unknown), newest first unless `order` says otherwise.',
    args: {
      publisher: t.arg.string({
        required: false,
        description: 'Only this publisher’s articles (case- and diacritic-insensitive).',
      }),
      publishedAfter: t.arg({
        type: 'DateTime',
        required: false,
        description: 'Only articles published at or after this instant.',
      }),
      publishedBefore: t.arg({
        type: 'DateTime',
        required: false,
        description: 'Only articles published at or before this instant.',
      }),
      order: orderArg(t.arg),
      ...pageArgs(t.arg),
    },
    resolve: async (_, args, { data }) =>
      withTotalCount(
        toConnection(
          await listArticles(
            data,
            {
              publisher: args.publisher,
              publishedAfter: isoDateTime(args.publishedAfter),
              publishedBefore: isoDateTime(args.publishedBefore),
              order: args.order,
            },
            args,
          ),
        ),
        args.publisher || args.publishedAfter || args.publishedBefore ? null : { articles: true },
      ),
  }),
);

onWriteSide(() => {
  builder.relayMutationField(
    'ingestArticle',
    {
      description: 'A news story to store and extract claims from.',
      inputFields: (t) => ({
        text: t.string({
          required: true,
          description: 'Raw text as scraped (up to 200 KB); junk such as [ad_1] markers is removed.',
        }),
        url: t.field({
          type: 'URL',
          required: false,
          description: 'Where it was published. The same URL is always the same article.',
        }),
        title: t.string({ required: false, description: 'Headline.' }),
        publisher: t.string({ required: false, description: 'Outlet that published it.' }),
        publishedAt: t.field({ type: 'DateTime', required: false, description: 'When it was published.' }),
      }),
    },
    {
      description:
        'Stores an article and the parties, places and claims extracted from it. Idempotent: the same URL (or, without one, the same cleaned text) returns the stored article with `created: false`.',
      resolve: (_, { input }, { data }) =>
        withUserErrors(async () => {
          // Ingestion loads on first use: a cold start that only answers queries never parses it.
          const { ingestArticle } = await import('../lib/ingest.js');
          return ingestArticle(data, {
            text: input.text,
            url: input.url?.toString() ?? null,
            title: input.title,
            publisher: input.publisher,
            publishedAt: isoDateTime(input.publishedAt),
          });
        }),
    },
    {
      description: 'The result of `ingestArticle`.',
      outputFields: (t) => ({
        article: t.field({
          type: ArticleRef,
          nullable: true,
          resolve: (p) => p.article ?? null,
          description: 'The stored article (new or existing); null on userErrors.',
        }),
        created: t.boolean({
          resolve: (p) => p.created ?? false,
          description: 'True when this call stored a new article.',
        }),
        userErrors: userErrorsField(t),
      }),
    },
  );

  builder.relayMutationField(
    'deleteArticle',
    {
      description: 'The article to delete.',
      inputFields: (t) => ({
        id: t.id({ required: true, description: 'Global ID of the article.' }),
      }),
    },
    {
      description: 'Deletes an article with its claims and every link to it.',
      resolve: (_, { input }, { data }) =>
        withUserErrors(async () => ({
          deleted: await deleteArticle(data, inputId(input.id, 'Article', ['input', 'id'])),
        })),
    },
    {
      description: 'The result of `deleteArticle`.',
      outputFields: (t) => ({
        deletedArticleId: t.id({
          nullable: true,
          resolve: (p) => (p.deleted ? encodeId('Article', p.deleted.id) : null),
          description: 'Global ID of the deleted article; null on userErrors.',
        }),
        userErrors: userErrorsField(t),
      }),
    },
  );
});
