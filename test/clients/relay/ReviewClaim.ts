import { graphql } from './graphql.js';

/** A reviewer marks a claim, with optimistic locking on its version. */
export const ReviewClaimMutation = graphql`
  mutation ReviewClaimMutation($input: UpdateClaimInput!) {
    updateClaim(input: $input) {
      claim {
        id
        status
        version
        ...ClaimCard_claim
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
