/**
 * Multi-item writes. Items that must change together go in one TransactWriteItems; a change
 * too big for one (over 100 actions) is split into groups that never separate an item from
 * the items that point to it, ordered so that at every step each reference resolves, and
 * built from deterministic keys so that a retry of the whole write converges.
 */
import { MAX_TRANSACTION_ACTIONS, type Db, type WriteAction } from './client.js';

/**
 * Commits `groups` in order, packing consecutive groups into transactions of at most 100
 * actions. A group (a claim with its links) is never split across transactions.
 */
export async function commitGroups(db: Db, groups: WriteAction[][]): Promise<void> {
  let batch: WriteAction[] = [];
  for (const group of groups) {
    if (group.length > MAX_TRANSACTION_ACTIONS) {
      throw new Error(`one group of writes has ${group.length} actions; the limit is ${MAX_TRANSACTION_ACTIONS}`);
    }
    if (batch.length + group.length > MAX_TRANSACTION_ACTIONS) {
      await db.transact(batch);
      batch = [];
    }
    batch.push(...group);
  }
  await db.transact(batch);
}
