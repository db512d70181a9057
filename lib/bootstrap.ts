/**
 * Getting a database ready: the table (from the shared definition) and the sample data.
 */
import { readFile } from 'node:fs/promises';
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { createDataContext } from './store/loaders.js';
import type { Db } from './store/client.js';
import { ingestArticle, type IngestResult } from './ingest.js';
import { createTableInput } from './store/table.js';

/** Creates the table unless it exists, and waits until it is active. */
export async function ensureTable(db: Db): Promise<'created' | 'exists'> {
  let created = false;
  try {
    await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    try {
      await db.client.send(new CreateTableCommand(createTableInput(db.tableName)));
      created = true;
    } catch (createError) {
      // Another process created it in between: fine.
      if (!(createError instanceof Error && createError.name === 'ResourceInUseException')) throw createError;
    }
  }
  for (let i = 0; i < 600; i++) {
    const { Table } = await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
    const ready =
      Table?.TableStatus === 'ACTIVE' &&
      (Table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
    if (ready) return created ? 'created' : 'exists';
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${db.tableName} did not become active`);
}

export const SAMPLES_DIR = new URL('../data/samples/', import.meta.url);

interface SampleEntry {
  file: string;
  url?: string;
  title?: string;
  publisher?: string;
  publishedAt?: string;
}

/** Loads the sample articles through the real ingest path; a second run changes nothing. */
export async function loadSamples(db: Db, dir: URL = SAMPLES_DIR): Promise<IngestResult[]> {
  const entries = JSON.parse(await readFile(new URL('samples.json', dir), 'utf8')) as SampleEntry[];
  const results: IngestResult[] = [];
  for (const entry of entries) {
    const text = await readFile(new URL(entry.file, dir), 'utf8');
    results.push(await ingestArticle(createDataContext(db), { ...entry, text }));
  }
  return results;
}
