/**
 * Multi-item writes. Items that must change together go in one TransactWriteItems; a change
 * too big for one (over 100 actions) is split into groups that never separate an item from
 * the items that point to it, ordered so that at every step each reference resolves, and
 * built from deterministic keys so that a retry of the whole write converges.
 */
import { MAX_TRANSACTION_ACTIONS, type Db, type WriteAction } from './client.js';

/**
 * Commits `groups` in order, packing consecutive groups into transactions of at most 100
 * actions. A group (a claim with its links) is never split across transactions. `alongside`
 * adds to each transaction the writes that must go with the groups in it (at most `reserve`
 * actions), given their indexes.
 */
export async function commitGroups(
  db: Db,
  groups: WriteAction[][],
  alongside: (indexes: number[]) => WriteAction[] = () => [],
  reserve = 0,
): Promise<void> {
  const limit = MAX_TRANSACTION_ACTIONS - reserve;
  let batch: WriteAction[] = [];
  let indexes: number[] = [];
  for (const [index, group] of groups.entries()) {
    if (group.length > limit) {
      throw new Error(`one group of writes has ${group.length} actions; the limit is ${limit}`);
    }
    if (batch.length + group.length > limit) {
      await db.transact([...batch, ...alongside(indexes)]);
      batch = [];
      indexes = [];
    }
    batch.push(...group);
    indexes.push(index);
  }
  await db.transact([...batch, ...alongside(indexes)]);
}
