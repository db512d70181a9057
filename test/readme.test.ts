import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSamples } from '../lib/bootstrap.js';
import { EXAMPLE_OPERATION } from '../server/server.js';
import { createTestDb, dataOf, graphqlCaller, type Caller } from './support.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const examples = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);

let call: Caller;
beforeAll(async () => {
  const db = await createTestDb();
  await loadSamples(db);
  call = graphqlCaller(db);
});

/** Every list in a result, flattened: an example "works" when none of them is empty. */
function lists(value: unknown, path = ''): [string, unknown[]][] {
  if (Array.isArray(value)) return [[path, value], ...value.flatMap((item, i) => lists(item, `${path}[${i}]`))];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => lists(item, `${path}.${key}`));
  return [];
}

describe('README examples and the GraphiQL default operation', () => {
  it('has three examples', () => expect(examples).toHaveLength(3));

  it.each([
    ...examples.map((query, i) => [`README example ${i + 1}`, query]),
    ['GraphiQL default operation', EXAMPLE_OPERATION],
  ])('%s returns data on the sample article', async (_, query) => {
    const data = await dataOf(call(query!));
    const top = lists(data).filter(([path]) => path.split('.').length <= 4);
    expect(top.length).toBeGreaterThan(0);
    for (const [path, list] of top) expect(list.length, path).toBeGreaterThan(0);
  });
});
