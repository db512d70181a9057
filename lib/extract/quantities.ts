/**
 * Casualty and displacement counts in a claim's content ("44 people have died" → KILLED 44;
 * "raising the death toll ... to 1,221 since 27 September" → KILLED 1221 since 2020-09-27).
 */
import { MAX_QUANTITY, type Quantity, type QuantityKind } from './types.js';
import { type DateExpr, MONTH_PATTERN } from './dates.js';
import { SINGLE_VICTIM_NOUNS } from './lexicon/victims.js';

const WORD_NUMBERS: Record<string, number> = {
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
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  'a hundred': 100,
  dozen: 12,
  'a dozen': 12,
  // Only read before a noun of one person (SINGLE_VICTIM_NOUNS).
  a: 1,
  an: 1,
  // Vague plurals count their least reading, as event datasets code them ("dozens" → 12).
  dozens: 12,
  scores: 20,
  hundreds: 100,
  thousands: 1000,
};

const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
// "twenty-two", "two dozen", "three hundred", "a dozen", "dozens".
const WORD = String.raw`(?:(?:a\s+)?(?:(?:${TENS})(?:[-\s](?:${UNITS}))?|${UNITS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|dozen)(?:\s+(?:dozen|hundred|thousand))?|dozens|scores|hundreds|thousands)`;
// Digit runs are bounded so a 20,000-digit "number" is read as no number at all, not as Infinity.
// A number word is read whole: "three hundred" is never "three".
const ONE = String.raw`(?:\d{1,3}(?:,\d{3})+|\d{1,15}(?:\.\d+)?(?:\s+(?:million|thousand|billion))?|${WORD}(?![-\s]+(?:dozen|hundred|thousand|million|billion)\b))(?![\d,]*\d)`;
/** A number or a range ("1-2", "10 to 15", "between 3 and 5"): group 1 the low, group 2 the high bound. */
const NUM = String.raw`(?:between\s+)?(${ONE})(?:\s*(?:-|–|to|or|and)\s*(\d{1,15}(?![\d,]*\d)|${WORD}))?`;
const APPROX = String.raw`(?:at\s+least\s+|more\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+|some\s+|up\s+to\s+|roughly\s+|an\s+estimated\s+|as\s+many\s+as\s+|no\s+fewer\s+than\s+|a\s+further\s+|another\s+|all\s+)?`;
// The words between a count and its verb: never another count or a finite verb ("Route 5 was
// closed after 3 people were killed" counts 3).
const NOUNS = String.raw`(?:(?!and\b|or\b|was\b|were\b|is\b|are\b|had\b|after\b|when\b|as\b|\d)[\w-]+\s+){0,6}?`;
/** An aside between a count and its verb: ", including four children,", ", among them two soldiers,". */
const INCLUDING = String.raw`(?:[\w-]+,\s+(?:including|among\s+them|most\s+of\s+them|all\s+of\s+them)\b[^,.;]{1,60},\s+)?`;
const BE = String.raw`(?:(?:were|was|have\s+been|had\s+been|has\s+been|are|being|been|reportedly|also|later|were\s+reportedly|allegedly)\s+){0,2}`;

interface Pattern {
  kind: QuantityKind;
  re: RegExp;
}

function verbs(kind: QuantityKind): string {
  switch (kind) {
    case 'KILLED':
      return String.raw`(?:killed|dead|died|have\s+died|had\s+died|slain|deaths|fatalities|lost\s+(?:their|his|her)\s+lives|perished|martyred|beheaded|executed|massacred|shot\s+dead|gunned\s+down|slaughtered|murdered|assassinated|lynched|neutrali[sz]ed|(?:burned|burnt|stabbed|beaten)\s+to\s+death)`;
    case 'WOUNDED':
      // Taken to hospital from an attack: counted with the injured, as casualty reports do.
      return String.raw`(?:wounded|injured|hurt|injuries|hospitali[sz]ed|taken\s+to\s+(?:a\s+)?hospital)`;
    case 'CAPTURED':
      return String.raw`(?:captured|taken\s+prisoner|detained|arrested|abducted|kidnapped|taken\s+hostage|held\s+hostage|taken\s+captive)`;
    case 'DISPLACED':
      return String.raw`(?:displaced|fled|forced\s+to\s+flee|made\s+homeless|evacuated|uprooted)`;
    default:
      return '(?!)';
  }
}

const ACTIVE: Record<string, string> = {
  KILLED: String.raw`(?:killing|killed|kill|claimed\s+the\s+lives\s+of|left|beheaded|beheading|massacred|massacring|shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down|slaughtered|murdered|murdering|assassinated|lynched|neutrali[sz]ed|neutrali[sz]ing)`,
  WOUNDED: String.raw`(?:wounding|wounded|injuring|injured)`,
  CAPTURED: String.raw`(?:captured|capturing|detained|detaining|arrested|arresting|took|taking|abducted|abducting|kidnapped|kidnapping|seized|seizing)`,
  DISPLACED: String.raw`(?:displacing|displaced|forcing)`,
};

/** A word that ends a count's nouns: a verb of any kind of count, or a form of "be". */
const LIST_BREAK = String.raw`(?:${(['KILLED', 'WOUNDED', 'CAPTURED', 'DISPLACED'] as const).map(verbs).join('|')}|were|was|are|is|have|has|had|been)\b`;

// A day of a date is no count: "the strike on 2 February killed 4", "on February 2 killed 4".
// ("May" is a month unless a verb follows: "10 may have been killed" is a count.)
const MONTHS_NOT_MAY = MONTH_PATTERN.split('|')
  .filter((m) => m !== 'may')
  .join('|');
const NOT_DATE_AFTER = String.raw`(?!\s+(?:(?:${MONTHS_NOT_MAY})(?![\w-])|may\b(?!\s+(?:have|be|not|also|still|well)\b)))`;
const NOT_DATE_BEFORE = String.raw`(?<!\b(?:${MONTH_PATTERN})\s+)`;

// A verb with a count after it is active, and the count before it is of who acted ("the blast at
// checkpoint 12 wounded 4 soldiers", "12 soldiers killed 4 militants").
const NOT_ACTIVE = String.raw`(?!\s+${APPROX}(?:\d|${WORD}\b))`;

const NOT_COUNT = String.raw`(?!\s*(?:km|kilomet|miles|metres|meters|%|percent|per\s+cent|years?|months?|days?|hours?|minutes?|am|pm|a\.m|p\.m)\b)`;

const PATTERNS: Pattern[] = (['KILLED', 'WOUNDED', 'CAPTURED', 'DISPLACED'] as const).flatMap((kind) => [
  // "44 people have died", "12 soldiers were killed", "30 dead", "resulting in 9 rebels killed",
  // "twelve people, including four children, were killed"
  {
    kind,
    re: new RegExp(
      String.raw`\b${APPROX}${NOT_DATE_BEFORE}${NUM}${NOT_DATE_AFTER}\s+${NOUNS}${INCLUDING}${BE}${verbs(kind)}\b${NOT_ACTIVE}`,
      'gi',
    ),
  },
  // "killing 12 people", "wounding at least 30"; "killing himself and two police officers" (the
  // bomber is not among the count written).
  {
    kind,
    re: new RegExp(
      String.raw`\b${ACTIVE[kind]}\s+(?:(?:himself|herself|themselves)\s+and\s+)?${APPROX}${NUM}\b${NOT_COUNT}`,
      'gi',
    ),
  },
  // "... killed 3 militants and 1-2 policemen", "left 5 dead and 7 injured": a count joined to one just matched.
  {
    kind,
    re: new RegExp(
      String.raw`\b${ACTIVE[kind]}\s+${APPROX}${ONE}(?:\s+[\w-]+){1,3}?,?\s+(?:and|as\s+well\s+as|plus)\s+${APPROX}${NUM}\s+(?!${verbs('WOUNDED')}|${verbs('CAPTURED')}|${verbs('DISPLACED')})(?=[\w-]+)`,
      'gi',
    ),
  },
  // "3 soldiers and 2 civilians were killed": the first count of a list the verb ends (its nouns
  // hold no verb: in "12 were abducted and 5 injured" the first count is of another kind).
  {
    kind,
    re: new RegExp(
      String.raw`\b${APPROX}${NOT_DATE_BEFORE}(${ONE})${NOT_DATE_AFTER}\s+(?:(?!${LIST_BREAK})[\w-]+\s+){1,3}?(?:and|as\s+well\s+as|plus)\s+${APPROX}${ONE}\s+${NOUNS}${BE}${verbs(kind)}\b`,
      'gi',
    ),
  },
]);
// One victim named by a noun: "killed a gendarme", "injuring an elderly woman", "a soldier was wounded".
const SINGLE = String.raw`(?:${SINGLE_VICTIM_NOUNS.join('|')})`;
// Words between "a" and the noun, but not a count's ("a dozen civilian protesters" is 12).
const SINGLE_ADJECTIVES = String.raw`(?:(?!(?:dozen|hundred|thousand|score|number|total|couple|few|handful)\b)[\w-]+\s+){0,2}?`;
for (const kind of ['KILLED', 'WOUNDED', 'CAPTURED'] as const) {
  PATTERNS.push(
    { kind, re: new RegExp(String.raw`\b${ACTIVE[kind]}\s+(an?)\s+${SINGLE_ADJECTIVES}${SINGLE}\b`, 'gi') },
    {
      kind,
      re: new RegExp(String.raw`(?:^|[^\w-])(an?)\s+${SINGLE_ADJECTIVES}${SINGLE}\s+${BE}${verbs(kind)}\b`, 'gi'),
    },
    // "killed a senior commander and two other members": the count joined to the one victim.
    {
      kind,
      re: new RegExp(
        String.raw`\b${ACTIVE[kind]}\s+an?\s+${SINGLE_ADJECTIVES}${SINGLE},?\s+(?:and|as\s+well\s+as|plus)\s+${APPROX}${NUM}\s+(?!${LIST_BREAK})(?=[\w-]+)`,
        'gi',
      ),
    },
    // "A soldier and two civilians were killed".
    {
      kind,
      re: new RegExp(
        String.raw`(?:^|[^\w-])(an?)\s+${SINGLE_ADJECTIVES}${SINGLE}\s+(?:and|as\s+well\s+as|plus)\s+${APPROX}${ONE}\s+${NOUNS}${BE}${verbs(kind)}\b`,
        'gi',
      ),
    },
  );
}
// "the death toll ... to 1,221", "a toll of 50"
PATTERNS.push({
  kind: 'KILLED',
  re: new RegExp(
    String.raw`\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|those\s+killed))\s+(?:[\w'’-]+\s+){0,14}?(?:to|at|of|reached|hit|rose\s+to|stands\s+at|stood\s+at|is|was)\s+${APPROX}${NUM}\b`,
    'gi',
  ),
});
// Bodies found are deaths: "nine bodies were recovered", "the bodies of 12 people".
PATTERNS.push(
  { kind: 'KILLED', re: new RegExp(String.raw`\b${APPROX}${NUM}\s+(?:[\w-]+\s+)?bodies\b`, 'gi') },
  { kind: 'KILLED', re: new RegExp(String.raw`\bbodies\s+of\s+${APPROX}${NUM}\b${NOT_COUNT}`, 'gi') },
);
// A report's own label: "Fatalities: 7", "Injured: 12".
PATTERNS.push(
  {
    kind: 'KILLED',
    re: new RegExp(String.raw`\b(?:fatalities|deaths|dead|killed)\s*:\s*${APPROX}${NUM}\b${NOT_COUNT}`, 'gi'),
  },
  {
    kind: 'WOUNDED',
    re: new RegExp(String.raw`\b(?:injured|wounded|injuries)\s*:\s*${APPROX}${NUM}\b${NOT_COUNT}`, 'gi'),
  },
);
PATTERNS.push({
  kind: 'WOUNDED',
  re: new RegExp(
    String.raw`\bnumber\s+of\s+(?:wounded|injured)\s+(?:[\w-]+\s+){0,6}?(?:to|at|of|reached)\s+${APPROX}${NUM}\b`,
    'gi',
  ),
});

/** What every count starts with: a digit, a number word, or "a"/"an" before a noun of one person. */
const MAY_COUNT = new RegExp(String.raw`\d|\b${WORD}\b|\b${SINGLE}\b`, 'i');

const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };

/** A count, or null when it is no count a report could mean (not finite, not whole, above 2^31-1). */
function parseNumber(s: string): number | null {
  const t = s.toLowerCase().trim().replace(/^a\s+/, '').replace(/\s+/g, ' ');
  let n: number | null;
  const scaled = /^([\d.,]+) (million|thousand|billion)$/.exec(t);
  if (scaled) n = Math.round(Number(scaled[1]!.replace(/,/g, '')) * SCALES[scaled[2]!]!);
  else if (/^[\d,]+$/.test(t)) n = Number(t.replace(/,/g, ''));
  else if (/^\d+\.\d+$/.test(t)) n = null;
  else n = WORD_NUMBERS[t] ?? wordCompound(t);
  return n !== null && Number.isSafeInteger(n) && n > 0 && n <= MAX_QUANTITY ? n : null;
}

/** "twenty-two" → 22, "two dozen" → 24, "three hundred" → 300, "five thousand" → 5000; null for anything else. */
function wordCompound(t: string): number | null {
  const words = t.split(/[-\s]/);
  const scale = words.length > 1 ? { dozen: 12, hundred: 100, thousand: 1000 }[words[words.length - 1]!] : undefined;
  if (scale) words.pop();
  let n = 0;
  for (const w of words) {
    const v = WORD_NUMBERS[w];
    if (v === undefined || v > 90 || w === 'a' || w === 'an') return null;
    n += v;
  }
  return n > 0 ? n * (scale ?? 1) : null;
}

/**
 * Quantities in `text` (a claim's content), whose absolute offset is `offset`. `dates` are the
 * sentence's date expressions, to attach "since" dates that follow a count.
 */
export function findQuantities(text: string, offset: number, dates: DateExpr[]): Quantity[] {
  // Most sentences hold no count at all: one cheap test spares them every pattern.
  if (!MAY_COUNT.test(text)) return [];
  const found: { q: Quantity; at: number; end: number }[] = [];
  for (const { kind, re } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const value = parseNumber(m[1]!);
      if (value === null) continue;
      // "no one was hurt", "not one soldier was killed": no count at all.
      const numberAt = m.index + m[0].toLowerCase().indexOf(m[1]!.toLowerCase());
      if (/\b(?:no|not)\s+$/i.test(text.slice(Math.max(0, numberAt - 5), numberAt))) continue;
      // Years are not counts ("in 1991 ... killed").
      if (/^(?:1[89]|20)\d\d$/.test(m[1]!)) continue;
      const high = m[2] === undefined ? null : parseNumber(m[2]);
      // "1-2 policemen" is a range; "3 and 4" between two nouns is not read as one.
      const maxValue = high !== null && high > value ? high : null;
      if (m[2] !== undefined && maxValue === null && !/^\d/.test(m[2])) continue;
      const at = offset + m.index;
      const end = offset + m.index + m[0].length;
      if (found.some((f) => f.q.kind === kind && f.q.value === value && (f.q.maxValue ?? null) === maxValue)) continue;
      if (found.some((f) => at < f.end && end > f.at && f.q.kind !== kind)) continue;
      found.push({
        q: maxValue === null ? { kind, value, since: null } : { kind, value, maxValue, since: null },
        at,
        end,
      });
    }
  }
  found.sort((a, b) => a.at - b.at);
  for (const f of found) {
    const since = dates.find(
      (d) =>
        d.since &&
        d.date &&
        d.start >= f.end &&
        d.start - f.end < 120 &&
        !found.some((g) => g !== f && g.at > f.end && g.at < d.start),
    );
    if (since) f.q.since = since.date;
  }
  return found.map((f) => f.q);
}
