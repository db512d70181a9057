import { readFileSync } from 'node:fs';
import {
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  printType,
  validateSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { needsWholeSchema, readSchema, WRITE_SIDE_TYPES, wholeSchema } from '../schema/index.js';
import { printSchemaFile, SCHEMA_FILE } from '../schema/print.js';

describe('schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema` after a change)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printSchemaFile());
  });

  it('is a valid schema, read part and whole (the server takes them as valid, unchecked at run time)', () => {
    // A schema built from the same types without assumeValid is checked in full.
    for (const schema of [readSchema, wholeSchema()])
      expect(
        validateSchema(new GraphQLSchema({ ...schema.toConfig(), assumeValid: false })).map((e) => e.message),
      ).toEqual([]);
  });

  it('reads with the whole schema less the write side, each shared type the same in both', () => {
    const whole = wholeSchema();
    const userTypes = (schema: GraphQLSchema) =>
      Object.keys(schema.getTypeMap())
        .filter((name) => !name.startsWith('__'))
        .sort();
    expect(userTypes(whole).filter((name) => !userTypes(readSchema).includes(name))).toEqual(
      [...WRITE_SIDE_TYPES].sort(),
    );
    for (const name of userTypes(readSchema))
      expect(printType(readSchema.getType(name)!), name).toBe(printType(whole.getType(name)!));
    expect(readSchema.getMutationType()).toBeUndefined();
  });

  it('sends mutations, introspection and documents naming a write-side type to the whole schema', () => {
    for (const document of [
      'mutation { deleteArticle(input: { id: "x" }) { deletedArticleId } }',
      'mutation M($input: CreatePartyInput!) { createParty(input: $input) { party { id } } }',
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Claim") { name } }',
      'query Q($unused: CreateClaimInput) { __typename }',
      '{ node(id: "x") { ... on UserError { message } } }',
    ])
      expect(needsWholeSchema(document), document).toBe(true);
    for (const document of [
      '{ __typename }',
      '{ articles(first: 5) { edges { node { id title claims(first: 3) { edges { node { kind } } } } } } }',
      'query Near($near: NearInput!) { locations(near: $near) { edges { node { name } } } }',
      // Names that only begin like a write-side type or keyword.
      '{ articles { edges { node { mutations: title } } } }',
      '{ node(id: "x") { __typename ... on Claim { userErrorsSeen: id } } }',
    ])
      expect(needsWholeSchema(document), document).toBe(false);
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(wholeSchema().getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        (isScalarType(type) && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))
      )
        continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : [])
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      if (isUnionType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});
