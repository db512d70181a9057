import { describe, expect, it } from 'vitest';
import { checkStoreLayout, StoreLayoutError } from '../lib/bootstrap.js';
import { patterns, STORE_LAYOUT } from '../lib/store/patterns.js';
import { createTestDb, scanTable } from './support.js';

describe('checkStoreLayout', () => {
  it('marks an empty table with this version’s layout, and accepts it from then on', async () => {
    const db = await createTestDb();
    await checkStoreLayout(db);
    expect(await db.get(patterns.storeLayout.key(), true)).toMatchObject({ layout: STORE_LAYOUT });
    await checkStoreLayout(db);
    expect(await scanTable(db)).toHaveLength(1);
  });

  it('refuses a table an earlier version wrote, saying what to do', async () => {
    const db = await createTestDb();
    // An item of layout 1: a month registry entry.
    await db.put({ pk: 'MONTHS#ARTICLES', sk: '2020-11', month: '2020-11' });
    await expect(checkStoreLayout(db)).rejects.toThrow(StoreLayoutError);
    await expect(checkStoreLayout(db)).rejects.toThrow(/earlier claimgraph.*--in-memory/);
  });

  it('refuses a table marked with another layout', async () => {
    const db = await createTestDb();
    await db.put({ ...patterns.storeLayout.key(), layout: STORE_LAYOUT + 1 });
    await expect(checkStoreLayout(db)).rejects.toThrow(`holds storage layout ${STORE_LAYOUT + 1}`);
  });
});
