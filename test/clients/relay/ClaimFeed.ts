import { graphql } from './graphql.js';

/** Claims of one kind in a date range, newest first, a page at a time. */
export const ClaimFeedQuery = graphql`
  query ClaimFeedQuery($kind: ClaimKind, $since: Date, $until: Date) {
    ...ClaimFeed_query @arguments(kind: $kind, since: $since, until: $until)
  }
`;

export const ClaimFeedFragment = graphql`
  fragment ClaimFeed_query on Query
  @argumentDefinitions(
    kind: { type: "ClaimKind" }
    since: { type: "Date" }
    until: { type: "Date" }
    count: { type: "Int", defaultValue: 50 }
    cursor: { type: "String" }
  )
  @refetchable(queryName: "ClaimFeedPaginationQuery") {
    claims(kind: $kind, since: $since, until: $until, first: $count, after: $cursor)
      @connection(key: "ClaimFeed_claims", filters: ["kind", "since", "until"]) {
      edges {
        node {
          id
          ...ClaimCard_claim
        }
      }
    }
  }
`;
