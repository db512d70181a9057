/**
 * Pass: the place a US legislator represents, written after the party's initial as AP style
 * does: "Rep. Charles Rangel, D-N.Y.", "Sen. Rich Olive, D-Story City", "Nick Rahall, D-W. Va.",
 * "Tom Bakk, DFL-Cook". The tokenizer splits "D-N.Y." into "D-N" and ".Y.", and the chunk rules
 * would take "D-N" for an acronym or "D-Story City" for a name: so this runs before them, and
 * the place's span starts after the hyphen. A state's abbreviation names the state.
 */
import { LEGISLATOR_PARTIES, US_STATE_ABBREVIATIONS } from '../lexicon/places.js';
import type { Scan } from './scan.js';

/**
 * After the party's initial and hyphen: a state abbreviation ("N.Y.", "W. Va.", "Pa.") or up to
 * three capitalised words ("Story City", "Elbow Lake"), then what ends the affiliation.
 */
const REPRESENTED =
  /^(?:([A-Z]\.(?: ?[A-Z][a-z]?\.)+|[A-Z][a-z]{1,4}\.)(?!\p{L})|(\p{Lu}[\p{L}'’.]*(?: \p{Lu}[\p{L}'’.]*){0,2})(?=\s*[,;.)"”]|\s*$|\s+(?:and|said|says|who|chairman|chairwoman|the)\b|\s+[-–—(]))/u;

/** What stands before the party's initial: "Charles Rangel, D-N.Y.", "(D-Columbus)". */
const OPENERS = new Set([',', '(']);

export function legislatorPlaces(s: Scan): void {
  const { tokens, used, text } = s;
  s.rule = 'legislator-place';
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (used[k] || t.kind !== 'word' || !OPENERS.has(tokens[k - 1]?.text ?? '')) continue;
    const hyphen = t.text.indexOf('-');
    if (hyphen < 1 || !LEGISLATOR_PARTIES.has(t.text.slice(0, hyphen))) continue;
    const start = t.start + hyphen + 1;
    const m = REPRESENTED.exec(text.slice(start, start + 40));
    if (!m) continue;
    // A postal code ("R-TX") is its state's too.
    const name = m[1]
      ? US_STATE_ABBREVIATIONS[m[1].replace(/\.$/, '').replace(/\. /g, '.')]
      : /^[A-Z]{2}$/.test(m[2]!)
        ? US_STATE_ABBREVIATIONS[m[2]!]
        : m[2]!.replace(/\.$/, '');
    if (!name) continue;
    const end = start + (m[1] ?? m[2]!.replace(/\.$/, '')).length;
    // The tokens the place runs over, from the party's initial on.
    let to = k + 1;
    while (to < tokens.length && tokens[to]!.start < end) to++;
    if ([...Array(to - k).keys()].some((i) => used[k + i])) continue;
    s.out.push({
      type: 'place',
      sentence: s.sentence.index,
      from: k,
      to,
      start,
      end,
      name,
      patternOnly: false,
      use: 'PLACE',
      rule: s.rule,
    });
    s.mark(k, to);
  }
}
