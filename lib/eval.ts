/**
 * Scoring extraction against gold data. Pure functions: the CLI (scripts/eval.ts) reads the
 * files and runs extraction; everything here takes data and returns figures.
 *
 * Sources: the project's gold files (data/gold/*.json format, rules in shared/data/README.md),
 * re3d (Dstl; entity spans) and PLOVER (openeventdata, CC BY-SA 4.0; actors, event places and
 * "said"-type attributions).
 */
import { foldName } from './names.js';
import type { ExtractedLocation, ExtractedParty, Extraction, Span } from './extract/types.js';

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
  const norm = (s: string) => s.toLowerCase().replace(/[’‘`ʼ]/g, "'").replace(/\s+/g, ' ');
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

function findLocation(x: Extraction, gold: { name: string; aliases?: string[] }): ExtractedLocation | undefined {
  const wanted = [gold.name, ...(gold.aliases ?? [])];
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
    return g.claimant === undefined || partyHasName(c.claimantKey ? partyByKey.get(c.claimantKey) : undefined, g.claimant);
  };
  const indices = x.claims.map((_, i) => i);
  const goldLocationsByName = new Map<string, GoldLocation>();
  for (const l of gold.locations.required) goldLocationsByName.set(foldName(l.name), l);
  const matchedIndex: (number | undefined)[] = gold.claims.required.map((g) => indices.find(matches(g)));
  const found = matchedIndex.filter((i) => i !== undefined).length;
  const tally = { cue: [0, 0], kind: [0, 0], locations: [0, 0], eventDate: [0, 0], quantities: [0, 0], restates: [0, 0] };
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
      const wantedKeys = g.locations.map((n) => findLocation(x, goldLocationsByName.get(foldName(n)) ?? { name: n })?.key ?? `missing:${n}`);
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
        c.quantities.some((e) => e.kind === q.kind && e.value === q.value && (q.since === undefined || e.since === q.since)),
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
  const goodClaimants = claimantKeys.filter((k) => goldPartyNames.some((n) => partyHasName(partyByKey.get(k), n))).length;

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
      else if (a.acceptIfWithinKmOf) ok = distanceKm(a.acceptIfWithinKmOf, { lat: l.latitude, lon: l.longitude }) <= a.acceptIfWithinKmOf.km;
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

/** re3d's Location covers sites ("two bridges") as well as named places: both are scored. */
export function predictedSpans(x: Extraction): { parties: Span[]; locations: Span[] } {
  return {
    parties: x.parties.flatMap((p) => p.mentions),
    locations: [...x.locations.flatMap((l) => l.mentions), ...x.sites],
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
export const SAID_CUES = /\b(?:said|says|say|told|tells|announced|announces|stated|reported|according to|quoted|added|claimed|denied|denies|declared|confirmed)\b/gi;

function locate(text: string, phrase: string): GoldSpan | null {
  const cleaned = phrase.split('...')[0]!.replace(/[({]+$/, '').trim();
  if (!cleaned) return null;
  const i = text.toLowerCase().indexOf(cleaned.toLowerCase());
  return i < 0 ? null : { start: i, end: i + cleaned.length };
}

export function ploverActors(r: PloverRecord): string[] {
  const list = (v: PloverActor[] | string | undefined) => (Array.isArray(v) ? v.map((a) => a.actorText).filter((t): t is string => !!t) : []);
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
    const byName = x.locations.some((l) => names(l).some((n) => sameName(n, r.eventLoc!.name)));
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
