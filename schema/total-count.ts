/**
 * `totalCount` on connections, where a counter item (or the parent's own list) gives it
 * exactly with one read by key: the resolver of the list says where its total comes from,
 * and the field reads it only when it is selected.
 */
import type { ClaimKind } from '../lib/extract/types.js';
import { articleTotal, claimTotal, totalKey } from '../lib/store/counters.js';
import type { DataContext } from '../lib/store/loaders.js';

export type TotalSource =
  | { claimsOf: 'ALL' | 'PARTY' | 'LOCATION'; id?: string; kind?: ClaimKind | null }
  | { articles: true }
  | { fixed: number };

const TOTAL = Symbol('totalCount');

/** The connection, with where its total comes from (null: no counter serves it). */
export function withTotalCount<T extends object>(connection: T, source: TotalSource | null): T {
  return Object.assign(connection, { [TOTAL]: source });
}

export const TOTAL_COUNT_DESCRIPTION =
  'How many items the whole list holds, from a counter kept exact by every write (one read by key). Null where no counter serves the arguments (a date range, a publisher, a party and a place together).';

export async function resolveTotalCount(connection: object, data: DataContext): Promise<number | null> {
  const source = (connection as { [TOTAL]?: TotalSource | null })[TOTAL] ?? null;
  if (!source) return null;
  if ('fixed' in source) return source.fixed;
  if ('articles' in source) return articleTotal(await data.items.load(totalKey('KIND')));
  const scope = source.claimsOf === 'ALL' ? 'KIND' : source.claimsOf;
  const id = source.claimsOf === 'ALL' ? 'all' : source.id!;
  return claimTotal(await data.items.load(totalKey(scope, id)), id, source.kind ?? null);
}
