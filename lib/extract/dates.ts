/**
 * Date expressions in a sentence, resolved against the publication date: weekdays ("on
 * Monday" = the last Monday on or before publication), day-month dates with the year inferred,
 * "N days ago", "yesterday", and relative links ("a day after ...") that shift the date of the
 * clause they introduce.
 */
import type { Token } from './tokens.js';

export interface DateExpr {
  start: number;
  end: number;
  /** Token index range. */
  from: number;
  to: number;
  /** YYYY-MM-DD, or null for a relative link. */
  date: string | null;
  /** "since 27 September": the start of a running count, not an event date. */
  since: boolean;
  /** For relative links: days to add to the anchor date for the clause that follows. */
  shiftDays: number | null;
  /** "February 2022": a month, dated to its first day; good for "since", not for an event date. */
  monthOnly?: boolean;
}

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  'jan.': 1,
  february: 2,
  feb: 2,
  'feb.': 2,
  march: 3,
  mar: 3,
  'mar.': 3,
  april: 4,
  apr: 4,
  'apr.': 4,
  may: 5,
  june: 6,
  jun: 6,
  'jun.': 6,
  july: 7,
  jul: 7,
  'jul.': 7,
  august: 8,
  aug: 8,
  'aug.': 8,
  september: 9,
  sep: 9,
  'sep.': 9,
  sept: 9,
  'sept.': 9,
  october: 10,
  oct: 10,
  'oct.': 10,
  november: 11,
  nov: 11,
  'nov.': 11,
  december: 12,
  dec: 12,
  'dec.': 12,
};

/** A month's name or its abbreviation, for regular expressions ("March", "Feb.", "Sept"). */
export const MONTH_PATTERN = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace('.', '\\.'))
  .join('|');
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  several: NaN,
  few: NaN,
};
const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7 };

const DAY_MS = 86_400_000;

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

function ordinalDay(t: Token | undefined): number | null {
  if (!t) return null;
  const m = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(t.lower);
  if (!m) return null;
  const d = Number(m[1]);
  return d >= 1 && d <= 31 ? d : null;
}

function yearOf(t: Token | undefined): number | null {
  return t && /^(1[89]|20)\d\d$/.test(t.text) ? Number(t.text) : null;
}

/** The year that puts month/day closest before (or just after) publication. */
function inferYear(month: number, day: number, pub: Date): string {
  const y = pub.getUTCFullYear();
  const candidate = Date.UTC(y, month - 1, day);
  const year = candidate > pub.getTime() + 2 * DAY_MS ? y - 1 : y;
  return iso(new Date(Date.UTC(year, month - 1, day)));
}

export function findDates(tokens: Token[], publishedAt: Date | null): DateExpr[] {
  const out: DateExpr[] = [];
  const pubDay = publishedAt ? iso(publishedAt) : null;
  const push = (from: number, to: number, date: string | null, shiftDays: number | null = null) => {
    out.push({
      from,
      to,
      start: tokens[from]!.start,
      end: tokens[to - 1]!.end,
      date,
      since: isSince(tokens, from),
      shiftDays,
    });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const lower = t.lower;

    // Relative links: "a day after", "two days before", "the day after".
    const n = NUMBER_WORDS[lower] ?? (/^\d+$/.test(lower) ? Number(lower) : undefined);
    const unit = tokens[i + 1]?.lower;
    if (
      (n !== undefined || lower === 'the') &&
      unit &&
      UNIT_DAYS[unit] &&
      ['after', 'before'].includes(tokens[i + 2]?.lower ?? '')
    ) {
      const days = (lower === 'the' ? 1 : n!) * UNIT_DAYS[unit]!;
      if (Number.isFinite(days)) push(i, i + 3, null, tokens[i + 2]!.lower === 'after' ? -days : days);
      i += 2;
      continue;
    }

    // With no publication date, a relative date is still a date ("said on Sunday it had ..."),
    // one that says no day: the span is found, its `date` is null.
    // "N days/weeks/months/years ago"
    if (
      n !== undefined &&
      Number.isFinite(n) &&
      /^(?:days?|weeks?|months?|years?)$/.test(unit ?? '') &&
      tokens[i + 2]?.lower === 'ago'
    ) {
      if (!pubDay) {
        push(i, i + 3, null);
        i += 2;
        continue;
      }
      const d = new Date(Date.parse(`${pubDay}T00:00:00Z`));
      if (unit!.startsWith('day')) d.setUTCDate(d.getUTCDate() - n);
      else if (unit!.startsWith('week')) d.setUTCDate(d.getUTCDate() - 7 * n);
      else if (unit!.startsWith('month')) d.setUTCMonth(d.getUTCMonth() - n);
      else d.setUTCFullYear(d.getUTCFullYear() - n);
      push(i, i + 3, iso(d));
      i += 2;
      continue;
    }

    if (
      lower === 'today' ||
      lower === 'tonight' ||
      (lower === 'this' && /^(?:morning|afternoon|evening)$/.test(unit ?? ''))
    ) {
      push(i, lower === 'this' ? i + 2 : i + 1, pubDay);
      continue;
    }
    if (lower === 'yesterday' || (lower === 'last' && unit === 'night')) {
      push(i, lower === 'last' ? i + 2 : i + 1, pubDay && addDays(pubDay, -1));
      continue;
    }

    const wd = WEEKDAYS.indexOf(lower);
    if (wd >= 0 && t.cap) {
      const last = tokens[i - 1]?.lower === 'last';
      let back = publishedAt ? (publishedAt.getUTCDay() - wd + 7) % 7 : 0;
      if (last && back === 0) back = 7;
      let to = i + 1;
      if (/^(?:morning|afternoon|evening|night)$/.test(tokens[to]?.lower ?? '')) to++;
      const from = tokens[i - 1]?.lower === 'on' || last ? i - 1 : i;
      push(from, to, pubDay && addDays(pubDay, -back));
      i = to - 1;
      continue;
    }

    // "27 September [2020]", "27th of September", "September 27[, 2020]"
    const month = MONTHS[lower];
    if (month && t.cap) {
      const dayBefore = ordinalDay(tokens[i - 1]) ?? (tokens[i - 1]?.lower === 'of' ? ordinalDay(tokens[i - 2]) : null);
      const dayAfter = ordinalDay(tokens[i + 1]);
      if (dayBefore !== null) {
        const from = tokens[i - 1]?.lower === 'of' ? i - 2 : i - 1;
        const year = yearOf(tokens[i + 1]);
        const date = year
          ? iso(new Date(Date.UTC(year, month - 1, dayBefore)))
          : publishedAt && inferYear(month, dayBefore, publishedAt);
        push(from, year ? i + 2 : i + 1, date);
        if (year) i++;
        continue;
      }
      if (dayAfter !== null) {
        const hasComma = tokens[i + 2]?.text === ',';
        const year = yearOf(tokens[hasComma ? i + 3 : i + 2]);
        const date = year
          ? iso(new Date(Date.UTC(year, month - 1, dayAfter)))
          : publishedAt && inferYear(month, dayAfter, publishedAt);
        const to = year ? (hasComma ? i + 4 : i + 3) : i + 2;
        push(i, to, date);
        i = to - 1;
        continue;
      }
      // "in February 2022", "since March 2014": month precision, the first of the month.
      const monthYear = yearOf(tokens[i + 1]);
      if (monthYear) {
        push(i, i + 2, iso(new Date(Date.UTC(monthYear, month - 1, 1))));
        out[out.length - 1]!.monthOnly = true;
        i++;
      }
    }
  }
  return out;
}

/** A "since" earlier in the same clause makes the date the start of a count. */
function isSince(tokens: Token[], from: number): boolean {
  for (let j = from - 1; j >= Math.max(0, from - 12); j--) {
    const t = tokens[j]!;
    if (t.text === ',' || t.text === ';') return false;
    if (t.lower === 'since') return true;
  }
  return false;
}

/** Resolves relative links: each takes the nearest resolved date before it (or publication day). */
export function resolveRelative(dates: DateExpr[], publishedAt: Date | null): void {
  let anchor: string | null = publishedAt ? iso(publishedAt) : null;
  for (const d of dates) {
    if (d.shiftDays !== null) {
      d.date = anchor ? addDays(anchor, d.shiftDays) : null;
    } else if (d.date && !d.since && !d.monthOnly) anchor = d.date;
  }
}
