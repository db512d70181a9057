/**
 * Property-based fuzzing of the running server over real HTTP (node:http on a loopback
 * port): mutation inputs of every shape and type through variables, reads with arbitrary
 * arguments, and raw request bodies, content types and methods. Whatever comes in, the
 * server answers with a 2xx/4xx (never a 5xx), never with an unexpected (masked) error,
 * never leaks internals, and keeps answering afterwards. Seeds are fixed: a failure
 * reproduces with the seed and path fast-check prints.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../lib/store/client.js';
import {
  ADMIN_KEY,
  adminCaller,
  authHeaders,
  checkInvariants,
  createAdminServer,
  summarize,
} from './fault-injection.js';
import { createTestDb, scanTable } from './support.js';

const RUNS = 150;
const SEED = 20201109;

let db: Db;
let server: Server;
let url: string;
/** Unexpected errors the server reported (each was masked to the client). */
const logged: unknown[] = [];
/** Responses that were 5xx, or carried a masked "Unexpected error.": there should be none. */
const masked: { status: number; request: string; body: string }[] = [];

/** Real IDs of every type, so inputs sometimes reach the data layer. */
const ids = {
  article: '',
  claim: '',
  claimVersion: 1,
  party: '',
  otherParty: '',
  location: '',
  otherLocation: '',
  articleText: '',
};

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

beforeAll(async () => {
  db = await createTestDb();
  server = createHttpServer(createAdminServer({ db, production: true, logError: (error) => logged.push(error) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

  const call = adminCaller(db);
  const ingested = await call(
    `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) {
      article { id text claims(first: 5) { edges { node { id version } } } parties(first: 5) { edges { node { id } } } locations(first: 5) { edges { node { id } } } } } }`,
    {
      input: {
        url: 'https://example.org/fuzz',
        publishedAt: '2020-11-09T12:00:00Z',
        text: 'The Armenian Defense Ministry said Azerbaijani forces shelled Stepanakert on Monday.\nThe Azerbaijani Defense Ministry said it had taken Shushi and Hadrut.',
      },
    },
  );
  const article = (ingested.body.data as any).ingestArticle.article;
  ids.article = article.id;
  ids.articleText = article.text;
  ids.claim = article.claims.edges[0].node.id;
  ids.party = article.parties.edges[0].node.id;
  ids.otherParty = article.parties.edges.at(-1).node.id;
  ids.location = article.locations.edges[0].node.id;
  ids.otherLocation = article.locations.edges.at(-1).node.id;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Sent {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  search?: string;
}

/** Sends one request and checks the answer; returns status and body text. */
async function send(request: Sent): Promise<{ status: number; text: string }> {
  const response = await fetch(url + (request.search ?? ''), {
    method: request.method ?? 'POST',
    headers: request.headers,
    body: request.body as BodyInit | undefined,
  });
  const text = await response.text();
  const body =
    typeof request.body === 'string'
      ? request.body.slice(0, 200)
      : request.body
        ? `<${request.body.length} bytes>`
        : '';
  const described = `${request.method ?? 'POST'} ${request.search?.slice(0, 200) ?? ''} ${body} ${JSON.stringify(request.headers ?? {})}`;
  if (response.status >= 500 || text.includes('Unexpected error.'))
    masked.push({ status: response.status, request: described, body: text.slice(0, 200) });
  expect(response.status, `${described} → ${text.slice(0, 500)}`).toBeLessThan(500);
  // Nothing internal leaks: no stack frames, file paths or SDK/DynamoDB names.
  expect(text, described).not.toMatch(
    /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\/work\/|ValidationException|DynamoDB|TransactionCanceled/,
  );
  if (response.headers.get('content-type')?.includes('json') && text) {
    const body = JSON.parse(text) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.data !== undefined || Array.isArray(body.errors), text.slice(0, 300)).toBe(true);
  }
  return { status: response.status, text };
}

const JSON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/graphql-response+json, application/json',
  ...authHeaders(),
};

const sendOperation = (query: string, variables: unknown) =>
  send({ headers: JSON_HEADERS, body: JSON.stringify({ query, variables }) });

// ---------------------------------------------------------------------------------------
// Arbitraries

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '${jndi:ldap://x/a}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  'NAME#x',
  'ARTICLE#x',
  'javascript:alert(1)',
  'http://',
  'https://example.org/fuzz#frag',
  'https://example.org/' + 'a'.repeat(3000),
  'ftp://example.org/x',
  '2020-02-30',
  '2020-11-09',
  '0000-00-00',
  '+275760-09-13',
  '2020-11-09T12:00:00Z',
  '2020-11-09T25:61:00Z',
  '9999-12-31T23:59:59.999999999Z',
  'Ω'.repeat(600),
  // Within the 500-character limit, but 1,500 bytes in UTF-8 (keys hold at most 1,024 or 2,048 bytes) ...
  'ஐ'.repeat(500),
  // ... or short, but expanding under NFKD folding (U+FDFA folds to 18 letters).
  'ﷺ'.repeat(100),
  '㍻'.repeat(400),
  '𝔘'.repeat(520),
  'ﷺ'.repeat(499),
  'a'.repeat(501),
  'Shushi',
  'SHUSHA',
  'Stepanakert',
  'ʿ',
  '\u0301'.repeat(100),
];

const nastyString = fc.constantFrom(...NASTY_STRINGS);
const anyString = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 3, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 300, maxLength: 700 }) },
);
const anyNumber = fc.oneof(
  fc.integer(),
  fc.integer({ min: -3, max: 200 }),
  fc.constantFrom(
    0,
    -0,
    -1,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    Number.MAX_SAFE_INTEGER + 2,
    1e308,
    -1e308,
    5e-324,
    0.5,
    1.5,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
/** Any JSON value, including wrong types for the field it lands in. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyString },
  { weight: 2, arbitrary: anyNumber },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      [],
      {},
      [null],
      { __proto__: { polluted: true } },
      JSON.parse('{"__proto__":{"polluted":1}}'),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
/** An optional field of the right GraphQL type: left out, null, or a value. */
const opt = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 5, arbitrary: value },
  );
/** Any field: a value of the right type, or junk of any type. */
const field = <T>(plausible: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 2, arbitrary: junk }), { nil: undefined, freq: 4 });

const realId = (pick: () => string) => fc.constant(null).map(() => pick());
const anyId = fc.oneof(
  realId(() => ids.article),
  realId(() => ids.claim),
  realId(() => ids.party),
  realId(() => ids.otherParty),
  realId(() => ids.location),
  realId(() => ids.otherLocation),
  anyString,
  anyString.map((s) => Buffer.from(s).toString('base64url')),
  fc
    .tuple(fc.constantFrom('Article', 'Claim', 'Party', 'Location', 'Nope', ''), anyString)
    .map(([type, id]) => globalId(type, id)),
);
/** IDs that are usually of the expected type and exist, but not always. */
const idOf = (...picks: (() => string)[]) =>
  fc.oneof({ weight: 6, arbitrary: fc.oneof(...picks.map(realId)) }, { weight: 1, arbitrary: anyId });

/** GraphQL `Int`: 32-bit, often small, with the edges. */
const int32 = fc.oneof(
  fc.integer({ min: -3, max: 200 }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(0, -1, 1, 2 ** 31 - 1, -(2 ** 31), 2 ** 30),
);
/** GraphQL `Float`: any finite double. */
const float = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -200, max: 200, noNaN: true }),
  fc.constantFrom(0, -0, 90, -90, 180, -180, 90.0000001, 1e308, 5e-324),
);
const DATE_RANGE = {
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
};
const date = fc.oneof(
  { weight: 4, arbitrary: fc.date(DATE_RANGE).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: anyString },
);
const dateTime = fc.oneof(
  { weight: 4, arbitrary: fc.date(DATE_RANGE).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: anyString },
);
const urlString = fc.oneof(
  { weight: 4, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: anyString },
);

const span = fc.record({ start: int32, end: int32 });
const plausibleSpan = fc
  .integer({ min: 0, max: 100 })
  .chain((start) => fc.integer({ min: start - 1, max: start + 40 }).map((end) => ({ start, end })));
const spanInput = fc.oneof({ weight: 3, arbitrary: plausibleSpan }, { weight: 1, arbitrary: span });
const CLAIM_KINDS = ['ATTACK', 'CASUALTIES', 'DENIAL', 'MOVEMENT', 'OTHER', 'STATEMENT', 'TERRITORIAL_CONTROL'];
const MODES = ['DIRECT', 'INDIRECT'];
const STATUSES = ['UNREVIEWED', 'VERIFIED', 'DISPUTED', 'REJECTED'];
const PRECISIONS = ['CITY', 'COUNTRY', 'POINT', 'REGION', 'UNRESOLVED'];
const PARTY_KINDS = ['ARMED_FORCE', 'GOVERNMENT_BODY', 'GROUP', 'MEDIA', 'ORGANIZATION', 'OTHER', 'PERSON', 'STATE'];
const enumOf = (...values: string[]) => fc.constantFrom(...values);
const quantity = fc.record(
  { kind: enumOf('KILLED', 'WOUNDED', 'CAPTURED', 'DISPLACED', 'OTHER'), value: int32, since: opt(date) },
  { requiredKeys: ['kind', 'value'] },
);
const list = <T>(item: fc.Arbitrary<T>, maxLength = 5) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(item, { maxLength }) },
    { weight: 1, arbitrary: fc.array(item, { minLength: 50, maxLength: 120 }) },
  );
const text = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3000 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.constantFrom(
          'The Armenian Defense Ministry said',
          'Azerbaijani forces shelled',
          'Stepanakert',
          'Shushi',
          'on Monday',
          '44 people were killed',
          '.',
          '\n',
          'according to',
          '“',
          '”',
        ),
        { maxLength: 40 },
      )
      .map((words) => words.join(' ')),
  },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(205 * 1024), 'Ω '.repeat(60_000), 'said that '.repeat(2000)) },
);

/**
 * Typed inputs (every field of its GraphQL type, so they reach the resolver and the data
 * layer) with the same field names as ill-typed ones (any JSON in any field).
 */
const typed = {
  ingestArticle: fc.record(
    { text, url: opt(urlString), title: opt(anyString), publisher: opt(anyString), publishedAt: opt(dateTime) },
    { requiredKeys: ['text'] },
  ),
  createClaim: fc.record(
    {
      articleId: idOf(() => ids.article),
      claimantId: opt(
        idOf(
          () => ids.party,
          () => ids.otherParty,
        ),
      ),
      content: spanInput,
      evidence: opt(spanInput),
      cue: opt(spanInput),
      claimantMention: opt(spanInput),
      mode: opt(enumOf(...MODES)),
      kind: opt(enumOf(...CLAIM_KINDS)),
      locationIds: opt(
        list(
          idOf(
            () => ids.location,
            () => ids.otherLocation,
          ),
        ),
      ),
      eventDate: opt(date),
      quantities: opt(list(quantity)),
      status: opt(enumOf(...STATUSES)),
    },
    { requiredKeys: ['articleId', 'content'] },
  ),
  updateClaim: fc.record(
    {
      id: idOf(() => ids.claim),
      expectedVersion: fc.oneof(
        fc.constant(null).map(() => ids.claimVersion),
        int32,
      ),
      claimantId: opt(
        idOf(
          () => ids.party,
          () => ids.otherParty,
        ),
      ),
      kind: opt(enumOf(...CLAIM_KINDS)),
      mode: opt(enumOf(...MODES)),
      status: opt(enumOf(...STATUSES)),
      locationIds: opt(
        list(
          idOf(
            () => ids.location,
            () => ids.otherLocation,
          ),
        ),
      ),
      eventDate: opt(date),
      quantities: opt(list(quantity)),
    },
    { requiredKeys: ['id', 'expectedVersion'] },
  ),
  updateLocation: fc.record(
    {
      id: idOf(
        () => ids.location,
        () => ids.otherLocation,
      ),
      expectedVersion: opt(int32),
      name: opt(anyString),
      aliases: opt(list(anyString, 8)),
      latitude: opt(float),
      longitude: opt(float),
      countryCode: opt(fc.oneof(anyString, fc.constantFrom('AM', 'AZ', 'az', 'XX', 'A'))),
      geonamesId: opt(int32),
      precision: opt(enumOf(...PRECISIONS)),
    },
    { requiredKeys: ['id'] },
  ),
  mergeParties: fc.record({
    keepId: idOf(
      () => ids.party,
      () => ids.otherParty,
    ),
    removeId: idOf(
      () => ids.party,
      () => ids.otherParty,
    ),
  }),
  createParty: fc.record(
    { name: anyString, aliases: opt(list(anyString, 8)), kind: enumOf(...PARTY_KINDS), affiliation: opt(anyString) },
    { requiredKeys: ['name', 'kind'] },
  ),
  createLocation: fc.record(
    {
      name: anyString,
      aliases: opt(list(anyString, 8)),
      latitude: opt(float),
      longitude: opt(float),
      countryCode: opt(anyString),
      geonamesId: opt(int32),
      precision: opt(enumOf(...PRECISIONS)),
    },
    { requiredKeys: ['name'] },
  ),
};

/** The same fields with values of any type (wrong types, huge numbers, nested junk). */
const illTyped = Object.fromEntries(
  Object.entries(typed).map(([name, arbitrary]) => [
    name,
    arbitrary.chain((input) =>
      fc.record(
        Object.fromEntries(
          Object.entries(input as Record<string, unknown>).map(([key, value]) => [key, field(fc.constant(value))]),
        ),
      ),
    ),
  ]),
) as Record<keyof typeof typed, fc.Arbitrary<unknown>>;

const inputs = Object.fromEntries(
  Object.entries(typed).map(([name, arbitrary]) => [
    name,
    fc.oneof(
      { weight: 5, arbitrary: arbitrary as fc.Arbitrary<unknown> },
      { weight: 2, arbitrary: illTyped[name as keyof typeof typed] },
      { weight: 1, arbitrary: junk },
    ),
  ]),
) as Record<keyof typeof typed, fc.Arbitrary<unknown>>;

const MUTATIONS: Record<keyof typeof inputs, string> = {
  ingestArticle: `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id title url publishedAt claims(first: 3) { edges { node { id kind } } } } created userErrors { field message code } } }`,
  createClaim: `mutation($input: CreateClaimInput!) { createClaim(input: $input) { claim { id version text eventDate quantities { kind value since } locations { id } } userErrors { field message code } } }`,
  updateClaim: `mutation($input: UpdateClaimInput!) { updateClaim(input: $input) { claim { id version status eventDate claimant { id } } userErrors { field message code } } }`,
  updateLocation: `mutation($input: UpdateLocationInput!) { updateLocation(input: $input) { location { id name aliases latitude longitude version } userErrors { field message code } } }`,
  mergeParties: `mutation($input: MergePartiesInput!) { mergeParties(input: $input) { party { id name aliases } userErrors { field message code } } }`,
  createParty: `mutation($input: CreatePartyInput!) { createParty(input: $input) { party { id name aliases } userErrors { field message code } } }`,
  createLocation: `mutation($input: CreateLocationInput!) { createLocation(input: $input) { location { id name aliases latitude longitude } userErrors { field message code } } }`,
};

/** Inputs every run tries first (fast-check `examples`): edges found by hand or by earlier runs. */
const EXAMPLES: Partial<Record<keyof typeof inputs, () => unknown[]>> = {
  // Names within the character limit whose folded form is too long for a DynamoDB key.
  updateLocation: () => [
    { id: ids.location, name: 'ஐ'.repeat(500) },
    { id: ids.otherLocation, aliases: ['ﷺ'.repeat(100)] },
    // Finite and within range, but below DynamoDB's smallest number (1e-130).
    { id: ids.location, latitude: 1e-200, longitude: 5e-324 },
  ],
  createParty: () => [
    { name: 'ஐ'.repeat(500), kind: 'STATE' },
    { name: 'Party of the long alias', kind: 'GROUP', aliases: ['㍻'.repeat(400)] },
  ],
  createLocation: () => [{ name: 'ﷺ'.repeat(100) }, { name: 'Tiny coordinates', latitude: 5e-324, longitude: 1e-200 }],
  ingestArticle: () => [{ text: 'A short note.', publisher: 'ﷺ'.repeat(100) }],
  mergeParties: () => [
    { keepId: ids.party, removeId: ids.party },
    { keepId: ids.party, removeId: ids.otherParty },
  ],
};

const checkRun = async <T extends unknown[]>(property: fc.IAsyncProperty<T>, examples: T[] = []) => {
  await fc.assert(property, { seed: SEED, numRuns: RUNS, endOnFailure: true, examples });
};

// ---------------------------------------------------------------------------------------

describe('fuzzing mutation inputs through variables', () => {
  it.each(Object.keys(inputs) as (keyof typeof inputs)[])(
    '%s',
    async (name) => {
      const outcomes: Record<string, number> = {};
      await checkRun(
        fc.asyncProperty(inputs[name], async (input) => {
          const { status, text } = await sendOperation(MUTATIONS[name], { input });
          const body = JSON.parse(text);
          const payload = body.data?.[name];
          const outcome = payload
            ? payload.userErrors.length
              ? 'userErrors'
              : 'stored'
            : status === 200
              ? 'errors'
              : `http${status}`;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          if (status === 200) {
            // A payload names what was wrong in userErrors, or the request was refused as a whole.
            if (payload) for (const error of payload.userErrors) expect(error.code).toMatch(/^[A-Z_]+$/);
            if (name === 'updateClaim' && payload?.claim) ids.claimVersion = payload.claim.version;
          }
        }),
        (EXAMPLES[name]?.() ?? []).map((input) => [input]),
      );
      // Enough inputs got past GraphQL's own coercion to exercise the resolver and the data layer.
      expect((outcomes.stored ?? 0) + (outcomes.userErrors ?? 0), JSON.stringify(outcomes)).toBeGreaterThanOrEqual(
        RUNS * 0.25,
      );
      console.log(name, JSON.stringify(outcomes));
    },
    300_000,
  );
});

describe('fuzzing reads', () => {
  it('node, nodes, resolve, lists with arbitrary arguments and cursors', async () => {
    const query = `query($id: ID!, $ids: [ID!]!, $name: String!, $first: Int!, $after: String, $since: Date, $until: Date, $kind: ClaimKind, $near: NearInput, $publisher: String, $before: DateTime) {
      node(id: $id) { id __typename }
      nodes(ids: $ids) { id }
      resolve(name: $name) { parties { edges { node { id } } } locations { edges { node { id } } } }
      articles(first: $first, after: $after, publisher: $publisher, publishedBefore: $before) { edges { cursor node { id } } }
      claims(first: $first, after: $after, since: $since, until: $until, kind: $kind) { edges { node { id } } }
      locations(first: $first, near: $near) { edges { node { id } } }
    }`;
    await checkRun(
      fc.asyncProperty(
        fc.record(
          {
            id: field(anyId),
            ids: field(list(anyId, 10)),
            name: field(anyString),
            first: field(anyNumber),
            after: field(
              fc.oneof(
                anyString,
                anyString.map((s) => Buffer.from(s).toString('base64url')),
                fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
              ),
            ),
            since: field(anyString),
            until: field(anyString),
            kind: field(enumOf(...CLAIM_KINDS)),
            near: field(
              fc.record(
                { latitude: field(anyNumber), longitude: field(anyNumber), radiusKm: field(anyNumber) },
                { requiredKeys: [] },
              ),
            ),
            publisher: field(anyString),
            before: field(anyString),
          },
          { requiredKeys: [] },
        ),
        async (variables) => {
          await sendOperation(query, variables);
        },
      ),
    );
  }, 300_000);

  it('arbitrary query documents', async () => {
    const fragments = [
      '{',
      '}',
      '(',
      ')',
      'query',
      'mutation',
      'subscription',
      'fragment F on Query',
      '...F',
      '__typename',
      'node(id: "x")',
      '$v',
      '@skip(if: true)',
      '"',
      '"""',
      '#',
      'articles(first: 101)',
      'articles(first: -1)',
      'articles(first: 2147483648)',
      '{ articles { edges { node { claims { edges { node { related { related { id } } } } } } } } }',
    ];
    const document = fc.oneof(
      anyString,
      fc.array(fc.constantFrom(...fragments), { maxLength: 12 }).map((parts) => parts.join(' ')),
    );
    await checkRun(
      fc.asyncProperty(
        document,
        field(junk),
        fc.option(anyString, { nil: undefined }),
        async (query, variables, operationName) => {
          await send({ headers: JSON_HEADERS, body: JSON.stringify({ query, variables, operationName }) });
        },
      ),
    );
  }, 300_000);
});

describe('fuzzing raw HTTP requests', () => {
  const CONTENT_TYPES = [
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/graphql',
    'application/graphql-response+json',
    'text/plain',
    'text/html',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=xyz',
    'application/octet-stream',
    'application/xml',
    '*/*',
    'json',
    '',
  ];
  const ACCEPTS = [
    'application/graphql-response+json',
    'application/json',
    'text/event-stream',
    'multipart/mixed',
    'text/html',
    '*/*',
    'image/png',
    '',
  ];

  const body = fc.oneof(
    fc.uint8Array({ maxLength: 2000 }),
    fc.string({ unit: 'binary', maxLength: 500 }),
    fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    fc
      .record({ query: junk, variables: junk, operationName: junk, extensions: junk }, { requiredKeys: [] })
      .map((value) => JSON.stringify(value)),
    fc.constantFrom(
      '{"query": "{ __typename }"',
      '{"query": "{ __typename }"}}',
      '[{"query": "{ __typename }"}]',
      '{"query": "{ __typename }", "variables": "not an object"}',
      '{"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}',
      '{"query": ["{ __typename }"]}',
      'query=%7B__typename%7D',
      '--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"mutation($f: Upload){ __typename }","variables":{"f":null}}\r\n--xyz--',
      '\uFEFF{"query": "{ __typename }"}',
      '{"query": "{ __typename }", "__proto__": {"polluted": true}}',
      '{"query": "' + '{'.repeat(5000) + '"}',
      '{"query": "{ ' + 'a: __typename '.repeat(5000) + '}"}',
    ),
  );

  it('bodies × content types × accept headers × methods', async () => {
    await checkRun(
      fc.asyncProperty(
        body,
        fc.oneof(
          fc.constantFrom(...CONTENT_TYPES),
          fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz/+;=-. '.split('')), maxLength: 40 }),
        ),
        fc.constantFrom(...ACCEPTS),
        fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.boolean(),
        async (payload, contentType, accept, method, withKey) => {
          const headers: Record<string, string> = { ...(withKey ? authHeaders() : {}) };
          if (contentType) headers['content-type'] = contentType;
          if (accept) headers.accept = accept;
          await send({ method, headers, body: payload });
        },
      ),
    );
  }, 300_000);

  it('GET with arbitrary query strings', async () => {
    await checkRun(
      fc.asyncProperty(
        fc.record(
          {
            query: field(anyString),
            variables: field(
              fc.oneof(
                anyString,
                fc.jsonValue().map((v) => JSON.stringify(v)),
              ),
            ),
            operationName: field(anyString),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom(...ACCEPTS),
        async (params, accept) => {
          const search = new URLSearchParams();
          for (const [key, value] of Object.entries(params))
            if (value !== undefined) search.set(key, typeof value === 'string' ? value : JSON.stringify(value));
          await send({ method: 'GET', headers: accept ? { accept } : {}, search: `?${search.toString()}` });
        },
      ),
    );
  }, 300_000);

  it('mutations with arbitrary Authorization headers', async () => {
    const header = fc.oneof(
      fc.constantFrom(
        '',
        'Bearer',
        'Bearer ',
        'bearer ' + ADMIN_KEY,
        'Bearer  ' + ADMIN_KEY,
        'Basic YWRtaW46YWRtaW4=',
        'Bearer ' + ADMIN_KEY + 'x',
        'Bearer ' + 'k'.repeat(10_000),
      ),
      fc
        .string({
          unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~+/= '.split('')),
          maxLength: 80,
        })
        .map((s) => `Bearer ${s}`),
    );
    await checkRun(
      fc.asyncProperty(header, async (authorization) => {
        await send({
          headers: {
            'content-type': 'application/json',
            accept: 'application/graphql-response+json',
            ...(authorization ? { authorization } : {}),
          },
          body: JSON.stringify({
            query: MUTATIONS.mergeParties,
            variables: { input: { keepId: ids.party, removeId: ids.party } },
          }),
        });
      }),
    );
  }, 300_000);

  it('a large body (2 MB of JSON) is refused or answered, not a crash', async () => {
    await send({
      headers: JSON_HEADERS,
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
  });
});

describe('afterwards', () => {
  it('the server still answers', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { __typename: 'Query' },
      extensions: { cost: { requested: 1, limit: 2000 } },
    });
  });

  it('the table is consistent', async () => {
    const items = await scanTable(db);
    expect(checkInvariants(items), JSON.stringify(summarize(items))).toEqual([]);
  });

  it('no request got a 5xx or a masked "Unexpected error."', async () => {
    // The distinct unexpected errors the server logged say what to fix.
    const errors = [
      ...new Set(
        logged.map((error) =>
          (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 120),
        ),
      ),
    ];
    const examples = [
      ...new Map(
        masked.map((entry) => [
          `${entry.status} ${entry.body.replace(/"locations":\[[^\]]*\],/, '')}`,
          entry.request.slice(0, 160),
        ]),
      ).entries(),
    ];
    expect({ count: masked.length, examples: examples.slice(0, 8), errors: errors.slice(0, 10) }).toEqual({
      count: 0,
      examples: [],
      errors: [],
    });
  });
});
