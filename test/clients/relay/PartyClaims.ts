import { graphql } from './graphql.js';

/** A party's page: its claims newest first; further pages are fetched through `node(id:)`. */
export const PartyClaimsQuery = graphql`
  query PartyClaimsQuery($id: ID!) {
    node(id: $id) {
      # Relay exposes a fragment on a narrower type than the field's as a nullable property.
      ...PartyClaims_party @alias
    }
  }
`;

export const PartyClaimsFragment = graphql`
  fragment PartyClaims_party on Party
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" })
  @refetchable(queryName: "PartyClaimsRefetchQuery") {
    id
    name
    kind
    affiliation
    claims(first: $count, after: $cursor) @connection(key: "PartyClaims_claims") {
      edges {
        node {
          id
          ...ClaimCard_claim
        }
      }
    }
  }
`;
