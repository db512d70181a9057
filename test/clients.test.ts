/**
 * The client toolchains front ends use, run against the printed schema as a front-end
 * developer runs them: relay-compiler on the Relay documents of test/clients/relay/ (paginated
 * `@connection`s, a `@refetchable` fragment refetched through `node`, a mutation) and GraphQL
 * Code Generator on the plain documents of test/clients/codegen/. Each must compile with no
 * warning, what they generate must type-check, and the plain documents must run on the server.
 * Everything is generated into a temporary folder, never into the repository.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { buildSchema, isScalarType, isSpecifiedScalarType } from 'graphql';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadSamples } from '../lib/bootstrap.js';
import { createTestDb, dataOf, graphqlCaller, type Caller } from './support.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCHEMA = join(ROOT, 'schema/schema.graphql');
const RELAY_DOCUMENTS = join(ROOT, 'test/clients/relay');
const CODEGEN_DOCUMENTS = join(ROOT, 'test/clients/codegen');

/**
 * How a client types each custom scalar. A scalar added to the schema later is typed `unknown`
 * until it is listed here: both tools accept that, and a client must narrow it before use.
 */
const KNOWN_SCALARS: Record<string, string> = { Date: 'string', DateTime: 'string', URL: 'string' };
const scalarTypes = (): Record<string, string> =>
  Object.fromEntries(
    Object.values(buildSchema(readFileSync(SCHEMA, 'utf8')).getTypeMap())
      .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type))
      .map((type) => [type.name, KNOWN_SCALARS[type.name] ?? 'unknown']),
  );

/** tsc's diagnostics for `files`, strict, as a bundler-built front end compiles them. */
function typeErrors(files: string[], paths: Record<string, string[]> = {}): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    // Only the declarations named in `paths`: nothing else of the repository's node_modules.
    types: [],
    paths,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) =>
      ts
        .flattenDiagnosticMessageText(diagnostic.messageText, '\n')
        .concat(diagnostic.file ? ` (${diagnostic.file.fileName}:${diagnostic.start})` : ''),
    );
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'claimgraph-clients-'));
});
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('relay-compiler', () => {
  it('compiles the Relay documents against the printed schema with no warning, and its types check', async () => {
    // relay-compiler reads its sources and writes its artifacts under the folder of its config.
    const dir = join(out, 'relay');
    mkdirSync(join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, '__generated__'));
    for (const file of readdirSync(RELAY_DOCUMENTS)) copyFileSync(join(RELAY_DOCUMENTS, file), join(dir, 'src', file));
    copyFileSync(SCHEMA, join(dir, 'schema.graphql'));
    writeFileSync(
      join(dir, 'relay.config.json'),
      JSON.stringify({
        src: './src',
        schema: './schema.graphql',
        language: 'typescript',
        artifactDirectory: './__generated__',
        customScalarTypes: scalarTypes(),
      }),
    );
    const relay = fileURLToPath(new URL('../node_modules/relay-compiler/cli.js', import.meta.url));
    const run = await promisify(execFile)(process.execPath, [relay, 'relay.config.json'], { cwd: dir }).catch(
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    const lines = stripVTControlCharacters(`${run.stdout}\n${run.stderr}`)
      .split('\n')
      .filter((line) => line.trim());
    // Anything but its progress lines ([INFO]) is a warning or an error, and fails the test.
    expect(lines.filter((line) => !line.startsWith('[INFO]'))).toEqual([]);
    expect(lines).toContain('[INFO] Compilation completed.');

    const artifacts = readdirSync(join(dir, '__generated__')).sort();
    expect(artifacts).toEqual(
      [
        'ArticleListPaginationQuery',
        'ArticleListQuery',
        'ArticleList_query',
        'ClaimCard_claim',
        'ClaimFeedPaginationQuery',
        'ClaimFeedQuery',
        'ClaimFeed_query',
        'PartyClaimsQuery',
        'PartyClaimsRefetchQuery',
        'PartyClaims_party',
        'ReviewClaimMutation',
      ].map((name) => `${name}.graphql.ts`),
    );
    // The party's fragment is refetched (next pages included) through `node(id:)`.
    const refetch = readFileSync(join(dir, '__generated__/PartyClaimsRefetchQuery.graphql.ts'), 'utf8');
    expect(refetch).toMatch(/node\(id: \$id\) \{\\n\s+__typename\\n\s+\.\.\.PartyClaims_party/);

    // Relay's artifacts opt out of type checking (`@ts-nocheck`): what is checked is the code
    // that uses them, against relay-runtime's published types.
    writeFileSync(
      join(dir, 'src/usage.ts'),
      `import type { ClaimCard_claim$data } from '../__generated__/ClaimCard_claim.graphql';
import type { PartyClaims_party$data } from '../__generated__/PartyClaims_party.graphql';
import type { ClaimFeedQuery$variables } from '../__generated__/ClaimFeedQuery.graphql';
import type { ReviewClaimMutation$variables } from '../__generated__/ReviewClaimMutation.graphql';

export const firstPage: ClaimFeedQuery$variables = { kind: 'CASUALTIES', since: '2020-09-27' };
export const review: ReviewClaimMutation$variables = { input: { id: 'Q2xhaW06eA', expectedVersion: 1, status: 'VERIFIED' } };
export const points = (claim: ClaimCard_claim$data): [number, number][] =>
  claim.locations.flatMap((place) =>
    place.latitude == null || place.longitude == null ? [] : [[place.longitude, place.latitude] as [number, number]],
  );
export const claimCount = (party: PartyClaims_party$data): number => party.claims.edges.length;
export const killed = (claim: ClaimCard_claim$data): number =>
  claim.quantities.filter((q) => q.kind === 'KILLED').reduce((sum, q) => sum + q.value, 0);
`,
    );
    const relayTypes = join(ROOT, 'node_modules/@types/relay-runtime/index.d.ts');
    expect(
      typeErrors([join(dir, 'src/usage.ts'), ...artifacts.map((file) => join(dir, '__generated__', file))], {
        'relay-runtime': [relayTypes],
      }),
    ).toEqual([]);
  });
});

describe('GraphQL Code Generator', () => {
  let call: Caller;
  beforeAll(async () => {
    const db = await createTestDb();
    await loadSamples(db);
    call = graphqlCaller(db);
  });

  it('types the plain documents with typescript-operations, with no warning, and the types check', async () => {
    const target = join(out, 'codegen/operations.ts');
    // codegen reports through the console (its default logger) and Node's process warnings.
    const reported: unknown[][] = [];
    const spies = (['warn', 'error', 'log', 'info'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void reported.push([level, ...args])),
    );
    const onWarning = (warning: Error) => reported.push(['process warning', warning.message]);
    process.on('warning', onWarning);
    let outputs: { filename: string; content: string }[];
    try {
      outputs = await generate(
        {
          cwd: ROOT,
          schema: SCHEMA,
          documents: join(CODEGEN_DOCUMENTS, '*.graphql'),
          silent: true,
          errorsOnly: true,
          generates: {
            [target]: {
              plugins: ['typescript-operations'],
              config: { scalars: scalarTypes(), dedupeOperationSuffix: true },
            },
          },
        },
        false,
      );
    } finally {
      for (const spy of spies) spy.mockRestore();
      process.off('warning', onWarning);
    }
    expect(reported).toEqual([]);
    expect(outputs.map((output) => output.filename)).toEqual([target]);
    mkdirSync(join(out, 'codegen'));
    writeFileSync(target, outputs[0]!.content);
    writeFileSync(
      join(out, 'codegen/usage.ts'),
      `import type { ArticlesQuery, ClaimCardFragment, ClaimsQuery, ClaimsQueryVariables, PartyClaimsQuery, RefetchClaimQuery, ReviewClaimMutationVariables } from './operations';

export const firstPage: ClaimsQueryVariables = { kind: 'CASUALTIES', since: '2020-09-27', first: 50 };
export const review: ReviewClaimMutationVariables = { input: { id: 'Q2xhaW06eA', expectedVersion: 1, status: 'VERIFIED' } };
export const points = (data: ClaimsQuery): { id: string; at: [number, number] }[] =>
  data.claims.edges.flatMap(({ node }) =>
    node.locations.flatMap((place) =>
      place.latitude === null || place.longitude === null ? [] : [{ id: node.id, at: [place.longitude, place.latitude] as [number, number] }],
    ),
  );
export const next = (data: ArticlesQuery): string | null => (data.articles.pageInfo.hasNextPage ? data.articles.pageInfo.endCursor : null);
export const partyName = (data: PartyClaimsQuery): string | null => (data.node && 'name' in data.node ? data.node.name : null);
export const refetched = (data: RefetchClaimQuery): ClaimCardFragment['kind'] | null => (data.node && 'kind' in data.node ? data.node.kind : null);
`,
    );
    expect(typeErrors([target, join(out, 'codegen/usage.ts')])).toEqual([]);
  });

  it('the documents it typed run on the server, on the sample', async () => {
    const documents = Object.fromEntries(
      readdirSync(CODEGEN_DOCUMENTS).map((file) => [file, readFileSync(join(CODEGEN_DOCUMENTS, file), 'utf8')]),
    );
    // A client sends each operation with the fragments it spreads.
    const run = (file: string, variables: Record<string, unknown>) => {
      const text = documents[file]!;
      return dataOf(
        call(text.includes('...ClaimCard') ? `${text}\n${documents['claim-card.graphql']}` : text, variables),
      );
    };

    const articles = await run('articles.graphql', { first: 1 });
    expect(articles.articles.edges).toHaveLength(1);
    const claims = await run('claims.graphql', { kind: 'CASUALTIES', first: 10 });
    expect(claims.claims.edges.length).toBeGreaterThan(0);
    // A claim a party made (the outlet's own narration has no claimant to list it).
    const claim = claims.claims.edges.map((edge: any) => edge.node).find((node: any) => node.claimant);
    expect(claim).toBeDefined();
    expect((await run('refetch-claim.graphql', { id: claim.id })).node.id).toBe(claim.id);
    const party = await run('party-claims.graphql', { id: claim.claimant.id, first: 5 });
    expect(party.node.claims.edges.map((edge: any) => edge.node.id)).toContain(claim.id);
    const review = await run('review-claim.graphql', {
      input: { id: claim.id, expectedVersion: claim.version, status: 'VERIFIED' },
    });
    expect(review.updateClaim).toMatchObject({ userErrors: [], claim: { id: claim.id, status: 'VERIFIED' } });
  });
});
