/**
 * Scoring extraction against gold data. Pure functions: the CLI (scripts/eval.ts) reads the
 * files and runs extraction; everything here takes data and returns figures.
 *
 * Sources: the project's gold files (data/gold/*.json format, rules in shared/data/README.md),
 * re3d (Dstl; entity spans) and PLOVER (openeventdata, CC BY-SA 4.0; actors, event places and
 * "said"-type attributions).
 */
import { foldName } from './names.js';
import type { ExtractedLocation, ExtractedParty, Extraction, PlaceUse, Span } from './extract/types.js';

// ---------------------------------------------------------------------------------------------
// Shared figures

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export function prf({ tp, fp, fn }: Counts): PRF {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

const EMPTY: Counts = { tp: 0, fp: 0, fn: 0 };

function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

function names(x: { name: string; aliases: readonly string[] }): string[] {
  return [x.name, ...x.aliases];
}

function contains(haystack: string, needle: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[’‘`ʼ]/g, "'")
      .replace(/\s+/g, ' ');
  return norm(haystack).includes(norm(needle));
}

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------------------------------------------------------------------------------------------
// Gold files

export interface GoldQuantity {
  kind: string;
  value: number;
  since?: string;
}

export interface GoldClaim {
  claimant?: string;
  cue?: string;
  contentIncludes: string;
  locations?: string[];
  kind?: string;
  eventDate?: string;
  quantities?: GoldQuantity[];
  sameAsClaim?: number;
}

export interface GoldLocation {
  name: string;
  aliases?: string[];
  lat?: number;
  lon?: number;
  countryCode?: string;
  precision?: string;
  toleranceKm?: number;
}

export interface GoldAmbiguous {
  name: string;
  acceptIfWithinKmOf?: { lat: number; lon: number; km: number };
  acceptUnresolved?: boolean;
  wrongIfCountryCode?: string[];
}

export interface GoldFile {
  article: string;
  input: { title?: string; publishedAt?: string; url?: string };
  cleanText?: { mustNotContain?: string[]; mustStartWith?: string; mustEndWith?: string };
  parties: {
    required: { name: string; aliases?: string[]; kind?: string; affiliation?: string }[];
    allowed?: string[];
  };
  locations: { required: GoldLocation[]; ambiguous?: GoldAmbiguous[]; allowed?: string[]; defaultToleranceKm?: number };
  claims: { required: GoldClaim[]; optional?: GoldClaim[]; notClaims?: { contentIncludes: string }[] };
}

export interface Share {
  ok: number;
  of: number;
}

export interface GoldScore {
  cleanText: Share;
  claims: {
    found: Share;
    /** Extracted claims that match a required or optional gold claim. */
    precision: Share;
    cue: Share;
    kind: Share;
    locations: Share;
    eventDate: Share;
    quantities: Share;
    restates: Share;
    notClaimErrors: number;
    missing: string[];
  };
  parties: { found: Share; kind: Share; affiliation: Share; claimantPrecision: Share; missing: string[] };
  locations: { found: Share; distanceKm: number[]; missing: string[] };
}

function share(ok: number, of: number): Share {
  return { ok, of };
}

function partyHasName(p: ExtractedParty | undefined, name: string): boolean {
  return !!p && names(p).some((n) => sameName(n, name));
}

/** A location the article names as a place at least once: where an event can be (PLOVER's eventLoc). */
function namedAsPlace(l: ExtractedLocation): boolean {
  return l.mentions.some((m) => (m.use ?? 'PLACE') === 'PLACE');
}

function findLocation(x: Extraction, gold: { name: string; aliases?: string[] }): ExtractedLocation | undefined {
  const wanted = [gold.name, ...(gold.aliases ?? [])];
  // Every location the article names counts, however it names it ("the Baku government" names Baku).
  return x.locations.find((l) => names(l).some((n) => wanted.some((w) => sameName(n, w))));
}

export function scoreGold(gold: GoldFile, x: Extraction): GoldScore {
  const partyByKey = new Map(x.parties.map((p) => [p.key, p]));

  // Clean text
  const ct = gold.cleanText ?? {};
  const checks = [
    ...(ct.mustNotContain ?? []).map((s) => !x.cleanText.includes(s)),
    ...(ct.mustStartWith !== undefined ? [x.cleanText.startsWith(ct.mustStartWith)] : []),
    ...(ct.mustEndWith !== undefined ? [x.cleanText.endsWith(ct.mustEndWith)] : []),
  ];

  // Claims
  const matches = (g: GoldClaim) => (i: number) => {
    const c = x.claims[i]!;
    if (!contains(c.content.text, g.contentIncludes)) return false;
    return (
      g.claimant === undefined || partyHasName(c.claimantKey ? partyByKey.get(c.claimantKey) : undefined, g.claimant)
    );
  };
  const indices = x.claims.map((_, i) => i);
  const goldLocationsByName = new Map<string, GoldLocation>();
  for (const l of gold.locations.required) goldLocationsByName.set(foldName(l.name), l);
  const matchedIndex: (number | undefined)[] = gold.claims.required.map((g) => indices.find(matches(g)));
  const found = matchedIndex.filter((i) => i !== undefined).length;
  const tally = {
    cue: [0, 0],
    kind: [0, 0],
    locations: [0, 0],
    eventDate: [0, 0],
    quantities: [0, 0],
    restates: [0, 0],
  };
  const missing: string[] = [];
  gold.claims.required.forEach((g, gi) => {
    const i = matchedIndex[gi];
    if (i === undefined) {
      missing.push(`${g.claimant}: ${g.contentIncludes}`);
      return;
    }
    const c = x.claims[i]!;
    if (g.cue !== undefined) {
      tally.cue[1]!++;
      if (c.cue && (sameName(c.cue.text, g.cue) || contains(c.cue.text, g.cue))) tally.cue[0]!++;
    }
    if (g.kind !== undefined) {
      tally.kind[1]!++;
      if (c.kind === g.kind) tally.kind[0]!++;
    }
    if (g.locations !== undefined) {
      tally.locations[1]!++;
      const wantedKeys = g.locations.map(
        (n) => findLocation(x, goldLocationsByName.get(foldName(n)) ?? { name: n })?.key ?? `missing:${n}`,
      );
      const got = new Set(c.locationKeys);
      if (wantedKeys.length === got.size && wantedKeys.every((k) => got.has(k))) tally.locations[0]!++;
    }
    if (g.eventDate !== undefined) {
      tally.eventDate[1]!++;
      if (c.eventDate === g.eventDate) tally.eventDate[0]!++;
    }
    if (g.quantities !== undefined) {
      tally.quantities[1]!++;
      const ok = g.quantities.every((q) =>
        c.quantities.some(
          (e) => e.kind === q.kind && e.value === q.value && (q.since === undefined || e.since === q.since),
        ),
      );
      if (ok) tally.quantities[0]!++;
    }
    if (g.sameAsClaim !== undefined) {
      tally.restates[1]!++;
      const earlier = matchedIndex[g.sameAsClaim];
      if (earlier !== undefined && c.restates === earlier) tally.restates[0]!++;
    }
  });
  const allGold = [...gold.claims.required, ...(gold.claims.optional ?? [])];
  // The outlet's own narration is no party's claim: precision is over attributed claims only.
  const attributed = indices.filter((i) => x.claims[i]!.mode !== 'NARRATED');
  const precise = attributed.filter((i) => allGold.some((g) => matches(g)(i))).length;
  const notClaimErrors = x.claims.filter(
    (c) => c.claimantKey && (gold.claims.notClaims ?? []).some((n) => contains(c.content.text, n.contentIncludes)),
  ).length;

  // Parties
  const partyMissing: string[] = [];
  let pFound = 0;
  let pKind = 0;
  let pAff = 0;
  let pKindOf = 0;
  let pAffOf = 0;
  for (const g of gold.parties.required) {
    const p = x.parties.find((q) => names(q).some((n) => [g.name, ...(g.aliases ?? [])].some((w) => sameName(n, w))));
    if (!p) {
      partyMissing.push(g.name);
      continue;
    }
    pFound++;
    if (g.kind) {
      pKindOf++;
      if (p.kind === g.kind) pKind++;
    }
    if (g.affiliation) {
      pAffOf++;
      if (p.affiliation && sameName(p.affiliation, g.affiliation)) pAff++;
    }
  }
  const goldPartyNames = [
    ...gold.parties.required.flatMap((g) => [g.name, ...(g.aliases ?? [])]),
    ...(gold.parties.allowed ?? []),
  ];
  const claimantKeys = [...new Set(x.claims.map((c) => c.claimantKey).filter((k): k is string => !!k))];
  const goodClaimants = claimantKeys.filter((k) =>
    goldPartyNames.some((n) => partyHasName(partyByKey.get(k), n)),
  ).length;

  // Locations
  const locMissing: string[] = [];
  const distances: number[] = [];
  let lFound = 0;
  const defaultTol = gold.locations.defaultToleranceKm ?? 25;
  for (const g of gold.locations.required) {
    const l = findLocation(x, g);
    let ok = !!l;
    if (l && g.lat !== undefined && g.lon !== undefined) {
      if (l.latitude === null || l.longitude === null) ok = false;
      else {
        const d = distanceKm({ lat: g.lat, lon: g.lon }, { lat: l.latitude, lon: l.longitude });
        distances.push(d);
        ok = d <= (g.toleranceKm ?? defaultTol);
      }
    } else if (l && g.countryCode) ok = l.countryCode === g.countryCode;
    if (ok) lFound++;
    else locMissing.push(g.name);
  }
  for (const a of gold.locations.ambiguous ?? []) {
    const l = findLocation(x, a);
    let ok = false;
    if (l) {
      if (l.latitude === null || l.longitude === null) ok = a.acceptUnresolved ?? false;
      else if (a.wrongIfCountryCode?.includes(l.countryCode ?? '')) ok = false;
      else if (a.acceptIfWithinKmOf)
        ok = distanceKm(a.acceptIfWithinKmOf, { lat: l.latitude, lon: l.longitude }) <= a.acceptIfWithinKmOf.km;
    }
    if (ok) lFound++;
    else locMissing.push(`${a.name} (ambiguous)`);
  }

  return {
    cleanText: share(checks.filter(Boolean).length, checks.length),
    claims: {
      found: share(found, gold.claims.required.length),
      precision: share(precise, attributed.length),
      cue: share(tally.cue[0]!, tally.cue[1]!),
      kind: share(tally.kind[0]!, tally.kind[1]!),
      locations: share(tally.locations[0]!, tally.locations[1]!),
      eventDate: share(tally.eventDate[0]!, tally.eventDate[1]!),
      quantities: share(tally.quantities[0]!, tally.quantities[1]!),
      restates: share(tally.restates[0]!, tally.restates[1]!),
      notClaimErrors,
      missing,
    },
    parties: {
      found: share(pFound, gold.parties.required.length),
      kind: share(pKind, pKindOf),
      affiliation: share(pAff, pAffOf),
      claimantPrecision: share(goodClaimants, claimantKeys.length),
      missing: partyMissing,
    },
    locations: {
      found: share(lFound, gold.locations.required.length + (gold.locations.ambiguous?.length ?? 0)),
      distanceKm: distances,
      missing: locMissing,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Span scoring (re3d)

export interface GoldSpan {
  start: number;
  end: number;
}

export interface SpanScore {
  exact: Counts;
  overlap: Counts;
}

function overlaps(a: GoldSpan, b: GoldSpan): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Exact and overlapping span matches; duplicate predicted spans count once. */
export function scoreSpans(gold: GoldSpan[], predicted: GoldSpan[]): SpanScore {
  const uniq = (xs: GoldSpan[]) => [...new Map(xs.map((s) => [`${s.start}:${s.end}`, s])).values()];
  const g = uniq(gold);
  const p = uniq(predicted);
  const exactHits = p.filter((s) => g.some((t) => t.start === s.start && t.end === s.end)).length;
  const overlapP = p.filter((s) => g.some((t) => overlaps(s, t))).length;
  const overlapG = g.filter((t) => p.some((s) => overlaps(s, t))).length;
  return {
    exact: { tp: exactHits, fp: p.length - exactHits, fn: g.length - exactHits },
    // Precision over predicted spans, recall over gold spans.
    overlap: { tp: overlapG, fp: p.length - overlapP, fn: g.length - overlapG },
  };
}

export function addSpanScores(a: SpanScore, b: SpanScore): SpanScore {
  return { exact: addCounts(a.exact, b.exact), overlap: addCounts(a.overlap, b.overlap) };
}

export const EMPTY_SPAN_SCORE: SpanScore = { exact: EMPTY, overlap: EMPTY };

export interface Re3dEntity {
  documentId: string;
  begin: number;
  end: number;
  type: string;
  confidence: number;
}

/**
 * Gold spans of one re3d document: entities of confidence >= 0.5; where one span has several
 * types the most confident wins. Person and Organisation are parties, Location is locations.
 */
export function re3dGold(entities: Re3dEntity[]): { parties: GoldSpan[]; locations: GoldSpan[] } {
  const best = new Map<string, Re3dEntity>();
  for (const e of entities) {
    if (e.confidence < 0.5) continue;
    const key = `${e.begin}:${e.end}`;
    const had = best.get(key);
    if (!had || e.confidence > had.confidence) best.set(key, e);
  }
  const parties: GoldSpan[] = [];
  const locations: GoldSpan[] = [];
  for (const e of best.values()) {
    if (e.type === 'Person' || e.type === 'Organisation') parties.push({ start: e.begin, end: e.end });
    else if (e.type === 'Location') locations.push({ start: e.begin, end: e.end });
  }
  return { parties, locations };
}

/**
 * The place uses each corpus counts as a toponym or Location. The geoparsing literature (Gritta
 * et al., "A Pragmatic Guide to Geoparsing Evaluation") counts every use: a place, a state
 * acting ("Iran said") and a demonym ("Iraqi"). re3d marks a state acting as an Organisation and
 * a demonym as a Nationality, so only a place is its Location.
 */
export const COUNTED_USES = {
  geoparsing: ['PLACE', 'ACTOR', 'DEMONYM'],
  re3d: ['PLACE'],
} as const satisfies Record<string, readonly PlaceUse[]>;

/** The location mentions a scheme counts (a mention with no use is a place). */
export function locationMentions(x: Extraction, uses: readonly PlaceUse[]): Span[] {
  return x.locations.flatMap((l) => l.mentions.filter((m) => uses.includes(m.use ?? 'PLACE')));
}

/** re3d's Location covers sites ("two bridges") as well as named places: both are scored. */
export function predictedSpans(x: Extraction): { parties: Span[]; locations: Span[] } {
  return {
    parties: x.parties.flatMap((p) => p.mentions),
    locations: [...locationMentions(x, COUNTED_USES.re3d), ...x.sites],
  };
}

// ---------------------------------------------------------------------------------------------
// PLOVER

export interface PloverActor {
  actorText?: string;
}

export interface PloverRecord {
  id: string;
  date?: string;
  text: string;
  event: string;
  source?: PloverActor[] | string;
  target?: PloverActor[] | string;
  eventLoc?: { name: string };
}

export interface PloverScore {
  actors: Share;
  eventLocations: Share;
  /** "said"-type sentences with a claim whose cue is the attribution. */
  attributions: Share;
  /** Of those found, with a resolved claimant party. */
  attributionsWithClaimant: Share;
}

/** The cue words that make a PLOVER sentence an attribution to be found. */
export const SAID_CUES =
  /\b(?:said|says|say|told|tells|announced|announces|stated|reported|according to|quoted|added|claimed|denied|denies|declared|confirmed)\b/gi;

function locate(text: string, phrase: string): GoldSpan | null {
  const cleaned = phrase
    .split('...')[0]!
    .replace(/[({]+$/, '')
    .trim();
  if (!cleaned) return null;
  const i = text.toLowerCase().indexOf(cleaned.toLowerCase());
  return i < 0 ? null : { start: i, end: i + cleaned.length };
}

export function ploverActors(r: PloverRecord): string[] {
  const list = (v: PloverActor[] | string | undefined) =>
    Array.isArray(v) ? v.map((a) => a.actorText).filter((t): t is string => !!t) : [];
  return [...list(r.source), ...list(r.target)];
}

export function scorePloverRecord(r: PloverRecord, x: Extraction): PloverScore {
  const spans = predictedSpans(x);
  let actorsOk = 0;
  let actorsOf = 0;
  for (const actor of ploverActors(r)) {
    const at = locate(x.cleanText, actor);
    if (!at) continue;
    actorsOf++;
    if (spans.parties.some((s) => overlaps(s, at))) actorsOk++;
  }
  let locOk = 0;
  let locOf = 0;
  if (r.eventLoc?.name) {
    locOf = 1;
    const at = locate(x.cleanText, r.eventLoc.name);
    const byName = x.locations.some((l) => namedAsPlace(l) && names(l).some((n) => sameName(n, r.eventLoc!.name)));
    if (byName || (at && spans.locations.some((s) => overlaps(s, at)))) locOk = 1;
  }
  const cues = [...x.cleanText.matchAll(SAID_CUES)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  let attrOk = 0;
  let withClaimant = 0;
  if (cues.length) {
    const hit = x.claims.find((c) => c.cue && cues.some((q) => overlaps(q, c.cue!)));
    if (hit) {
      attrOk = 1;
      if (hit.claimantKey) withClaimant = 1;
    }
  }
  return {
    actors: share(actorsOk, actorsOf),
    eventLocations: share(locOk, locOf),
    attributions: share(attrOk, cues.length ? 1 : 0),
    attributionsWithClaimant: share(withClaimant, attrOk),
  };
}

export function addShares(a: Share, b: Share): Share {
  return { ok: a.ok + b.ok, of: a.of + b.of };
}

export function ratio(s: Share): number {
  return s.of === 0 ? 1 : s.ok / s.of;
}

// ---------------------------------------------------------------------------------------------
// PolNeAR (attribution in real news; brat standoff)

/** One piece or several (a discontinuous span). */
export type Pieces = GoldSpan[];

export interface BratAttribution {
  source: Pieces | null;
  cue: Pieces;
  content: Pieces;
}

function codePointToUtf16(text: string): (i: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (i) => map[Math.min(i, map.length - 1)]!;
}

/**
 * Attributions of a brat `.ann` file: `T` lines are spans (`type start end[;start end]`, in
 * code points, converted to UTF-16 offsets of `text`), `E` lines tie them together.
 */
export function parseBrat(ann: string, text: string): BratAttribution[] {
  const at = codePointToUtf16(text);
  const spans = new Map<string, { type: string; pieces: Pieces }>();
  const events: Map<string, string>[] = [];
  for (const line of ann.split('\n')) {
    const [id, body] = line.split('\t');
    if (!id || !body) continue;
    if (id.startsWith('T')) {
      const m = /^(\S+) ([\d ;]+)$/.exec(body.trim());
      if (!m) continue;
      const pieces = m[2]!
        .split(';')
        .map((p) => p.trim().split(' ').map(Number))
        .filter((p) => p.length === 2 && p.every(Number.isFinite))
        .map(([s, e]) => ({ start: at(s!), end: at(e!) }));
      spans.set(id, { type: m[1]!, pieces });
    } else if (id.startsWith('E')) {
      events.push(
        new Map(
          body
            .trim()
            .split(/\s+/)
            .map((part) => part.split(':') as [string, string]),
        ),
      );
    }
  }
  const out: BratAttribution[] = [];
  for (const e of events) {
    const piece = (role: string) => {
      const ref = e.get(role);
      return ref ? (spans.get(ref)?.pieces ?? null) : null;
    };
    const cue = piece('Cue');
    const content = piece('Content');
    if (!cue || !content) continue;
    out.push({ source: piece('Source'), cue, content });
  }
  return out;
}

/** Cues of saying or reporting, by the word that makes them one; the first match names the cue type. */
const SPEECH_CUES: [string, RegExp][] = [
  ['according to', /\baccording to\b/i],
  ['say', /\b(?:said|says|say|saying)\b/i],
  ['tell', /\b(?:told|tells|tell|telling)\b/i],
  ['write', /\b(?:wrote|writes|write|writing|tweeted|tweets|tweet|posted)\b/i],
  ['add', /\b(?:added|adds|add|adding)\b/i],
  ['announce', /\b(?:announced|announces|announce|announcing|declared|declares|stated|states|proclaimed)\b/i],
  [
    'claim',
    /\b(?:claimed|claims|claim|claiming|insisted|insists|argued|argues|asserted|asserts|maintained|maintains)\b/i,
  ],
  ['deny', /\b(?:denied|denies|deny|denying|rejected|rejects|disputed)\b/i],
  ['accuse', /\b(?:accused|accuses|accusing|blamed|blames|charged)\b/i],
  ['warn', /\b(?:warned|warns|warning|cautioned)\b/i],
  ['confirm', /\b(?:confirmed|confirms|acknowledged|acknowledges|admitted|admits)\b/i],
  [
    'report',
    /\b(?:reported|reports|reporting|noted|notes|noting|explained|explains|described|quoted|cited|citing|revealed|disclosed|estimated|predicted|promised|pledged|vowed|urged|called for|asked|replied|responded|answered|recalled|suggested|suggests|stressed|emphasized|emphasised|pointed out|observed|commented|remarked|repeated|conceded|complained|boasted|joked|shouted|testified|wondered|questioned)\b/i,
  ],
];

/** The cue type of a cue text ("said in a statement" → "say"), or null when it is no verb of saying. */
export function speechCueType(cue: string): string | null {
  for (const [type, re] of SPEECH_CUES) if (re.test(cue)) return type;
  return null;
}

const PRONOUN_SOURCES = /^(?:he|she|they|we|i|it|you|him|her|them|us|me|his|their|its|our)$/i;
const ORGANISATION_WORDS =
  /\b(?:campaign|committee|department|ministry|agency|party|news|times|post|journal|press|association|council|office|commission|court|university|institute|company|corporation|corp|inc|network|foundation|administration|government|congress|senate|house|bureau|center|centre|group|union|coalition|police|army|forces|military|pentagon|fbi|cia|police|board|service|organization|organisation|network|poll|survey|report|study|cnn|nbc|abc|cbs|fox|reuters|ap|afp|bbc|msnbc|politico|gallup|pew)\b/i;

/** Source type of a source text: a pronoun, an organisation, a name (proper noun) or a title/role ("officials", "a spokesman"). */
export function sourceType(source: string): 'pronoun' | 'organisation' | 'name' | 'title' {
  const s = source.trim().replace(/^[“"']+|[”"',:]+$/g, '');
  if (PRONOUN_SOURCES.test(s)) return 'pronoun';
  if (ORGANISATION_WORDS.test(s) || /^(?:the\s+)?[A-Z]{2,6}$/.test(s)) return 'organisation';
  if (
    /^\p{Lu}/u.test(s) &&
    !/^(?:the|a|an|some|many|several|other|most|two|three|one)\b/i.test(s) &&
    !/^\p{Lu}\p{Ll}+s$/u.test(s)
  )
    return 'name';
  return 'title';
}

export interface PolnearCounts {
  gold: number;
  found: number;
  sourceRight: number;
  predicted: number;
  predictedRight: number;
}

export const EMPTY_POLNEAR: PolnearCounts = { gold: 0, found: 0, sourceRight: 0, predicted: 0, predictedRight: 0 };

export function addPolnear(a: PolnearCounts, b: PolnearCounts): PolnearCounts {
  return {
    gold: a.gold + b.gold,
    found: a.found + b.found,
    sourceRight: a.sourceRight + b.sourceRight,
    predicted: a.predicted + b.predicted,
    predictedRight: a.predictedRight + b.predictedRight,
  };
}

export function polnearFigures(c: PolnearCounts): PRF & { sourceAccuracy: number } {
  const precision = c.predicted ? c.predictedRight / c.predicted : 1;
  const recall = c.gold ? c.found / c.gold : 1;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    sourceAccuracy: c.found ? c.sourceRight / c.found : 1,
  };
}

export interface PolnearItem {
  /** A gold attribution missed, a found one with the wrong source, or an extracted claim matching no gold content. */
  what: 'miss' | 'wrong-source' | 'false-positive';
  cueType: string;
  sourceType: string;
  text: string;
  detail: string;
  /** The rule that made the extracted claim (false positives, wrong sources). */
  rule?: string;
  /**
   * With a traced extraction: the mention rule behind the source, for misses the mention over
   * the gold source ("taken as place by chunk/gazetteer-or-pattern", "no mention"), for
   * extracted claims the claimant's mention ("pronoun" when no mention rule made it).
   */
  sourceRule?: string;
}

export interface PolnearScore {
  all: PolnearCounts;
  byCue: Map<string, PolnearCounts>;
  bySource: Map<string, PolnearCounts>;
  items: PolnearItem[];
}

const anyOverlap = (a: Pieces, b: Pieces | GoldSpan) =>
  a.some((p) => (Array.isArray(b) ? b : [b]).some((q) => overlaps(p, q)));

/**
 * Scores one article's attributed claims (NARRATED ones are the outlet's, not scored) against its
 * speech attributions: found when a claim's content overlaps the gold content; its source is
 * right when the claimant mention overlaps the gold source or the claimant's name or an alias is
 * the gold source's text. Precision: attributed claims whose content overlaps any gold content
 * (of any attribution, speech or not).
 */
export function scorePolnear(text: string, gold: BratAttribution[], x: Extraction): PolnearScore {
  const slice = (p: Pieces) => p.map((s) => text.slice(s.start, s.end)).join(' … ');
  const partyByKey = new Map(x.parties.map((p) => [p.key, p]));
  const claims = x.claims.filter((c) => c.mode !== 'NARRATED');
  const speech = gold.filter((g) => g.source && speechCueType(slice(g.cue)) !== null);
  const score: PolnearScore = { all: EMPTY_POLNEAR, byCue: new Map(), bySource: new Map(), items: [] };
  const bump = (cue: string, source: string, d: Partial<PolnearCounts>) => {
    const add = (m: Map<string, PolnearCounts>, k: string) =>
      m.set(k, addPolnear(m.get(k) ?? EMPTY_POLNEAR, { ...EMPTY_POLNEAR, ...d }));
    score.all = addPolnear(score.all, { ...EMPTY_POLNEAR, ...d });
    add(score.byCue, cue);
    add(score.bySource, source);
  };
  const nameKeys = (key: string | null) => {
    const p = key ? partyByKey.get(key) : undefined;
    return p ? new Set([p.name, ...p.aliases].map(foldName)) : new Set<string>();
  };
  const traced = x.trace?.mentions;
  /** The mention rule over a span, when the extraction was traced. */
  const ruleOver = (span: Pieces | GoldSpan, none: string): string | undefined => {
    if (!traced) return undefined;
    const m = traced.find((t) => anyOverlap(Array.isArray(span) ? span : [span], t));
    return m ? `${m.type} by ${m.rule}` : none;
  };
  for (const g of speech) {
    const cueType = speechCueType(slice(g.cue))!;
    const srcText = slice(g.source!);
    const srcType = sourceType(srcText);
    const hit = claims.find((c) => anyOverlap(g.content, c.content));
    if (!hit) {
      bump(cueType, srcType, { gold: 1 });
      score.items.push({
        what: 'miss',
        cueType,
        sourceType: srcType,
        text: slice(g.content).slice(0, 160),
        detail: `${srcText} | ${slice(g.cue)}`,
        sourceRule: ruleOver(g.source!, 'no mention'),
      });
      continue;
    }
    const right =
      (!!hit.claimantMention && anyOverlap(g.source!, hit.claimantMention)) ||
      (!!hit.claimantKey && nameKeys(hit.claimantKey).has(foldName(srcText.replace(/^the\s+/i, ''))));
    bump(cueType, srcType, { gold: 1, found: 1, sourceRight: right ? 1 : 0 });
    if (!right) {
      const who = hit.claimantKey ? partyByKey.get(hit.claimantKey)?.name : null;
      score.items.push({
        what: 'wrong-source',
        cueType,
        sourceType: srcType,
        text: slice(g.content).slice(0, 160),
        detail: `gold ${srcText} | got ${who ?? '(none)'} via ${hit.claimantMention?.text ?? '-'}`,
        rule: hit.rule,
        sourceRule: hit.claimantMention
          ? ruleOver(hit.claimantMention, 'attribution rule (pronoun or noun phrase)')
          : 'no claimant',
      });
    }
  }
  for (const c of claims) {
    const cueType = (c.cue && speechCueType(c.cue.text)) ?? 'other';
    const srcType = c.claimantMention ? sourceType(c.claimantMention.text) : 'title';
    const right = gold.some((g) => anyOverlap(g.content, c.content));
    bump(cueType, srcType, { predicted: 1, predictedRight: right ? 1 : 0 });
    if (!right)
      score.items.push({
        what: 'false-positive',
        cueType,
        sourceType: srcType,
        text: c.content.text.slice(0, 160),
        detail: `${c.claimantMention?.text ?? '-'} | ${c.cue?.text ?? '-'}`,
        rule: c.rule,
        sourceRule: c.claimantMention
          ? ruleOver(c.claimantMention, 'attribution rule (pronoun or noun phrase)')
          : 'no claimant',
      });
  }
  return score;
}

// ---------------------------------------------------------------------------------------------
// Geoparsing (LGL, TR-News): toponyms with GeoNames points

export interface Toponym {
  start: number;
  end: number;
  phrase: string;
  lat: number | null;
  lon: number | null;
}

export interface GeoparsingArticle {
  id: string;
  text: string;
  toponyms: Toponym[];
}

function xmlText(s: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(s);
  if (cdata) return cdata[1]!;
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** The articles of an LGL or TR-News XML file (the Pragmatic-Guide format). */
/** How far a corpus's offset may miss its phrase (TR-News has 117 toponyms a few characters early). */
const ALIGN_REACH = 30;

/**
 * Where `phrase` really starts: at `start` when the text has it there, else at its nearest
 * occurrence within ALIGN_REACH characters, else `start` as given.
 */
export function alignedStart(text: string, phrase: string, start: number): number {
  if (!phrase || text.startsWith(phrase, start)) return start;
  for (let d = 1; d <= ALIGN_REACH; d++) {
    if (start - d >= 0 && text.startsWith(phrase, start - d)) return start - d;
    if (text.startsWith(phrase, start + d)) return start + d;
  }
  return start;
}

export function parseGeoparsingXml(xml: string): GeoparsingArticle[] {
  const out: GeoparsingArticle[] = [];
  const articleRe = /<article\b([^>]*)>([\s\S]*?)<\/article>/g;
  for (let m = articleRe.exec(xml), n = 0; m; m = articleRe.exec(xml), n++) {
    const body = m[2]!;
    const text = xmlText(/<text>([\s\S]*?)<\/text>/.exec(body)?.[1] ?? '');
    const id = /docid="([^"]*)"/.exec(m[1]!)?.[1] ?? String(n);
    const toponyms: Toponym[] = [];
    for (const t of body.matchAll(/<toponym>([\s\S]*?)<\/toponym>/g)) {
      const get = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(t[1]!)?.[1];
      const start = Number(get('start'));
      const end = Number(get('end'));
      if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
      const lat = get('lat');
      const lon = get('lon');
      const phrase = xmlText(get('phrase') ?? '');
      const at = alignedStart(text, phrase, start);
      toponyms.push({
        start: at,
        end: at === start ? end : at + phrase.length,
        phrase,
        lat: lat ? Number(lat) : null,
        lon: lon ? Number(lon) : null,
      });
    }
    out.push({ id, text, toponyms });
  }
  return out;
}

export interface GeoparsingMiss {
  phrase: string;
  detail: string;
  /** A resolved toponym placed too far: the name it was looked up by and the gold point (for --explain). */
  wrong?: { name: string; lat: number; lon: number };
}

export interface GeoparsingScore {
  /** Toponyms with a gold point. */
  toponyms: number;
  detected: number;
  within161: number;
  /** Error in km of every detected and resolved toponym. */
  errorsKm: number[];
  misses: GeoparsingMiss[];
  /** Detected toponyms by the use of the mention that found them ("Iran said": ACTOR). */
  detectedByUse: Record<PlaceUse, number>;
}

export const EMPTY_GEOPARSING: GeoparsingScore = {
  toponyms: 0,
  detected: 0,
  within161: 0,
  errorsKm: [],
  misses: [],
  detectedByUse: { PLACE: 0, ACTOR: 0, DEMONYM: 0 },
};

/** Detection (a Location mention overlaps the toponym) and accuracy at 161 km, as the geoparsing literature scores them. */
export function scoreGeoparsing(article: GeoparsingArticle, x: Extraction): GeoparsingScore {
  const s: GeoparsingScore = {
    ...EMPTY_GEOPARSING,
    errorsKm: [],
    misses: [],
    detectedByUse: { PLACE: 0, ACTOR: 0, DEMONYM: 0 },
  };
  const mentions = x.locations.flatMap((loc) =>
    loc.mentions.filter((m) => COUNTED_USES.geoparsing.includes(m.use ?? 'PLACE')).map((m) => ({ loc, m })),
  );
  for (const t of article.toponyms) {
    if (t.lat === null || t.lon === null) continue;
    s.toponyms++;
    // The mention that fits the toponym best: "Texas" is scored against the mention "Texas"
    // inside "Paris, Texas", not against Paris.
    const fitOf = (m: { start: number; end: number }) =>
      Math.min(m.end, t.end) - Math.max(m.start, t.start) - Math.abs(m.end - m.start - (t.end - t.start));
    const hit = mentions
      .filter(({ m }) => overlaps(m, t))
      .reduce<(typeof mentions)[number] | undefined>(
        (best, c) => (!best || fitOf(c.m) > fitOf(best.m) ? c : best),
        undefined,
      );
    if (!hit) {
      s.misses.push({ phrase: t.phrase, detail: 'not detected' });
      continue;
    }
    s.detected++;
    s.detectedByUse[hit.m.use ?? 'PLACE']++;
    if (hit.loc.latitude === null || hit.loc.longitude === null) {
      // Namesakes that tied or were all rejected, against a name the gazetteer lacks.
      const why = hit.loc.candidates.length ? 'namesakes in doubt' : 'no namesake';
      s.misses.push({ phrase: t.phrase, detail: `unresolved: ${why}` });
      continue;
    }
    const d = distanceKm({ lat: t.lat, lon: t.lon }, { lat: hit.loc.latitude, lon: hit.loc.longitude });
    s.errorsKm.push(d);
    if (d <= 161) s.within161++;
    else
      s.misses.push({
        phrase: t.phrase,
        detail: `${hit.loc.name} (${hit.loc.countryCode}) ${Math.round(d)} km off`,
        wrong: { name: hit.loc.name, lat: t.lat, lon: t.lon },
      });
  }
  return s;
}

export function addGeoparsing(a: GeoparsingScore, b: GeoparsingScore): GeoparsingScore {
  return {
    toponyms: a.toponyms + b.toponyms,
    detected: a.detected + b.detected,
    within161: a.within161 + b.within161,
    errorsKm: [...a.errorsKm, ...b.errorsKm],
    misses: [...a.misses, ...b.misses],
    detectedByUse: {
      PLACE: a.detectedByUse.PLACE + b.detectedByUse.PLACE,
      ACTOR: a.detectedByUse.ACTOR + b.detectedByUse.ACTOR,
      DEMONYM: a.detectedByUse.DEMONYM + b.detectedByUse.DEMONYM,
    },
  };
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Offsets into `raw` as offsets into `clean`, when cleaning only deleted text (tags, ad
 * placeholders): raw offset → clean offset. Null when `clean` is not such a subsequence of `raw`.
 */
export function deletionMap(raw: string, clean: string): ((i: number) => number) | null {
  if (raw === clean) return (i) => i;
  const map = new Int32Array(raw.length + 1);
  let c = 0;
  for (let r = 0; r < raw.length; r++) {
    map[r] = c;
    if (c < clean.length && raw[r] === clean[c]) c++;
  }
  map[raw.length] = c;
  return c === clean.length ? (i) => map[Math.max(0, Math.min(i, raw.length))]! : null;
}

/** Gold attributions with their offsets moved into the clean text. */
export function shiftBrat(gold: BratAttribution[], at: (i: number) => number): BratAttribution[] {
  const move = (p: Pieces) => p.map((s) => ({ start: at(s.start), end: at(s.end) })).filter((s) => s.end > s.start);
  return gold
    .map((g) => ({ source: g.source ? move(g.source) : null, cue: move(g.cue), content: move(g.content) }))
    .filter((g) => g.content.length && g.cue.length);
}
