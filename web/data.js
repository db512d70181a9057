/**
 * Everything the page asks the API, in one place: plain `fetch` POSTs to /graphql. The rest of
 * the page sees only the plain objects returned here, so this module alone changes when the API
 * grows what a map needs (a GeoJSON FeatureCollection, counts, a claim's day as a field).
 */

const ENDPOINT = '/graphql';

/** Pages of 100 (the API's largest) until the list ends, up to this many claims. */
export const MAX_CLAIMS = 1000;
const PAGE_SIZE = 100;

/** The kinds of claims, in the order the filter lists them (the schema's `ClaimKind`). */
export const CLAIM_KINDS = [
  ['ATTACK', 'Attack'],
  ['CASUALTIES', 'Casualties'],
  ['TERRITORIAL_CONTROL', 'Territorial control'],
  ['MOVEMENT', 'Movement'],
  ['STATEMENT', 'Statement'],
  ['DENIAL', 'Denial'],
  ['OTHER', 'Other'],
];

const PARTIES = `
  query ExamplePageParties($after: String) {
    parties(first: 100, after: $after) {
      edges { node { id name kind } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const CLAIMS = `
  query ExamplePageClaims($kind: ClaimKind, $partyId: ID, $since: Date, $until: Date, $after: String) {
    claims(kind: $kind, partyId: $partyId, since: $since, until: $until, first: ${PAGE_SIZE}, after: $after) {
      edges {
        node {
          id
          kind
          mode
          text
          eventDate
          claimant { id name }
          article { title publishedAt ingestedAt url }
          locations { id name latitude longitude precision }
          quantities { kind value maxValue since }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** An answer the page cannot use: the API's own message, or what went wrong on the way. */
export class ApiError extends Error {}

async function request(query, variables) {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => undefined);
  if (body?.errors?.length) throw new ApiError(body.errors.map((error) => error.message).join('; '));
  if (!response.ok || !body?.data) throw new ApiError(`the API answered HTTP ${response.status}`);
  return body.data;
}

/** Follows a connection's pages; `pick` selects the connection in each answer. */
async function allPages(query, variables, pick, limit) {
  const nodes = [];
  let after = null;
  do {
    const connection = pick(await request(query, { ...variables, after }));
    nodes.push(...connection.edges.map((edge) => edge.node));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after && nodes.length < limit);
  return { nodes: nodes.slice(0, limit), complete: !after && nodes.length <= limit };
}

/** Every party, by name: `{ id, name, kind }`. */
export async function fetchParties() {
  return (await allPages(PARTIES, {}, (data) => data.parties, Number.POSITIVE_INFINITY)).nodes;
}

/**
 * Claims matching the filter (`kind`, `partyId`, `since`, `until`: each optional), newest
 * first, as the page draws them:
 * `{ id, kind, mode, text, day, daySource, claimant, article, places, unplaced, quantities }`.
 * `places` are the resolved ones (`{ id, name, latitude, longitude, precision }`);
 * `unplaced` names the places the gazetteer could not resolve. `complete` is false when more
 * than MAX_CLAIMS matched.
 */
export async function fetchClaims(filter = {}) {
  const variables = Object.fromEntries(Object.entries(filter).filter(([, value]) => value));
  const { nodes, complete } = await allPages(CLAIMS, variables, (data) => data.claims, MAX_CLAIMS);
  return { claims: nodes.map(toClaim), complete };
}

/**
 * The day a claim is about: its event date, else its article's publication day, else the day
 * it was stored (the order the API lists claims in). `daySource` says which (EVENT, PUBLISHED,
 * INGESTED), so that undated claims can be shown as such.
 */
function toClaim(node) {
  const { publishedAt, ingestedAt } = node.article;
  const [day, daySource] = node.eventDate
    ? [node.eventDate, 'EVENT']
    : publishedAt
      ? [publishedAt.slice(0, 10), 'PUBLISHED']
      : [ingestedAt.slice(0, 10), 'INGESTED'];
  const resolved = (place) => place.latitude !== null && place.longitude !== null;
  return {
    id: node.id,
    kind: node.kind,
    mode: node.mode,
    text: node.text,
    day,
    daySource,
    claimant: node.claimant,
    article: node.article,
    places: node.locations.filter(resolved),
    unplaced: node.locations.filter((place) => !resolved(place)).map((place) => place.name),
    quantities: node.quantities,
  };
}
