/**
 * Tokens with offsets into the clean text. One pass of a regular expression; abbreviation
 * periods stay on their word ("Gen.", "U.S.") so sentence splitting and name chunking can
 * tell them from full stops.
 */
import { isAbbreviation } from './wordclass.js';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Lower case, typographic apostrophes and dashes made plain. */
  lower: string;
  kind: 'word' | 'number' | 'punct';
  /** Starts with an upper-case letter. */
  cap: boolean;
}

// "D-N.Y.", "R-S.C.": a legislator's party and state is one token, or the state's periods would end a sentence.
const TOKEN =
  /[A-Za-z]+[-‑](?:[A-Za-z]\.){2,}|(?:[A-Za-z]\.){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?(?:st|nd|rd|th|s)?|[\p{L}\p{N}]+(?:['’‘`ʼ\-‑][\p{L}\p{N}]+)*|[^\s\p{Cf}]/gu;
const POSSESSIVE = /^(.+?)(['’]s?)$/u;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = from;
  const slice = text.slice(0, to);
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    let word = m[0];
    let start = m.index;
    if (/^[\p{L}\p{N}]/u.test(word) && !/^\d/.test(word) && word.length > 2) {
      // "Turkey’s" → "Turkey" + "’s": names end before the possessive.
      const pos = /['’]s$/u.test(word) ? POSSESSIVE.exec(word) : null;
      if (pos?.[1] && pos[2]) {
        tokens.push(makeToken(pos[1], start));
        tokens.push(makeToken(pos[2], start + pos[1].length, 'punct'));
        continue;
      }
    }
    if (/^[\p{L}]/u.test(word) && slice[start + word.length] === '.' && !word.includes('.')) {
      if (isAbbreviation(word) || /^\p{Lu}$/u.test(word)) word += '.';
    }
    tokens.push(makeToken(word, start));
    start += word.length;
    TOKEN.lastIndex = start;
  }
  return tokens;
}

function makeToken(text: string, start: number, forced?: Token['kind']): Token {
  const kind: Token['kind'] = forced ?? (/^\d/.test(text) ? 'number' : /^[\p{L}\p{N}]/u.test(text) ? 'word' : 'punct');
  return {
    text,
    start,
    end: start + text.length,
    lower: text
      .toLowerCase()
      .replace(/[’‘`ʼ]/g, "'")
      .replace(/‑/g, '-'),
    kind,
    cap: /^\p{Lu}/u.test(text),
  };
}

export function isOpeningQuote(t: Token | undefined): boolean {
  return !!t && (t.text === '“' || t.text === '"' || t.text === '‘' || t.text === "'" || t.text === '«');
}

export function isQuote(t: Token | undefined): boolean {
  return !!t && /^["“”«»‘’']$/.test(t.text);
}
