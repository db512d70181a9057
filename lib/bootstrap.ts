/**
 * Getting a database ready: the table (from the shared definition) and the sample data.
 */
import { readFile } from 'node:fs/promises';
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { createDataContext } from './store/loaders.js';
import type { Db } from './store/client.js';
import { ingestArticle, type IngestResult } from './ingest.js';
import { createTableInput } from './store/table.js';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { patterns, STORE_LAYOUT } from './store/patterns.js';

/** The table holds data of another storage layout than this version reads and writes. */
export class StoreLayoutError extends Error {
  override name = 'StoreLayoutError';
}

/**
 * Makes sure the table holds this version's layout of items: an empty table is marked with
 * it; a table marked with another layout, or one written before tables were marked, is
 * refused with what to do, rather than served half-readable.
 */
export async function checkStoreLayout(db: Db): Promise<void> {
  const marker = await db.get(patterns.storeLayout.key(), true);
  if (marker?.layout === STORE_LAYOUT) return;
  const advice =
    'delete the data directory (.data/ unless CLAIMGRAPH_DATA_DIR says otherwise) or use --in-memory, then load your articles again';
  if (marker)
    throw new StoreLayoutError(
      `table ${db.tableName} holds storage layout ${String(marker.layout)}; this version reads layout ${STORE_LAYOUT}: ${advice}`,
    );
  // Bootstrap only: one item is enough to tell an empty table from one an older version wrote.
  const { Items } = await db.client.send(new ScanCommand({ TableName: db.tableName, Limit: 1 }));
  if (Items?.length)
    throw new StoreLayoutError(
      `table ${db.tableName} was written by an earlier claimgraph (storage layout 1); this version reads layout ${STORE_LAYOUT}: ${advice}`,
    );
  await db
    .put({ ...patterns.storeLayout.key(), layout: STORE_LAYOUT }, { expression: 'attribute_not_exists(pk)' })
    .catch(() => checkStoreLayout(db));
}

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
