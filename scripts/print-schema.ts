/** `npm run schema`: writes schema/schema.graphql from the Pothos schema. */
import { writeFileSync } from 'node:fs';
import { printSchemaFile, SCHEMA_FILE } from '../schema/print.js';

writeFileSync(SCHEMA_FILE, printSchemaFile());
console.log(`wrote ${SCHEMA_FILE.pathname}`);
