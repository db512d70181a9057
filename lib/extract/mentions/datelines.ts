/**
 * Pass: a dateline in capitals where the headline runs on in the same paragraph ("Madison will
 * dump assessors. DANIELSVILLE - Madison County commissioners ...", "WINONA -- The body ...",
 * "MOUNT GILEAD (AP) -- ..."): the sentence splitter reads datelines only at a paragraph's
 * start, and a small town in capitals is no name the gazetteer or the chunk rules know.
 */
import { foldName } from '../../names.js';
import { isKnownPlace } from '../geo.js';
import { isCommonWord } from '../wordclass.js';
import { addPlaceSpan } from './places.js';
import type { Scan } from './scan.js';
import { KNOWN_BY_NAME } from './shared.js';

/** Most words in a dateline's place ("ISLE OF PALMS"). */
const MAX_WORDS = 4;
const DASHES = new Set(['-', '--', '—', '–']);
const SHOUTED = /^\p{Lu}[\p{Lu}'’.]*$/u;

export function shoutedDateline(s: Scan): void {
  const { tokens, used } = s;
  s.rule = 'shouted-dateline';
  let k = 0;
  while (
    k < MAX_WORDS + 1 &&
    tokens[k] &&
    !used[k] &&
    tokens[k]!.kind === 'word' &&
    (SHOUTED.test(tokens[k]!.text) || (k > 0 && tokens[k]!.lower === 'of'))
  )
    k++;
  if (k === 0 || k > MAX_WORDS || tokens[k - 1]!.lower === 'of') return;
  const name = s.slice(0, k);
  if (name.replace(/[^\p{L}]/gu, '').length < 4) return;
  const known = isKnownPlace(name);
  // "WASHINGTON Barack Obama pardoned ...": a known place in capitals may stand with no dash
  // before the story's first word.
  const next = tokens[k];
  const bare = known && !!next && next.kind === 'word' && next.cap && /\p{Ll}/u.test(next.text);
  if (!bare && !datelineEnds(s, k)) return;
  // "UPDATE -", "BREAKING --": a tag; "NATO --", "AP -": a body or an agency.
  const words = tokens.slice(0, k).filter((t) => t.lower !== 'of');
  if (!known && (words.every((t) => isCommonWord(t.lower)) || (k === 1 && shortAcronym(tokens[0]!.text)))) return;
  if (KNOWN_BY_NAME.has(foldName(name))) return;
  addPlaceSpan(s, 0, k, name, !known);
}

/**
 * An acronym short enough to be a body's or an agency's ("NATO --", "AP -"); a longer word in
 * capitals is a town's name ("BANTAM —"), unless a known party has it (KNOWN_BY_NAME).
 */
function shortAcronym(word: string): boolean {
  return /^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&-]{1,3}$/.test(word);
}

/** News agencies whose bracketed name may end a dateline with no dash ("MAINEVILLE, Ohio (AP) Some ..."). */
const AGENCIES = new Set(['AP', 'Reuters', 'AFP', 'UPI', 'CP', 'PA']);

/** A dash follows, maybe after an agency in brackets or a state or country after a comma. */
function datelineEnds(s: Scan, k: number): boolean {
  const { tokens } = s;
  let j = k;
  for (; j < k + 8 && tokens[j]; j++) {
    const t = tokens[j]!;
    if (DASHES.has(t.text)) return j === k || tokens[k]!.text === ',' || tokens[k]!.text === '(';
    // "(AP)" then the story's first word, capitalised.
    if (t.text === ')' && AGENCIES.has(tokens[j - 1]?.text ?? '') && tokens[j - 2]?.text === '(')
      return !!tokens[j + 1]?.cap && (tokens[k]!.text === ',' || tokens[k]!.text === '(');
    if (t.kind === 'word' && !t.cap) return false;
  }
  // "RIDGE FARM, Ill." alone: the splitter ended the sentence at the state's period.
  return j === tokens.length && tokens[k]?.text === ',';
}
