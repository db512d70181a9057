/**
 * Sentence boundaries. A line break always ends a sentence: scraped articles put headings and
 * paragraphs on their own lines, and a heading ("A strategic city") has no full stop to split on.
 */
import { tokenize, type Token } from './tokens.js';

export interface Sentence {
  index: number;
  start: number;
  end: number;
  tokens: Token[];
  /** A heading or headline: a short line without final punctuation. */
  heading: boolean;
  /** First sentence of its paragraph (line). */
  paragraphStart: boolean;
  /** A dateline ("KYIV, March 3 (Reuters) -"): where and by whom, never part of a claim. */
  dateline: boolean;
}

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const PLACE_WORD = String.raw`\p{Lu}[\p{L}'’.-]*`;
const PLACE = String.raw`${PLACE_WORD}(?:[ \t]+(?:(?:of|the|and|de|del|da|al|el|du|la|le)[ \t]+)?${PLACE_WORD}){0,4}`;
/**
 * A dateline at the start of a paragraph: "KYIV, March 3 (Reuters) - ", "GAZA CITY (AP) — ",
 * "Kharkiv, Ukraine — ", "BEIRUT, Lebanon, Oct. 5 — ".
 */
const DATELINE = new RegExp(
  String.raw`^(${PLACE})(?:,[ \t]+(${PLACE}))?(?:,[ \t]+(${MONTH}[ \t]+\d{1,2}(?:,[ \t]+\d{4})?))?[ \t]*(?:\(([^()\n]{2,40})\)[ \t]*)?(?:--?|–|—)[ \t]+(?=\S)`,
  'u',
);

/** Character length of a dateline at the start of `line`, or 0. */
export function datelineLength(line: string): number {
  const m = DATELINE.exec(line);
  if (!m) return 0;
  const [, place, qualifier, date, agency] = m;
  const shouting = /^[\p{Lu}\s.'’-]{3,}$/u.test(place!) && /\p{Lu}{3}/u.test(place!);
  return agency || date || qualifier || shouting ? m[0].length : 0;
}

const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»']);
const TERMINAL = new Set(['.', '!', '?', '…']);
const HEADING_MAX_WORDS = 14;
const SENTENCE_STARTERS = new Set([
  'the',
  'he',
  'she',
  'it',
  'they',
  'we',
  'in',
  'on',
  'a',
  'an',
  'but',
  'this',
  'that',
  'his',
  'her',
  'its',
  'their',
  'i',
  'there',
  'meanwhile',
  'however',
]);

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lineRe = /[^\r\n]+/g;
  for (let m = lineRe.exec(text); m; m = lineRe.exec(text)) {
    const tokens = tokenize(text, m.index, m.index + m[0].length);
    if (tokens.length === 0) continue;
    const lead = m[0].length - m[0].trimStart().length;
    const datelineEnd = m.index + lead + datelineLength(m[0].slice(lead));
    const dateline = datelineEnd > m.index + lead ? tokens.filter((t) => t.end <= datelineEnd) : [];
    const body = dateline.length ? tokens.slice(dateline.length) : tokens;
    const parts = body.length ? splitLine(body) : [];
    const isHeading = !dateline.length && parts.length === 1 && looksLikeHeading(tokens);
    if (dateline.length) parts.unshift(dateline);
    parts.forEach((part, i) => {
      const first = part[0];
      const last = part[part.length - 1];
      if (!first || !last) return;
      sentences.push({
        index: sentences.length,
        start: first.start,
        end: last.end,
        tokens: part,
        heading: isHeading,
        paragraphStart: i === 0 || (i === 1 && dateline.length > 0),
        dateline: i === 0 && dateline.length > 0,
      });
    });
  }
  return sentences;
}

function splitLine(tokens: Token[]): Token[][] {
  const parts: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    current.push(t);
    if (!endsSentence(tokens, i)) continue;
    // Closing quotes and brackets belong to the sentence they close.
    while (i + 1 < tokens.length && CLOSERS.has(tokens[i + 1]!.text) && closesHere(tokens, i + 1)) {
      current.push(tokens[++i]!);
    }
    const next = tokens[i + 1];
    // An opening '' (two apostrophes) looks past its second half.
    const doubled =
      next && /^['’]$/.test(next.text) && tokens[i + 2]?.text === next.text && tokens[i + 2]!.start === next.end;
    if (next && startsSentence(next, tokens[doubled ? i + 3 : i + 2])) {
      parts.push(current);
      current = [];
    }
  }
  if (current.length) parts.push(current);
  return parts;
}

function endsSentence(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.kind === 'punct') return TERMINAL.has(t.text);
  // "... supported by the U.S. The ministry said": a dotted acronym can end a sentence.
  if (/^(?:[A-Za-z]\.){2,}$/.test(t.text)) {
    const next = tokens[i + 1];
    return !!next && next.cap && SENTENCE_STARTERS.has(next.lower);
  }
  return false;
}

/** A quote mark right after a full stop closes the quote unless a word follows it directly. */
function closesHere(tokens: Token[], i: number): boolean {
  const q = tokens[i]!;
  const prev = tokens[i - 1]!;
  const next = tokens[i + 1];
  if (q.text === '“' || q.text === '‘') return false;
  if (q.start !== prev.end) return false;
  // '' (a double quote printed as two apostrophes) closes as one mark.
  if (next && /^['’]$/.test(q.text) && next.text === q.text && next.start === q.end) {
    const after = tokens[i + 2];
    return !after || after.start > next.end;
  }
  if (/^['’]$/.test(q.text) && prev.text === q.text && i >= 2 && TERMINAL.has(tokens[i - 2]!.text)) return true;
  return !next || next.start > q.end;
}

function startsSentence(next: Token, after: Token | undefined): boolean {
  if (next.cap || next.kind === 'number') return true;
  if (/^["“‘'([«]$/.test(next.text)) return !after || after.cap || after.kind === 'number';
  return false;
}

function looksLikeHeading(tokens: Token[]): boolean {
  const last = tokens[tokens.length - 1]!;
  if (TERMINAL.has(last.text) || CLOSERS.has(last.text) || last.text === ':' || last.text === ';' || last.text === ',')
    return false;
  const words = tokens.filter((t) => t.kind !== 'punct').length;
  return words > 0 && words <= HEADING_MAX_WORDS;
}
