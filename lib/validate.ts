/**
 * Input checks shared by every mutation. Each failure names the input field at fault.
 */
import { ValidationError } from './errors.js';
import { EXTRACTION_LIMITS } from './extract/types.js';

export const LIMITS = {
  /** An article's raw text. */
  textBytes: 200 * 1024,
  shortString: 500,
  url: 2048,
  aliases: 100,
  locationsPerClaim: 50,
  quantitiesPerClaim: 20,
  /** What one article may hold: its lists live on its item (DynamoDB caps an item at 400 KB). */
  claimsPerArticle: EXTRACTION_LIMITS.claims,
  partiesPerArticle: EXTRACTION_LIMITS.parties,
  locationsPerArticle: EXTRACTION_LIMITS.locations,
} as const;

/** At most this many articles per `enqueueArticles` call: the size of a scraper's page, and one BatchGetItem of URLs. */
export const MAX_ARTICLES_PER_CALL = 100;

/** The largest count a quantity may state: GraphQL's Int is 32-bit. */
export const MAX_QUANTITY = 2_147_483_647;

/** Publication dates outside these years are typing errors, not news. */
export const EARLIEST_YEAR = 1800;
export const LATEST_YEAR = 2200;

export function checkString(
  value: string,
  field: string[],
  options: { max?: number; required?: boolean } = {},
): string {
  const max = options.max ?? LIMITS.shortString;
  if (options.required && value.trim() === '') throw new ValidationError(`${field.at(-1)} must not be empty`, field);
  if (value.length > max) throw new ValidationError(`${field.at(-1)} must be at most ${max} characters`, field);
  return value;
}

export function checkOptionalString(
  value: string | null | undefined,
  field: string[],
  max: number = LIMITS.shortString,
): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return checkString(trimmed, field, { max });
}

export function checkUrl(value: string | null | undefined, field: string[]): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  checkString(value, field, { max: LIMITS.url });
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw new ValidationError(`${field.at(-1)} must be an absolute http(s) URL`, field);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ValidationError(`${field.at(-1)} must be an absolute http(s) URL`, field);
  }
  return parsed.toString();
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time, normalised to UTC with milliseconds. */
export function checkDateTime(value: string | Date | null | undefined, field: string[]): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : ISO_DATE_TIME.test(value) ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw new ValidationError(`${field.at(-1)} must be an ISO 8601 date-time such as 2020-11-09T12:00:00Z`, field);
  }
  checkYear(date, field);
  return date.toISOString();
}

/** A calendar date, YYYY-MM-DD. */
export function checkDate(value: string | Date | null | undefined, field: string[]): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  const date = new Date(`${text}T00:00:00Z`);
  if (!ISO_DATE.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) {
    throw new ValidationError(`${field.at(-1)} must be a date such as 2020-11-09`, field);
  }
  checkYear(date, field);
  return text;
}

function checkYear(date: Date, field: string[]): void {
  const year = date.getUTCFullYear();
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
    throw new ValidationError(
      `${field.at(-1)} must be in the years ${EARLIEST_YEAR} to ${LATEST_YEAR}, got ${year}`,
      field,
    );
  }
}

/** 7 decimals are about 1 cm; DynamoDB cannot store numbers as small as 1e-200. */
const roundCoordinate = (value: number): number => Math.round(value * 1e7) / 1e7 + 0;

export function checkLatitude(value: number | null | undefined, field: string[]): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < -90 || value > 90)
    throw new ValidationError(`${field.at(-1)} must be between -90 and 90`, field);
  return roundCoordinate(value);
}

export function checkLongitude(value: number | null | undefined, field: string[]): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < -180 || value > 180)
    throw new ValidationError(`${field.at(-1)} must be between -180 and 180`, field);
  return roundCoordinate(value);
}

export function checkTextSize(text: string, field: string[]): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.textBytes) {
    throw new ValidationError(
      `${field.at(-1)} is ${bytes} bytes; the limit is ${LIMITS.textBytes} bytes (200 KB)`,
      field,
    );
  }
  if (text.trim() === '') throw new ValidationError(`${field.at(-1)} must not be empty`, field);
  return text;
}

export function checkList<T>(values: readonly T[], field: string[], max: number): readonly T[] {
  if (values.length > max) throw new ValidationError(`${field.at(-1)} takes at most ${max} entries`, field);
  return values;
}

/** A list of aliases: trimmed, non-empty, bounded in number and length. */
export function checkAliases(aliases: readonly string[], field: string[]): string[] {
  checkList(aliases, field, LIMITS.aliases);
  return aliases
    .map((alias, i) => checkOptionalString(alias, [...field, String(i)]))
    .filter((alias): alias is string => alias !== null);
}
