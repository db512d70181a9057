/**
 * What a claim is about: its kind (from the cue and the content's words), its places (the
 * most specific ones mentioned in the content) and whether it restates an earlier claim.
 */
import type { ClaimKind, ExtractedClaim, LocationPrecision, Quantity } from './types.js';
import { DENIAL_LEMMAS } from './lexicon/cues.js';
import { CLAIM_KIND_PATTERNS, EVENT_REFERENCE, WIDER_SCOPE } from './lexicon/kinds.js';

export function claimKind(lemma: string, content: string, quantities: Quantity[]): ClaimKind {
  if (DENIAL_LEMMAS.has(lemma)) return 'DENIAL';
  if (quantities.some((q) => q.kind === 'KILLED' || q.kind === 'WOUNDED')) return 'CASUALTIES';
  for (const [kind, re] of CLAIM_KIND_PATTERNS) if (re.test(content)) return kind;
  return 'STATEMENT';
}

/** Kinds of event the outlet's own narration is kept for; anything else is background. */
const NARRATED_KINDS: ReadonlySet<ClaimKind> = new Set(['ATTACK', 'TERRITORIAL_CONTROL', 'CASUALTIES', 'MOVEMENT']);

/** The kind of a narrated sentence, or null when it reports no event or figure worth keeping. */
/** "Casualties unknown.", "No casualties were reported.": a report's note that it has no figure, not an event. */
const NO_FIGURE =
  /^\W*(?:(?:casualties|fatalities|deaths|injuries)\s+(?:(?:are|were|remain|is)\s+)?(?:unknown|not\s+known|unclear|unconfirmed|not\s+reported)|(?:there\s+were\s+)?no\s+(?:casualties|fatalities|deaths|injuries)(?:\s+(?:were|have\s+been)\s+(?:reported|recorded|confirmed))?|no\s+one\s+was\s+(?:killed|hurt|injured|wounded))\W*$/i;

export function narratedKind(content: string, quantities: Quantity[]): ClaimKind | null {
  if (NO_FIGURE.test(content)) return null;
  if (quantities.length)
    return quantities.some((q) => q.kind === 'KILLED' || q.kind === 'WOUNDED')
      ? 'CASUALTIES'
      : claimKind('', content, quantities);
  for (const [kind, re] of CLAIM_KIND_PATTERNS) if (re.test(content)) return NARRATED_KINDS.has(kind) ? kind : null;
  return null;
}

const SPECIFIC: LocationPrecision[] = ['POINT', 'CITY', 'UNRESOLVED'];

/**
 * The places a claim is about: a city named in it beats the region or country that contains it
 * ("Shushi in the Nagorno Karabakh region" is about Shushi). A place the gazetteer cannot place
 * keeps the region beside it ("Dinguila, in Bankass cercle"), so the claim still has a point.
 */
export function mostSpecific(places: { key: string; precision: LocationPrecision }[]): string[] {
  const unique = [...new Map(places.map((p) => [p.key, p])).values()];
  const kept: string[] = [];
  for (const tier of [SPECIFIC, ['REGION'], ['COUNTRY']] as LocationPrecision[][]) {
    const hits = unique.filter((p) => tier.includes(p.precision));
    kept.push(...hits.map((p) => p.key));
    if (hits.some((p) => p.precision !== 'UNRESOLVED')) return kept;
  }
  return kept;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'to',
  'and',
  'that',
  'his',
  'her',
  'its',
  'their',
  'had',
  'has',
  'have',
  'with',
  'for',
  'by',
  'at',
  'it',
  'was',
  'were',
  'is',
  'be',
  'from',
  'over',
  's',
]);

function contentWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );
}

/**
 * Links a claim to the earlier claim it repeats: same claimant and kind, and the same places
 * (or, for claims with no place, mostly the same words).
 */
export function linkRestatements(claims: ExtractedClaim[]): void {
  const words = claims.map((c) => contentWords(c.content.text));
  for (let j = 0; j < claims.length; j++) {
    const b = claims[j]!;
    if (b.mode === 'NARRATED') {
      linkNarratedRestatement(claims, j);
      continue;
    }
    if (!b.claimantKey) continue;
    for (let i = 0; i < j; i++) {
      const a = claims[i]!;
      if (a.claimantKey !== b.claimantKey || a.kind !== b.kind) continue;
      const samePlaces =
        a.locationKeys.length > 0 &&
        a.locationKeys.length === b.locationKeys.length &&
        a.locationKeys.every((k) => b.locationKeys.includes(k));
      const wa = words[i]!;
      const wb = words[j]!;
      const shared = [...wa].filter((w) => wb.has(w)).length;
      const overlap = shared / Math.max(1, Math.min(wa.size, wb.size));
      if ((samePlaces && (b.kind !== 'STATEMENT' || overlap >= 0.3)) || overlap >= 0.6) {
        b.restates = a.restates ?? i;
        if (!b.eventDate && a.eventDate) b.eventDate = a.eventDate;
        break;
      }
    }
  }
}

/** Kinds of claim that report an event at a place: what a figure in the next sentence is about. */
export const EVENT_KINDS: ReadonlySet<ClaimKind> = new Set(['ATTACK', 'CASUALTIES', 'TERRITORIAL_CONTROL']);

/**
 * A figure that names no place takes the place and date of the event reported in the sentence
 * just before: "JNIM attacked a post in Boni. 12 soldiers were killed." or "... ambushed a convoy
 * near Afgooye. The attack killed 10 soldiers, the army said." The outlet's own figure follows its
 * event report; a party's figure only when it names the event back ("the attack"), since a
 * party's toll is often its own, wider count. A figure over a wider span ("since the war began",
 * "this year") keeps no place.
 */
export function inheritEventPlaces(claims: ExtractedClaim[], sentenceOf: number[]): void {
  for (let i = 1; i < claims.length; i++) {
    const c = claims[i]!;
    const before = claims[i - 1]!;
    // The next sentence, or the clause after the outlet's own in one ("… in Djibo; the army said 20 were killed").
    const gap = sentenceOf[i]! - sentenceOf[i - 1]!;
    const sameSentence = gap === 0 && before.mode === 'NARRATED';
    if (c.kind !== 'CASUALTIES' || c.locationKeys.length || !(gap === 1 || sameSentence)) continue;
    if (!EVENT_KINDS.has(before.kind) || !before.locationKeys.length) continue;
    if (WIDER_SCOPE.test(c.content.text) || c.quantities.some((q) => q.since)) continue;
    if (c.mode !== 'NARRATED' && !sameSentence && !EVENT_REFERENCE.test(c.content.text)) continue;
    c.locationKeys = before.locationKeys;
    c.eventDate = c.eventDate ?? before.eventDate;
  }
}

const sameCounts = (a: Quantity[], b: Quantity[]): boolean =>
  a.length > 0 &&
  a.length === b.length &&
  a.every(
    (q, i) => q.kind === b[i]!.kind && q.value === b[i]!.value && (q.maxValue ?? null) === (b[i]!.maxValue ?? null),
  );

/**
 * The outlet's own figure given twice ("... killed 7 civilians in Kagara. Fatalities: 7."): the
 * later one restates the earlier narrated claim of the same kind, counts and places.
 */
function linkNarratedRestatement(claims: ExtractedClaim[], j: number): void {
  const b = claims[j]!;
  for (let i = j - 1; i >= 0; i--) {
    const a = claims[i]!;
    if (a.mode !== 'NARRATED' || a.kind !== b.kind || !sameCounts(a.quantities, b.quantities)) continue;
    if (b.locationKeys.some((k) => !a.locationKeys.includes(k))) continue;
    b.restates = a.restates ?? i;
    if (!b.eventDate && a.eventDate) b.eventDate = a.eventDate;
    return;
  }
}
