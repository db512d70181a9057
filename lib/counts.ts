/**
 * Counts of visible claims, as front ends draw them (histograms by day, week or month;
 * tallies by kind, party, place or country; casualty figures per claimant). Domain only:
 * what a claim contributes to which count (its "cells"), the difference a write makes, and
 * the buckets read back. Where cells are kept, and how, is `store/counters.ts`.
 *
 * A cell is one count for one claim kind in one scope: a day (`DAY`, kept per month), a
 * party or a place within a month (`MONTH`), a party or a place over all time (`PARTY`,
 * `LOCATION`), or everything over all time (`KIND`). Each holds three figures: how many
 * claims, and the sums of their KILLED and WOUNDED quantities (the figures as claimed: a
 * running toll restated by two claims counts twice). A claim about two places counts once
 * for each place, so place and country tallies count claim-place pairs.
 */
import { ValidationError } from './errors.js';
import type { ClaimKind } from './extract/types.js';
import type { Claim } from './records.js';

export type CellScope = 'DAY' | 'MONTH' | 'PARTY' | 'LOCATION' | 'KIND';
export type Metric = 'n' | 'killed' | 'wounded';

export interface Cell {
  scope: CellScope;
  /** `yyyy-mm` for DAY and MONTH cells, '' otherwise. */
  month: string;
  /** The day of the month (`dd`) for DAY, `P.<partyId>` or `L.<locationId>` for MONTH, the ID for PARTY and LOCATION, `all` for KIND. */
  dim: string;
  kind: ClaimKind;
  metric: Metric;
}

/** What counting needs of a claim. */
export type CountedClaim = Pick<Claim, 'kind' | 'day' | 'claimantId' | 'locationIds' | 'quantities'>;

export const cellId = (cell: Cell): string => `${cell.scope}|${cell.month}|${cell.dim}|${cell.kind}|${cell.metric}`;
export function parseCellId(id: string): Cell {
  const [scope, month, dim, kind, metric] = id.split('|') as [CellScope, string, string, ClaimKind, Metric];
  return { scope, month, dim, kind, metric };
}

/** The cells one claim adds to, with how much. */
export function cellsOfClaim(claim: CountedClaim): [Cell, number][] {
  const month = claim.day.slice(0, 7);
  const kind = claim.kind;
  const places: { scope: CellScope; month: string; dim: string }[] = [
    { scope: 'DAY', month, dim: claim.day.slice(8, 10) },
    { scope: 'KIND', month: '', dim: 'all' },
    ...(claim.claimantId
      ? [
          { scope: 'MONTH' as const, month, dim: `P.${claim.claimantId}` },
          { scope: 'PARTY' as const, month: '', dim: claim.claimantId },
        ]
      : []),
    ...[...new Set(claim.locationIds)].flatMap((id) => [
      { scope: 'MONTH' as const, month, dim: `L.${id}` },
      { scope: 'LOCATION' as const, month: '', dim: id },
    ]),
  ];
  const killed = sumOf(claim, 'KILLED');
  const wounded = sumOf(claim, 'WOUNDED');
  return places.flatMap((place) => [
    [{ ...place, kind, metric: 'n' }, 1] as [Cell, number],
    ...(killed ? [[{ ...place, kind, metric: 'killed' }, killed] as [Cell, number]] : []),
    ...(wounded ? [[{ ...place, kind, metric: 'wounded' }, wounded] as [Cell, number]] : []),
  ]);
}

const sumOf = (claim: CountedClaim, kind: string) =>
  claim.quantities.filter((quantity) => quantity.kind === kind).reduce((sum, quantity) => sum + quantity.value, 0);

/** Every cell a set of claims adds to, summed, by cell ID. */
export function tally(claims: readonly CountedClaim[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const claim of claims)
    for (const [cell, value] of cellsOfClaim(claim)) sums.set(cellId(cell), (sums.get(cellId(cell)) ?? 0) + value);
  return sums;
}

/**
 * What a write changes: the cells of the claims visible after it minus those of the claims
 * visible before it (zeros left out). Applied with ADD in the write's own transaction.
 */
export function countDelta(before: readonly CountedClaim[], after: readonly CountedClaim[]): Map<string, number> {
  const delta = tally(after);
  for (const [id, value] of tally(before)) delta.set(id, (delta.get(id) ?? 0) - value);
  for (const [id, value] of delta) if (value === 0) delta.delete(id);
  return delta;
}

// ---------------------------------------------------------------------------------------
// Reading: buckets from cells.

export const COUNT_DIMENSIONS = ['DAY', 'WEEK', 'MONTH', 'KIND', 'PARTY', 'LOCATION', 'COUNTRY'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

export interface CountFilter {
  kind?: ClaimKind | null;
  /** Inclusive days, `yyyy-mm-dd`. */
  since?: string | null;
  until?: string | null;
  partyId?: string | null;
}

export interface Bucket {
  /** An ISO day, ISO week (`2024-W05`), month (`2024-03`), kind name, party or place ID, or country code. */
  key: string;
  count: number;
  killed: number;
  wounded: number;
}

/** Time histograms read one item per month: at most this many months, so one BatchGetItem. */
export const MAX_COUNT_MONTHS = 90;
/** A DAY histogram has at most this many buckets. */
export const MAX_COUNT_DAYS = 366;
/** Tallies (KIND, PARTY, LOCATION, COUNTRY) return the largest `top` buckets, at most this many. */
export const MAX_COUNT_TOP = 100;

/**
 * Which counters a request reads, after checking its arguments. Time buckets (and KIND with
 * a date range) read the DAY cells of each month of the range, so any day range is exact.
 * Per party and per place, cells are kept per month: with a date range, PARTY, LOCATION,
 * COUNTRY, and any `party` filter need whole months. A DAY or WEEK histogram of one party
 * is refused (it would need a cell per party per day).
 */
export interface CountPlan {
  by: CountDimension;
  kind: ClaimKind | null;
  partyId: string | null;
  /** Inclusive day range, for time buckets and day-exact sums. */
  range: { since: string; until: string } | null;
  /** The months whose items are read (DAY items for time scopes, MONTH items for entities). */
  months: string[];
  /** Where the cells come from. */
  source: 'DAY' | 'MONTH' | 'ALL';
}

export function planCounts(by: CountDimension, filter: CountFilter): CountPlan {
  const since = filter.since ?? null;
  const until = filter.until ?? null;
  const partyId = filter.partyId ?? null;
  const kind = filter.kind ?? null;
  if ((since === null) !== (until === null)) {
    throw new ValidationError('give both since and until, or neither', ['filter', since === null ? 'since' : 'until']);
  }
  if (since !== null && until !== null && since > until)
    throw new ValidationError('until is before since', ['filter', 'until']);
  const timeBuckets = by === 'DAY' || by === 'WEEK' || by === 'MONTH';
  if (timeBuckets && since === null) {
    throw new ValidationError(`a ${by} histogram needs since and until`, ['filter', 'since']);
  }
  if (partyId && (by === 'DAY' || by === 'WEEK')) {
    throw new ValidationError(
      `counts per party are kept per month: use by: MONTH for one party's histogram, not ${by}`,
      ['filter', 'party'],
    );
  }
  if (partyId && (by === 'LOCATION' || by === 'COUNTRY')) {
    throw new ValidationError(`${by} counts are not kept per party`, ['filter', 'party']);
  }
  const range = since !== null && until !== null ? { since, until } : null;
  const monthly = range !== null && (partyId !== null || by === 'PARTY' || by === 'LOCATION' || by === 'COUNTRY');
  if (monthly) {
    if (!since!.endsWith('-01'))
      throw new ValidationError(`${describeMonthly(by, partyId)} since must be the first day of a month`, [
        'filter',
        'since',
      ]);
    if (until !== lastDayOf(until!.slice(0, 7)))
      throw new ValidationError(`${describeMonthly(by, partyId)} until must be the last day of a month`, [
        'filter',
        'until',
      ]);
  }
  const months = range ? monthsBetween(range.since, range.until) : [];
  if (months.length > MAX_COUNT_MONTHS) {
    throw new ValidationError(`the range spans ${months.length} months; at most ${MAX_COUNT_MONTHS}`, [
      'filter',
      'until',
    ]);
  }
  if (by === 'DAY' && range && dayNumber(range.until) - dayNumber(range.since) + 1 > MAX_COUNT_DAYS) {
    throw new ValidationError(`a DAY histogram spans at most ${MAX_COUNT_DAYS} days`, ['filter', 'until']);
  }
  return {
    by,
    kind,
    partyId,
    range,
    months,
    source: range === null ? 'ALL' : monthly ? 'MONTH' : 'DAY',
  };
}

const describeMonthly = (by: CountDimension, partyId: string | null) =>
  partyId ? 'counts of one party are kept per month:' : `${by} counts are kept per month:`;

/** Cells as read back: by cell ID, the figures of the cells the plan's items hold. */
export type CellReader = (scope: CellScope, month: string) => Iterable<[Cell, number]>;

/**
 * The buckets of a plan from the cells it read. `countryOf` gives a place's country (as
 * kept beside its counts). Time buckets cover the whole range (empty ones at zero), in
 * order; tallies are the `top` largest, largest first.
 */
export function bucketsOf(
  plan: CountPlan,
  cells: CellReader,
  countryOf: (locationId: string) => string | null,
  top: number,
): { buckets: Bucket[]; total: number } {
  const sums = new Map<string, Bucket>();
  const add = (key: string, cell: Cell, value: number) => {
    if (plan.kind && cell.kind !== plan.kind) return;
    const bucket = sums.get(key) ?? { key, count: 0, killed: 0, wounded: 0 };
    if (cell.metric === 'n') bucket.count += value;
    else bucket[cell.metric] += value;
    sums.set(key, bucket);
  };
  const inRange = (day: string) => !plan.range || (day >= plan.range.since && day <= plan.range.until);
  const party = plan.partyId ? `P.${plan.partyId}` : null;

  if (plan.source === 'DAY') {
    for (const month of plan.months)
      for (const [cell, value] of cells('DAY', month)) {
        const day = `${month}-${cell.dim}`;
        if (inRange(day)) add(plan.by === 'KIND' ? cell.kind : timeKey(plan.by, day), cell, value);
      }
  } else if (plan.source === 'MONTH') {
    for (const month of plan.months)
      for (const [cell, value] of cells('MONTH', month)) {
        if (party ? cell.dim !== party : !cell.dim.startsWith(plan.by === 'PARTY' ? 'P.' : 'L.')) continue;
        const id = cell.dim.slice(2);
        const key = plan.by === 'MONTH' ? month : entityKey(plan.by, id, cell, countryOf);
        if (key !== null) add(key, cell, value);
      }
  } else {
    const scope: CellScope = plan.partyId || plan.by === 'PARTY' ? 'PARTY' : plan.by === 'KIND' ? 'KIND' : 'LOCATION';
    for (const [cell, value] of cells(scope, '')) {
      if (plan.partyId && cell.dim !== plan.partyId) continue;
      const key = entityKey(plan.by, cell.dim, cell, countryOf);
      if (key !== null) add(key, cell, value);
    }
  }

  const found = [...sums.values()].filter((bucket) => bucket.count !== 0);
  const total = found.reduce((sum, bucket) => sum + bucket.count, 0);
  if (plan.by === 'DAY' || plan.by === 'WEEK' || plan.by === 'MONTH') {
    const keys = [...new Set(daysBetween(plan.range!.since, plan.range!.until).map((day) => timeKey(plan.by, day)))];
    return { buckets: keys.map((key) => sums.get(key) ?? { key, count: 0, killed: 0, wounded: 0 }), total };
  }
  found.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  return { buckets: found.slice(0, top), total };
}

function entityKey(
  by: CountDimension,
  id: string,
  cell: Cell,
  countryOf: (locationId: string) => string | null,
): string | null {
  if (by === 'KIND') return cell.kind;
  if (by === 'COUNTRY') return countryOf(id);
  return id;
}

function timeKey(by: CountDimension, day: string): string {
  if (by === 'DAY') return day;
  if (by === 'MONTH') return day.slice(0, 7);
  return isoWeek(day);
}

// ---------------------------------------------------------------------------------------
// Calendar arithmetic on ISO days (UTC, no wall time).

const dayNumber = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const dayOf = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);

export function daysBetween(since: string, until: string): string[] {
  const days: string[] = [];
  for (let n = dayNumber(since); n <= dayNumber(until); n++) days.push(dayOf(n));
  return days;
}

export function monthsBetween(since: string, until: string): string[] {
  const months: string[] = [];
  let [year, month] = since.slice(0, 7).split('-').map(Number) as [number, number];
  const last = until.slice(0, 7);
  for (let guard = 0; guard <= 12 * 500; guard++) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) break;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** The ISO 8601 week of a day, as `2024-W05` (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(day: string): string {
  const n = dayNumber(day);
  const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7; // Monday 0
  const thursday = n - weekday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
