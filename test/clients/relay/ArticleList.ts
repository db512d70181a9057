import { graphql } from './graphql.js';

/** The newest articles, a page at a time (Relay's usePaginationFragment on the root). */
export const ArticleListQuery = graphql`
  query ArticleListQuery($count: Int!, $cursor: String) {
    ...ArticleList_query
  }
`;

export const ArticleListFragment = graphql`
  fragment ArticleList_query on Query @refetchable(queryName: "ArticleListPaginationQuery") {
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
