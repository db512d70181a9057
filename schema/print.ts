/** The printed schema, as committed in schema/schema.graphql. */
import { lexicographicSortSchema, printSchema } from 'graphql';
import { wholeSchema } from './index.js';

export const SCHEMA_FILE = new URL('./schema.graphql', import.meta.url);

export const printSchemaFile = (): string =>
  `# Generated from the Pothos schema by \`npm run schema\`: do not edit by hand.\n\n${printSchema(lexicographicSortSchema(wholeSchema()))}\n`;
