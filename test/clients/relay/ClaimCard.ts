import { graphql } from './graphql.js';

/** What a map popup or a timeline entry shows of one claim. */
export const ClaimCardFragment = graphql`
  fragment ClaimCard_claim on Claim {
    id
    kind
    mode
    status
    version
    text
    eventDate
    claimant {
      id
      name
      kind
    }
    locations {
      id
      name
      latitude
      longitude
      precision
      countryCode
    }
    quantities {
      kind
      value
      maxValue
      since
    }
    article {
      id
      title
      publishedAt
      url
    }
  }
`;
