/**
 * A wrong or malformed global ID in a mutation input is a user error (`INVALID_ID`) naming the
 * input field, for every mutation that takes IDs, and nothing is written: an ID that does not
 * decode, one of another type of node, one naming a type that does not exist. An ID of the
 * right type that names nothing stays NOT_FOUND (checked in the mutations' own tests).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeId } from '../schema/builder.js';
import {
  createLocation,
  createParty,
  createTestDb,
  dataOf,
  graphqlCaller,
  ingest,
  plainText,
  type Caller,
} from './support.js';

let call: Caller;
let party: string;
let otherParty: string;
let place: string;
let article: string;
let claim: string;

beforeAll(async () => {
  call = graphqlCaller(await createTestDb());
  party = await createParty(call, { name: 'Defence Ministry of Ruritania', kind: 'GOVERNMENT_BODY' });
  otherParty = await createParty(call, { name: 'Army of Freedonia', kind: 'ARMED_FORCE' });
  place = await createLocation(call, { name: 'Zenda', latitude: 48.1, longitude: 16.3 });
  article = (await ingest(call, { text: plainText(1) })).id;
  const created = await dataOf(
    call(`mutation($input: CreateClaimInput!) { createClaim(input: $input) { claim { id } userErrors { code } } }`, {
      input: { articleId: article, claimantId: party, content: { start: 0, end: 6 } },
    }),
  );
  claim = created.createClaim.claim.id;
});

const BAD_IDS = {
  undecodable: 'not an id!',
  'not base64 of Type:id': Buffer.from('no separator').toString('base64url'),
  'an unknown type': Buffer.from('Spaceship:abc').toString('base64url'),
  // Filled in per field: an ID of a real node of another type.
  'another type': '',
} as const;

interface Case {
  mutation: string;
  input: () => Record<string, unknown>;
  field: string[];
  /** A real ID of a type this field does not take. */
  other: () => string;
}

const CASES: Case[] = [
  { mutation: 'deleteArticle', input: () => ({ id: article }), field: ['input', 'id'], other: () => claim },
  {
    mutation: 'createClaim',
    input: () => ({ articleId: article, content: { start: 0, end: 6 } }),
    field: ['input', 'articleId'],
    other: () => party,
  },
  {
    mutation: 'createClaim',
    input: () => ({ articleId: article, claimantId: party, content: { start: 0, end: 6 } }),
    field: ['input', 'claimantId'],
    other: () => place,
  },
  {
    mutation: 'createClaim',
    input: () => ({ articleId: article, content: { start: 0, end: 6 }, locationIds: [place, place] }),
    field: ['input', 'locationIds', '1'],
    other: () => article,
  },
  {
    mutation: 'updateClaim',
    input: () => ({ id: claim, expectedVersion: 1 }),
    field: ['input', 'id'],
    other: () => article,
  },
  {
    mutation: 'updateClaim',
    input: () => ({ id: claim, expectedVersion: 1, claimantId: otherParty }),
    field: ['input', 'claimantId'],
    other: () => claim,
  },
  {
    mutation: 'updateClaim',
    input: () => ({ id: claim, expectedVersion: 1, locationIds: [place] }),
    field: ['input', 'locationIds', '0'],
    other: () => party,
  },
  {
    mutation: 'mergeParties',
    input: () => ({ keepId: party, removeId: otherParty }),
    field: ['input', 'keepId'],
    other: () => place,
  },
  {
    mutation: 'mergeParties',
    input: () => ({ keepId: party, removeId: otherParty }),
    field: ['input', 'removeId'],
    other: () => article,
  },
  {
    mutation: 'updateLocation',
    input: () => ({ id: place, name: 'Zenda (town)' }),
    field: ['input', 'id'],
    other: () => party,
  },
];

const INPUT_TYPES: Record<string, string> = {
  deleteArticle: 'DeleteArticleInput',
  createClaim: 'CreateClaimInput',
  updateClaim: 'UpdateClaimInput',
  mergeParties: 'MergePartiesInput',
  updateLocation: 'UpdateLocationInput',
};

/** Puts `value` at `field` (["input", "locationIds", "1"]) of a copy of `input`. */
function withValue(input: Record<string, unknown>, field: string[], value: string): Record<string, unknown> {
  const copy = structuredClone(input);
  let target: any = copy;
  for (const key of field.slice(1, -1)) target = target[key];
  target[field.at(-1) as string] = value;
  return copy;
}

describe('INVALID_ID in mutation inputs', () => {
  it.each(CASES.flatMap((c) => Object.keys(BAD_IDS).map((kind) => [c.mutation, c.field.join('.'), kind, c] as const)))(
    '%s: %s given %s',
    async (mutation, _field, kind, testCase) => {
      const bad = kind === 'another type' ? testCase.other() : BAD_IDS[kind as keyof typeof BAD_IDS];
      const result = await call(
        `mutation($input: ${INPUT_TYPES[mutation]}!) { ${mutation}(input: $input) { userErrors { field message code } } }`,
        { input: withValue(testCase.input(), testCase.field, bad) },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.[mutation].userErrors).toEqual([
        { field: testCase.field, code: 'INVALID_ID', message: expect.stringContaining(testCase.field.join('.')) },
      ]);
    },
  );

  it('leaves what the IDs named as it was', async () => {
    const read = await dataOf(
      call(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Location { name } } }`, {
        ids: [article, claim, party, otherParty, place],
      }),
    );
    expect(read.nodes.map((node: { id: string } | null) => node?.id)).toEqual([
      article,
      claim,
      party,
      otherParty,
      place,
    ]);
    expect(read.nodes[4].name).toBe('Zenda');
  });

  it('still answers a well-formed ID of the right type that names nothing with NOT_FOUND on its field', async () => {
    const result = await dataOf(
      call(`mutation($input: DeleteArticleInput!) { deleteArticle(input: $input) { userErrors { field code } } }`, {
        input: { id: encodeId('Article', 'doesnotexist') },
      }),
    );
    expect(result.deleteArticle.userErrors).toEqual([{ field: ['input', 'id'], code: 'NOT_FOUND' }]);
  });
});
