/**
 * Pass: the names of a list that ends in a plural division word are divisions of that type:
 * "Barrow, Jackson and Madison counties" names Madison County, "Idlib and Hama provinces" Hama
 * Province, "Borno, Yobe and Adamawa states" Adamawa State, "from Ellsworth to Riley counties"
 * Riley County. Looked up bare, each would be a town of the name (Jackson, Mississippi) or
 * nothing; so each item is a place mention under its typed name, which the geocoder looks up as
 * a division. It runs before the chunk rules, which would take "Clay Counties" for a person.
 *
 * Only an item whose typed name the gazetteer knows is taken; the others are left to the chunk
 * rules (an unknown name before a plural division word is still a place, placeByPattern).
 */
import { foldName } from '../../names.js';
import { lookupPlaceMatches } from '../gazetteer.js';
import { countryOfName, isKnownPlace } from '../geo.js';
import { BELOW_FIRST_LEVEL_TYPES, DIVISION_PLURALS, SETTLEMENT_PLURALS } from '../lexicon/places.js';
import { DIRECTIONS } from '../lexicon/roles.js';
import { isCommonWord } from '../wordclass.js';
import type { Scan } from './scan.js';
import { isNameToken } from './shared.js';

/** Longest item, in tokens ("Otter Tail", "St. Clair", "Deir ez-Zor" are two or three). */
const MAX_ITEM_TOKENS = 3;
/** Longest plural division word, in tokens ("local government areas"). */
const MAX_HEAD_TOKENS = 3;
const RANGE_WORDS = new Set(['to', 'through']);
/** GeoNames division codes a typed name may resolve to once its type word is dropped ("Hama Province" → Hama). */
export const DIVISION_CODES = new Set(['ADM1', 'ADM2', 'ADM2P']);

type Item = [from: number, to: number];

export function divisionLists(s: Scan): void {
  const { tokens, used } = s;
  s.rule = 'division-list';
  for (let k = 1; k < tokens.length; k++) {
    if (used[k] || tokens[k]!.kind !== 'word') continue;
    const head = headAt(s, k);
    if (!head) continue;
    const items = listBefore(s, k);
    if (items.length < 2) continue;
    // "Texas and Oklahoma counties", "Iraq and Syria districts": counties of those states, the
    // list says where the divisions lie, not which.
    if (BELOW_FIRST_LEVEL_TYPES.has(head.type) && items.every((item) => isStateOrCountry(s.slice(...item)))) continue;
    // "Red and Blue states": a list of English words is no list of places.
    if (items.every(([from, to]) => tokens.slice(from, to).every((t) => isCommonWord(t.text)))) continue;
    let added = false;
    for (const item of items) {
      const t = typedItem(s, item, head.type, items[0]);
      if (!t) continue;
      s.addPlace(t.from, t.to, t.name, false);
      added = true;
    }
    // "Becker and Clay Counties": a capitalised plural is no name of its own.
    if (added && tokens[k]!.cap) s.mark(k, k + head.length);
  }
  s.rule = 'list-after-type';
  for (let k = 0; k + 2 < tokens.length; k++) listAfterType(s, k);
}

/**
 * "the villages of Foua and Kfraya", "the provinces of Idlib and Hama", "the towns of Haris and
 * Varzaqan": a plural type word and "of" before a list make each name a place of that type. A
 * division typed as the lists before a plural word are; a settlement by its own name, known to
 * the gazetteer or not. Not a country ("the cities of Iraq and Syria" lie in them).
 */
function listAfterType(s: Scan, k: number): void {
  const { tokens, used } = s;
  const t = tokens[k]!;
  if (used[k] || t.cap || tokens[k + 1]!.lower !== 'of') return;
  const type = DIVISION_PLURALS[t.lower];
  if (!type && !SETTLEMENT_PLURALS.has(t.lower)) return;
  const items = listAfter(s, k + 2);
  if (items.length < 2) return;
  for (const [from, to] of items) {
    const name = s.slice(from, to);
    if (countryOfName(name) || s.resolveDemonymToken(from, to)) continue;
    if (type) {
      const typed = typedItem(s, [from, to], type, items[items.length - 1]);
      if (typed) s.addPlace(typed.from, typed.to, typed.name, false);
    } else if (!tokens.slice(from, to).every((w) => isCommonWord(w.text))) {
      s.addPlace(from, to, name, !isKnownPlace(name));
    }
  }
}

/** The items of a list starting at token `at`: "A, B and C", "A, B, and C", "A or B". */
function listAfter(s: Scan, at: number): Item[] {
  const { tokens } = s;
  const items: Item[] = [];
  let from = at;
  for (;;) {
    const to = nameRunFrom(s, from);
    if (to === from) break;
    items.push([from, to]);
    // "A and B", "A, and B": the last item follows.
    const joined = JOINERS.has(tokens[to]?.lower ?? '')
      ? to + 1
      : tokens[to]?.text === ',' && JOINERS.has(tokens[to + 1]?.lower ?? '')
        ? to + 2
        : null;
    if (joined !== null) {
      const end = nameRunFrom(s, joined);
      if (end > joined) items.push([joined, end]);
      return items;
    }
    if (tokens[to]?.text !== ',') break;
    from = to + 1;
  }
  return items.length >= 2 ? items : [];
}

const JOINERS = new Set(['and', 'or']);

/** The end of the run of free name tokens starting at `from`, at most MAX_ITEM_TOKENS long. */
function nameRunFrom(s: Scan, from: number): number {
  let to = from;
  while (to < s.tokens.length && to - from < MAX_ITEM_TOKENS && !s.used[to] && isNameToken(s.tokens[to]!)) to++;
  return to;
}

/** First words of the plural division words, to pass over all other tokens at once. */
const HEAD_FIRST_WORDS = new Set(Object.keys(DIVISION_PLURALS).map((w) => w.split(' ')[0]!));

/** The plural division word starting at token k, with its singular type word and length in tokens. */
function headAt(s: Scan, k: number): { type: string; length: number } | null {
  if (!HEAD_FIRST_WORDS.has(s.tokens[k]!.lower)) return null;
  for (let n = 1; n <= MAX_HEAD_TOKENS && k + n <= s.tokens.length; n++) {
    const key = s.tokens
      .slice(k, k + n)
      .map((t) => t.lower)
      .join(' ');
    const type = DIVISION_PLURALS[key];
    if (type) return { type, length: n };
  }
  return null;
}

/**
 * The items of the list that ends right before token `head`, last first: "A, B, C and D", "A,
 * B, and D", "A or B", "from A to B". Only the last pair may be joined by "and" or "or": in "A
 * counties in Georgia and B and C counties", Georgia is not of the second list.
 */
function listBefore(s: Scan, head: number): Item[] {
  const { tokens } = s;
  const items: Item[] = [];
  let end = head;
  for (;;) {
    const item = itemEndingAt(s, end);
    if (!item) break;
    items.push(item);
    const from = item[0];
    const sep = tokens[from - 1];
    if (!sep) break;
    if (items.length === 1 && RANGE_WORDS.has(sep.lower)) {
      // "from Ellsworth to Riley counties": two items, the first after "from".
      const first = itemEndingAt(s, from - 1);
      if (first && tokens[first[0] - 1]?.lower === 'from') items.push(first);
      break;
    }
    if (items.length === 1 && JOINERS.has(sep.lower)) {
      end = tokens[from - 2]?.text === ',' ? from - 2 : from - 1;
    } else if (sep.text === ',') {
      end = from - 1;
    } else break;
  }
  // The first item's run may take a capitalised word before its name ("Small Hitchcock"):
  // typedItem trims it.
  return items;
}

/** The run of free name tokens ending right before `end`, at most MAX_ITEM_TOKENS long. */
function itemEndingAt(s: Scan, end: number): Item | null {
  let from = end;
  while (from > 0 && end - from < MAX_ITEM_TOKENS && !s.used[from - 1] && isNameToken(s.tokens[from - 1]!)) from--;
  return from === end ? null : [from, end];
}

/**
 * The item as a division of the type: the longest run of its last words whose typed name the
 * gazetteer knows, as a whole ("Becker County", "Adamawa State") or as a division of the bare
 * name ("Hama Province" → Hama, a province). Not a country or a people ("Arab and Kurdish
 * regions").
 */
function typedItem(
  s: Scan,
  [from, to]: Item,
  type: string,
  last?: Item,
): { from: number; to: number; name: string } | null {
  for (let f = from; f < to; f++) {
    const bare = elided(s, [f, to], last) ?? s.slice(f, to);
    // "North and South Kivu": a compass word alone shares the last item's name, or is none.
    if (to - f === 1 && DIRECTIONS.has(s.tokens[f]!.lower) && bare === s.slice(f, to)) continue;
    if (!s.tokens[f]!.cap || countryOfName(bare) || s.resolveDemonymToken(f, to)) continue;
    const name = `${bare} ${type}`;
    const key = foldName(name);
    const matches = lookupPlaceMatches(name);
    if (matches.some((m) => m.matchedKey === key || DIVISION_CODES.has(m.place.featureCode)))
      return { from: f, to, name };
  }
  return null;
}

/**
 * "North" in "North and South Kivu provinces": a lone compass word before an item made of a
 * compass word and a name is that name's other part ("North Kivu").
 */
function elided(s: Scan, [from, to]: Item, last?: Item): string | null {
  if (!last || to - from !== 1 || last[1] - last[0] < 2) return null;
  const { tokens } = s;
  if (!DIRECTIONS.has(tokens[from]!.lower) || !DIRECTIONS.has(tokens[last[0]]!.lower) || last[0] === from) return null;
  return `${tokens[from]!.text} ${s.slice(last[0] + 1, last[1])}`;
}

/** A country or a first-level division by its own name ("Texas", "Kenya"). */
function isStateOrCountry(name: string): boolean {
  return (
    countryOfName(name) !== null ||
    lookupPlaceMatches(name, false).some((m) => m.via === 'name' && m.place.featureCode === 'ADM1')
  );
}
