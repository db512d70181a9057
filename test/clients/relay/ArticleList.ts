import { graphql } from './graphql.js';

/** The newest articles, a page at a time (Relay's usePaginationFragment on the root). */
export const ArticleListQuery = graphql`
  query ArticleListQuery {
    ...ArticleList_query
  }
`;

export const ArticleListFragment = graphql`
  fragment ArticleList_query on Query
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" })
  @refetchable(queryName: "ArticleListPaginationQuery") {
    articles(first: $count, after: $cursor) @connection(key: "ArticleList_articles") {
      edges {
        node {
          id
          title
          publisher
          publishedAt
          url
        }
      }
    }
  }
`;
