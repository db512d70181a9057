/** Every custom scalar says where its format is defined, in the printed schema and to introspection. */
import { readFileSync } from 'node:fs';
import { isScalarType, isSpecifiedScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCALAR_SPECIFICATIONS } from '../schema/builder.js';
import { wholeSchema } from '../schema/index.js';
import { createTestDb, dataOf, graphqlCaller } from './support.js';

const customScalars = () =>
  Object.values(wholeSchema().getTypeMap()).filter(
    (type) => isScalarType(type) && !isSpecifiedScalarType(type) && !type.name.startsWith('__'),
  );

describe('@specifiedBy', () => {
  it('is on every custom scalar of the printed schema', () => {
    const printed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    const scalars = customScalars();
    expect(scalars.map((type) => type.name)).toEqual(expect.arrayContaining(['Date', 'DateTime', 'URL']));
    for (const type of scalars) {
      const line = printed.split('\n').find((l) => l.startsWith(`scalar ${type.name} `) || l === `scalar ${type.name}`);
      expect(line, type.name).toMatch(/ @specifiedBy\(url: "https:\/\/[^"]+"\)$/);
    }
    expect(printed).toContain(`scalar DateTime @specifiedBy(url: "${SCALAR_SPECIFICATIONS.DateTime}")`);
    expect(printed).toContain(`scalar Date @specifiedBy(url: "${SCALAR_SPECIFICATIONS.Date}")`);
    expect(printed).toContain(`scalar URL @specifiedBy(url: "${SCALAR_SPECIFICATIONS.URL}")`);
  });

  it('is answered by introspection as specifiedByURL', async () => {
    const call = graphqlCaller(await createTestDb());
    const data = await dataOf(call('{ __schema { types { name kind specifiedByURL } } }'));
    const scalars = data.__schema.types.filter(
      (type: { kind: string; name: string }) =>
        type.kind === 'SCALAR' && !['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name),
    );
    expect(scalars.length).toBeGreaterThanOrEqual(3);
    for (const type of scalars) expect(type.specifiedByURL, type.name).toMatch(/^https:\/\//);
    expect(scalars.find((type: { name: string }) => type.name === 'URL').specifiedByURL).toBe(
      SCALAR_SPECIFICATIONS.URL,
    );
  });
});
