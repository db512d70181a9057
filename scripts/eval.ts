/**
 * Scores extraction: `npx tsx scripts/eval.ts [files or folders...] [--json] [--explain]`.
 * With no arguments: the gold files, both re3d subsets, PLOVER, PolNeAR (train) and the LGL and
 * TR-News geoparsing corpora under ../shared/data; a set that is missing is named and skipped.
 * A folder may be a gold folder (*.json in the gold format), a re3d subset (documents.json +
 * entities.json), a PolNeAR split (text/ + attributions/), or a file PLOVER_GSR_CAMEO.json or
 * an LGL/TR-News XML file. `--explain` lists the largest error classes: PolNeAR misses and false
 * positives per rule, cue type and source type, and geoparsing misses. `--misses` (geoparsing
 * only) lists every missed toponym with its class, what was found over it and its context.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lookupPlaceMatches, placeByGeonamesId, type Place } from '../lib/extract/gazetteer.js';
import { extract, EXTRACTOR_VERSION } from '../lib/extract/index.js';
import type { ExtractedLocation, Extraction } from '../lib/extract/types.js';
import { foldName } from '../lib/names.js';
import {
  addGeoparsing,
  addPolnear,
  addShares,
  addSpanScores,
  COUNTED_USES,
  deletionMap,
  distanceKm,
  EMPTY_GEOPARSING,
  EMPTY_POLNEAR,
  EMPTY_SPAN_SCORE,
  median,
  parseBrat,
  parseGeoparsingXml,
  polnearFigures,
  prf,
  ratio,
  re3dGold,
  predictedSpans,
  scoreGeoparsing,
  scoreGold,
  scorePloverRecord,
  scorePolnear,
  scoreSpans,
  shiftBrat,
  type GeoparsingScore,
  type GoldFile,
  type GoldScore,
  type PloverRecord,
  type PloverScore,
  type PolnearCounts,
  type PolnearItem,
  type Re3dEntity,
  type Share,
  type SpanScore,
} from '../lib/eval.js';

const here = dirname(fileURLToPath(import.meta.url));
const SHARED = resolve(here, '../../shared/data');

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const explain = args.includes('--explain');
const listMisses = args.includes('--misses');
const targets = args.filter((a) => !a.startsWith('--'));
const DEFAULT_SETS = [
  'gold',
  're3d/us-state-department',
  're3d/centcom',
  'plover/PLOVER_GSR_CAMEO.json',
  'polnear-train',
  'geoparsing/lgl.xml',
  'geoparsing/tr-news.xml',
].map((p) => join(SHARED, p));
const missingSets = targets.length ? [] : DEFAULT_SETS.filter((p) => !existsSync(p));
const inputs = targets.length ? targets : DEFAULT_SETS.filter((p) => existsSync(p));

type Source =
  | { kind: 'gold'; file: string }
  | { kind: 're3d'; dir: string }
  | { kind: 'plover'; file: string }
  | { kind: 'polnear'; dir: string }
  | { kind: 'geoparsing'; file: string };

function classify(path: string): Source[] {
  const st = statSync(path);
  if (st.isDirectory()) {
    if (existsSync(join(path, 'documents.json')) && existsSync(join(path, 'entities.json')))
      return [{ kind: 're3d', dir: path }];
    if (existsSync(join(path, 'text')) && existsSync(join(path, 'attributions')))
      return [{ kind: 'polnear', dir: path }];
    return readdirSync(path)
      .filter((f) => f.endsWith('.json') || statSync(join(path, f)).isDirectory())
      .sort()
      .flatMap((f) => classify(join(path, f)));
  }
  if (basename(path).startsWith('PLOVER')) return [{ kind: 'plover', file: path }];
  if (path.endsWith('.xml')) return [{ kind: 'geoparsing', file: path }];
  if (path.endsWith('.json')) {
    const head = readFileSync(path, 'utf8').trimStart();
    if (head.startsWith('{') && head.includes('"claims"')) return [{ kind: 'gold', file: path }];
  }
  return [];
}

function jsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const sh = (s: Share) => `${s.ok}/${s.of} (${pct(ratio(s))})`;
const rows: string[][] = [];
const result: Record<string, unknown> = { extractorVersion: EXTRACTOR_VERSION };

function row(...cells: string[]): void {
  rows.push(cells);
}

function evalGold(file: string): void {
  const gold = JSON.parse(readFileSync(file, 'utf8')) as GoldFile;
  const articlePath = resolve(dirname(file), '..', gold.article);
  const x = extract(readFileSync(articlePath, 'utf8'), {
    publishedAt: gold.input.publishedAt ?? null,
    title: gold.input.title ?? null,
  });
  const s: GoldScore = scoreGold(gold, x);
  const name = basename(file, '.json');
  const d = s.locations.distanceKm;
  const claimP = ratio(s.claims.precision);
  const claimR = ratio(s.claims.found);
  const f1 = claimP + claimR ? (2 * claimP * claimR) / (claimP + claimR) : 0;
  row(`gold ${name}`, 'claims (claimant+content)', pct(claimP), pct(claimR), pct(f1), `found ${sh(s.claims.found)}`);
  row(
    '',
    'claims: cue / kind / places',
    '',
    '',
    '',
    `${sh(s.claims.cue)} / ${sh(s.claims.kind)} / ${sh(s.claims.locations)}`,
  );
  row(
    '',
    'claims: date / quantities / restates',
    '',
    '',
    '',
    `${sh(s.claims.eventDate)} / ${sh(s.claims.quantities)} / ${sh(s.claims.restates)}`,
  );
  row('', 'claims: notClaims errors', '', '', '', String(s.claims.notClaimErrors));
  row(
    '',
    'parties (required; P over claimants)',
    pct(ratio(s.parties.claimantPrecision)),
    pct(ratio(s.parties.found)),
    '',
    `kind ${sh(s.parties.kind)}, affiliation ${sh(s.parties.affiliation)}`,
  );
  row(
    '',
    'locations (required + ambiguous)',
    '',
    pct(ratio(s.locations.found)),
    '',
    `distance km mean ${d.length ? (d.reduce((a, b) => a + b, 0) / d.length).toFixed(1) : '-'}, max ${d.length ? Math.max(...d).toFixed(1) : '-'}`,
  );
  row('', 'clean text checks', '', '', '', sh(s.cleanText));
  if (s.claims.missing.length || s.parties.missing.length || s.locations.missing.length) {
    row('', 'missing', '', '', '', [...s.claims.missing, ...s.parties.missing, ...s.locations.missing].join('; '));
  }
  result[`gold:${name}`] = s;
}

function evalRe3d(dir: string): void {
  const docs = jsonLines<{ _id: string; text: string; sourceName?: string }>(join(dir, 'documents.json'));
  const entities = jsonLines<Re3dEntity>(join(dir, 'entities.json'));
  let parties: SpanScore = EMPTY_SPAN_SCORE;
  let locations: SpanScore = EMPTY_SPAN_SCORE;
  let cleanMismatch = 0;
  const byRule = new Map<string, { fp: number; fn: number }>();
  const tally = (key: string, what: 'fp' | 'fn') => {
    const t = byRule.get(key) ?? { fp: 0, fn: 0 };
    t[what]++;
    byRule.set(key, t);
  };
  for (const doc of docs) {
    // The publisher is article metadata: it lets "we" in a press release resolve to its author.
    const x = extract(doc.text, { publisher: doc.sourceName, trace: explain });
    if (x.cleanText !== doc.text) cleanMismatch++;
    const gold = re3dGold(entities.filter((e) => e.documentId === doc._id));
    const predicted = predictedSpans(x);
    parties = addSpanScores(parties, scoreSpans(gold.parties, predicted.parties));
    locations = addSpanScores(locations, scoreSpans(gold.locations, predicted.locations));
    if (explain) {
      const traced = x.trace?.mentions ?? [];
      const hit = (a: { start: number; end: number }, b: { start: number; end: number }) =>
        a.start < b.end && b.start < a.end;
      for (const [label, g, p] of [
        ['party', gold.parties, predicted.parties],
        ['place', gold.locations, predicted.locations],
      ] as const) {
        for (const s of p)
          if (!g.some((q) => hit(q, s)))
            tally(`${label} false positive · ${traced.find((m) => hit(m, s))?.rule ?? 'pronoun or site'}`, 'fp');
        for (const s of g)
          if (!p.some((q) => hit(q, s)))
            tally(
              `${label} missed · ${traced.find((m) => hit(m, s)) ? `taken as ${traced.find((m) => hit(m, s))!.type} by ${traced.find((m) => hit(m, s))!.rule}` : 'no mention'}`,
              'fn',
            );
      }
    }
  }
  if (explain) {
    explanations.push(`re3d ${basename(dir)} errors by mention rule:`);
    for (const [k, v] of [...byRule].sort((a, b) => b[1].fp + b[1].fn - a[1].fp - a[1].fn).slice(0, 15))
      explanations.push(`  ${String(v.fp + v.fn).padStart(5)}  ${k}`);
  }
  const name = `re3d ${basename(dir)} (${docs.length} docs)`;
  for (const [label, score] of [
    ['parties', parties],
    ['locations', locations],
  ] as const) {
    for (const mode of ['overlap', 'exact'] as const) {
      const f = prf(score[mode]);
      row(
        label === 'parties' && mode === 'overlap' ? name : '',
        `${label} (${mode})`,
        pct(f.precision),
        pct(f.recall),
        pct(f.f1),
        `tp ${score[mode].tp} fp ${score[mode].fp} fn ${score[mode].fn}`,
      );
    }
  }
  if (cleanMismatch) row('', 'clean text changed', '', '', '', `${cleanMismatch} docs`);
  result[`re3d:${basename(dir)}`] = {
    parties: { overlap: prf(parties.overlap), exact: prf(parties.exact), counts: parties },
    locations: { overlap: prf(locations.overlap), exact: prf(locations.exact), counts: locations },
    cleanTextChanged: cleanMismatch,
  };
}

function evalPlover(file: string): void {
  const records = (JSON.parse(readFileSync(file, 'utf8')) as PloverRecord[]).filter(
    (r) => r.event !== 'DOCUMENT' && r.text,
  );
  let total: PloverScore = {
    actors: { ok: 0, of: 0 },
    eventLocations: { ok: 0, of: 0 },
    attributions: { ok: 0, of: 0 },
    attributionsWithClaimant: { ok: 0, of: 0 },
  };
  for (const r of records) {
    const text = r.text.replace(/^\{|\}$/g, '');
    const x = extract(text, { publishedAt: r.date ? `${r.date}T12:00:00Z` : null });
    const s = scorePloverRecord({ ...r, text }, x);
    total = {
      actors: addShares(total.actors, s.actors),
      eventLocations: addShares(total.eventLocations, s.eventLocations),
      attributions: addShares(total.attributions, s.attributions),
      attributionsWithClaimant: addShares(total.attributionsWithClaimant, s.attributionsWithClaimant),
    };
  }
  row(
    `PLOVER (${records.length} sentences)`,
    'parties: actorText recall',
    '',
    pct(ratio(total.actors)),
    '',
    sh(total.actors),
  );
  row('', 'locations: eventLoc recall', '', pct(ratio(total.eventLocations)), '', sh(total.eventLocations));
  row(
    '',
    'claims: "said"-type attribution recall',
    '',
    pct(ratio(total.attributions)),
    '',
    `${sh(total.attributions)}; with claimant party ${sh(total.attributionsWithClaimant)}`,
  );
  result.plover = total;
}

const explanations: string[] = [];

function polnearRow(label: string, measure: string, c: PolnearCounts): void {
  const f = polnearFigures(c);
  row(
    label,
    measure,
    pct(f.precision),
    pct(f.recall),
    pct(f.f1),
    `gold ${c.gold}, found ${c.found}, source right ${c.sourceRight} (${pct(f.sourceAccuracy)}), extracted ${c.predicted}`,
  );
}

function evalPolnear(dir: string): void {
  const meta = new Map<string, string>();
  const metaFile = join(dir, 'metadata.tsv');
  if (existsSync(metaFile)) {
    const [head, ...lines] = readFileSync(metaFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const cols = head!.split('\t');
    const fileCol = cols.indexOf('filename');
    const dateCol = cols.indexOf('publication_date');
    for (const l of lines) {
      const c = l.split('\t');
      if (c[fileCol] && c[dateCol]) meta.set(c[fileCol]!, c[dateCol]!);
    }
  }
  // One annotator per article: the first file in name order.
  const annFiles = new Map<string, string>();
  for (const f of readdirSync(join(dir, 'attributions'))
    .filter((f) => f.endsWith('.ann'))
    .sort()) {
    const name = f.replace(/_[^_]+\.ann$/, '');
    if (!annFiles.has(name)) annFiles.set(name, f);
  }
  let all: PolnearCounts = EMPTY_POLNEAR;
  const byCue = new Map<string, PolnearCounts>();
  const bySource = new Map<string, PolnearCounts>();
  const items: PolnearItem[] = [];
  let cleanMismatch = 0;
  let articles = 0;
  for (const [name, ann] of annFiles) {
    const textFile = join(dir, 'text', `${name}.txt`);
    if (!existsSync(textFile)) continue;
    const text = readFileSync(textFile, 'utf8');
    const date = meta.get(name);
    const x = extract(text, { publishedAt: date ? `${date}T12:00:00Z` : null, trace: explain });
    articles++;
    // Gold offsets are into the text as published: moved into the clean text (tags removed).
    const at = deletionMap(text, x.cleanText);
    if (!at) {
      cleanMismatch++;
      continue;
    }
    const gold = shiftBrat(parseBrat(readFileSync(join(dir, 'attributions', ann), 'utf8'), text), at);
    const s = scorePolnear(x.cleanText, gold, x);
    all = addPolnear(all, s.all);
    for (const [k, v] of s.byCue) byCue.set(k, addPolnear(byCue.get(k) ?? EMPTY_POLNEAR, v));
    for (const [k, v] of s.bySource) bySource.set(k, addPolnear(bySource.get(k) ?? EMPTY_POLNEAR, v));
    items.push(...s.items.map((i) => ({ ...i, detail: `${i.detail} [${name}]` })));
  }
  polnearRow(`PolNeAR ${basename(dir)} (${articles} articles)`, 'speech attributions (content overlap)', all);
  for (const [k, v] of [...byCue].sort((a, b) => b[1].gold - a[1].gold)) polnearRow('', `  cue: ${k}`, v);
  for (const [k, v] of [...bySource].sort((a, b) => b[1].gold - a[1].gold)) polnearRow('', `  source: ${k}`, v);
  if (cleanMismatch) row('', 'skipped: clean text differs', '', '', '', `${cleanMismatch} articles`);
  result[`polnear:${basename(dir)}`] = {
    all: polnearFigures(all),
    counts: all,
    byCue: Object.fromEntries([...byCue].map(([k, v]) => [k, polnearFigures(v)])),
    bySource: Object.fromEntries([...bySource].map(([k, v]) => [k, polnearFigures(v)])),
    cleanTextChanged: cleanMismatch,
  };
  if (explain) explainPolnear(items);
}

function explainPolnear(items: PolnearItem[]): void {
  const groups = new Map<string, PolnearItem[]>();
  for (const i of items) {
    const key =
      i.what === 'miss'
        ? `miss · cue ${i.cueType} · source ${i.sourceType}`
        : `${i.what} · rule ${i.rule ?? '?'} · cue ${i.cueType}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  // Per mention rule: what the rules made of a missed attribution's source, and which rule made
  // the claimant of a false positive or a wrong source.
  const byRule = new Map<string, number>();
  for (const i of items) {
    const key =
      i.what === 'miss'
        ? `miss · source ${i.sourceType} · ${i.sourceRule === 'no mention' ? 'no mention' : `taken as ${i.sourceRule}`}`
        : `${i.what} · claimant ${i.sourceRule ?? '?'} · rule ${i.rule ?? '?'}`;
    byRule.set(key, (byRule.get(key) ?? 0) + 1);
  }
  explanations.push('PolNeAR errors by mention rule (source of a miss; claimant of a false positive or wrong source):');
  for (const [key, n] of [...byRule].sort((a, b) => b[1] - a[1]).slice(0, 30))
    explanations.push(`  ${n.toString().padStart(5)}  ${key}`);
  explanations.push('PolNeAR error classes (largest first; 3 examples each):');
  for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length).slice(0, 25)) {
    explanations.push(`  ${list.length.toString().padStart(5)}  ${key}`);
    for (const i of list.slice(0, 3)) explanations.push(`           "${i.text}" — ${i.detail}`);
  }
}

/**
 * A toponym placed too far: the geocoder chose the wrong namesake (one within 161 km of the gold
 * point was there to choose), or none of the name's namesakes lies near the gold point (a
 * gazetteer point or a missing place).
 */
function wrongKind(wrong: { name: string; lat: number; lon: number }): string {
  const near = lookupPlaceMatches(wrong.name).some(
    (m) => distanceKm({ lat: m.place.latitude, lon: m.place.longitude }, wrong) <= 161,
  );
  return near ? 'wrong place: wrong namesake' : 'wrong place: no namesake near gold';
}

/** A toponym resolved more than 161 km from its gold point, with what both sides are (for --explain). */
interface FarMiss {
  phrase: string;
  km: number;
  ours: { name: string; kind: string; countryCode: string | null; geonamesId: number | null; precision: string };
  gold: GoldTag;
  /** Some namesake of our place's name lies within 161 km of the gold point: the geocoder's choice, not the data. */
  namesakeNear: boolean;
}

/** What the geoparsing XML says of a toponym beyond its point: its GeoNames id, name and feature code. */
interface GoldTag {
  id: number | null;
  name: string;
  fcode: string;
  lat: number;
  lon: number;
}

/** Gold tags of each article of a geoparsing file, by article id, then by "phrase|lat|lon". */
function geoparsingGoldTags(file: string): (articleId: string) => Map<string, GoldTag> {
  const byArticle = new Map<string, Map<string, GoldTag>>();
  for (const m of readFileSync(file, 'utf8').matchAll(/<article\b[^>]*docid="([^"]*)"[^>]*>([\s\S]*?)<\/article>/g)) {
    const tags = new Map<string, GoldTag>();
    for (const t of m[2]!.matchAll(/<toponym>([\s\S]*?)<\/toponym>/g)) {
      const get = (tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(t[1]!)?.[1] ?? '';
      const id = /<gaztag geonameid="(\d+)"/.exec(t[1]!)?.[1];
      const [lat, lon] = [Number(get('lat')), Number(get('lon'))];
      if (!get('lat')) continue;
      tags.set(`${get('phrase')}|${lat}|${lon}`, {
        id: id ? Number(id) : null,
        name: get('name'),
        fcode: get('fcode'),
        lat,
        lon,
      });
    }
    byArticle.set(m[1]!, tags);
  }
  return (articleId) => byArticle.get(articleId) ?? new Map();
}

/** Our place's kind as the gazetteer stores it: feature code and population, or COUNTRY. */
function placeKind(loc: {
  name: string;
  latitude: number;
  longitude: number;
  geonamesId: number | null;
}): Place | null {
  const byId = loc.geonamesId !== null ? placeByGeonamesId(loc.geonamesId) : null;
  if (byId) return byId;
  return (
    lookupPlaceMatches(loc.name).find(
      (m) => Math.abs(m.place.latitude - loc.latitude) < 1e-3 && Math.abs(m.place.longitude - loc.longitude) < 1e-3,
    )?.place ?? null
  );
}

/** The detected toponyms of one article placed more than 161 km from gold. */
function farFromGold(
  toponyms: { start: number; end: number; phrase: string; lat: number | null; lon: number | null }[],
  gold: Map<string, GoldTag>,
  x: Extraction,
): FarMiss[] {
  const out: FarMiss[] = [];
  for (const t of toponyms) {
    if (t.lat === null || t.lon === null) continue;
    const loc = x.locations.find((l) =>
      l.mentions.some((m) => COUNTED_USES.geoparsing.includes(m.use ?? 'PLACE') && m.start < t.end && t.start < m.end),
    );
    if (!loc || loc.latitude === null || loc.longitude === null) continue;
    const km = distanceKm({ lat: t.lat, lon: t.lon }, { lat: loc.latitude, lon: loc.longitude });
    if (km <= 161) continue;
    const place = placeKind({ ...loc, latitude: loc.latitude, longitude: loc.longitude });
    const tag = gold.get(`${t.phrase}|${t.lat}|${t.lon}`) ?? {
      id: null,
      name: '?',
      fcode: '?',
      lat: t.lat,
      lon: t.lon,
    };
    out.push({
      phrase: t.phrase,
      km,
      ours: {
        name: loc.name,
        kind: place ? `${place.featureCode}${place.population ? ` ${place.population}` : ''}` : '?',
        countryCode: loc.countryCode,
        geonamesId: loc.geonamesId,
        precision: loc.precision,
      },
      gold: tag,
      namesakeNear: lookupPlaceMatches(loc.name).some(
        (m) => distanceKm({ lat: m.place.latitude, lon: m.place.longitude }, { lat: t.lat!, lon: t.lon! }) <= 161,
      ),
    });
  }
  return out;
}

/**
 * Why no namesake lies near gold, by cause: (b) our point of the same entity is off (a
 * country, a division or a continent whose point differs from GeoNames'); (a) the gazetteer
 * has the gold place under other names only, has it only as a village, or lacks it; (c) the
 * gold place has the name but another entity of it was chosen and the gold one's point is off.
 */
function farMissCause(m: FarMiss): string {
  const g = m.gold;
  const goldPlace = g.id !== null ? placeByGeonamesId(g.id) : null;
  const sameEntity =
    (g.id !== null && m.ours.geonamesId === g.id) ||
    (g.fcode.startsWith('PCL') && m.ours.precision === 'COUNTRY' && foldName(m.ours.name) === foldName(g.name)) ||
    (g.fcode === 'CONT' && m.ours.kind.startsWith('RGN'));
  if (sameEntity) return `(b) same entity, our point off (${g.fcode.startsWith('PCL') ? 'PCL' : g.fcode})`;
  if (!goldPlace) return `(a) gold not in gazetteer (${g.fcode})`;
  const names = [goldPlace.name, ...goldPlace.aliases].map(foldName);
  const gkm = distanceKm({ lat: g.lat, lon: g.lon }, { lat: goldPlace.latitude, lon: goldPlace.longitude });
  if (goldPlace.village) return `(a) gold only in the village tier (${g.fcode})`;
  if (!names.includes(foldName(m.phrase)) && !names.includes(foldName(m.ours.name)))
    return `(a) gold in gazetteer, not by this name (${g.fcode})`;
  return gkm > 161 ? `(c) gold has the name, its point off (${g.fcode})` : `(c) other entity of the name (${g.fcode})`;
}

/** Lists every toponym placed far from gold with no namesake near it, grouped by cause. */
function explainFarMisses(name: string, misses: FarMiss[]): void {
  const far = misses.filter((m) => !m.namesakeNear);
  const byCause = new Map<string, Map<string, { n: number; km: number }>>();
  for (const m of far) {
    const cause = farMissCause(m);
    const group = byCause.get(cause) ?? new Map<string, { n: number; km: number }>();
    const key =
      `"${m.phrase}" → ${m.ours.name} (${m.ours.countryCode ?? '-'} ${m.ours.kind}) ` +
      `| gold ${m.gold.name} ${m.gold.fcode} ${m.gold.id ?? ''} (${m.gold.lat}, ${m.gold.lon})`;
    const had = group.get(key) ?? { n: 0, km: 0 };
    group.set(key, { n: had.n + 1, km: Math.max(had.km, m.km) });
    byCause.set(cause, group);
  }
  const total = (g: Map<string, { n: number }>) => [...g.values()].reduce((a, b) => a + b.n, 0);
  explanations.push(`${name}: no namesake near gold (${far.length}), by cause:`);
  for (const [cause, group] of [...byCause].sort((a, b) => total(b[1]) - total(a[1]))) {
    explanations.push(`  ${total(group).toString().padStart(4)}  ${cause}`);
    for (const [key, v] of [...group].sort((a, b) => b[1].n - a[1].n))
      explanations.push(`        ${v.n.toString().padStart(3)}  ${key} ${Math.round(v.km)} km`);
  }
}

function evalGeoparsing(file: string): void {
  const articles = parseGeoparsingXml(readFileSync(file, 'utf8'));
  let total: GeoparsingScore = EMPTY_GEOPARSING;
  let cleanMismatch = 0;
  const farMisses: FarMiss[] = [];
  const goldTags = explain ? geoparsingGoldTags(file) : () => new Map<string, GoldTag>();
  const missLines: string[] = [];
  for (const a of articles) {
    const x = extract(a.text, { trace: explain || listMisses });
    const at = deletionMap(a.text, x.cleanText);
    if (!at) {
      cleanMismatch++;
      continue;
    }
    const toponyms = a.toponyms
      .map((t) => ({ ...t, start: at(t.start), end: at(t.end) }))
      .filter((t) => t.end > t.start);
    const scored = scoreGeoparsing({ ...a, toponyms }, x);
    if (explain) farMisses.push(...farFromGold(toponyms, goldTags(a.id), x));
    const missed = explain || listMisses ? missedToponyms(toponyms, scored, x) : [];
    if (explain) {
      // Which rule, if any, took an undetected toponym for something else.
      for (const { miss, t } of missed) {
        if (miss.detail !== 'not detected') continue;
        const other = x.trace?.mentions.find((k) => k.start < t.end && t.start < k.end);
        if (other) miss.detail = `taken as ${other.type} by ${other.rule}`;
      }
    }
    if (listMisses) missLines.push(...missesInContext(missed, x));
    total = addGeoparsing(total, scored);
  }
  const name = basename(file, '.xml');
  const med = median(total.errorsKm);
  row(
    `${name} (${articles.length} articles)`,
    'toponyms: detection recall',
    '',
    pct(total.detected / Math.max(1, total.toponyms)),
    '',
    `${total.detected}/${total.toponyms}; by use ${Object.entries(total.detectedByUse)
      .map(([use, n]) => `${use} ${n}`)
      .join(', ')}`,
  );
  row(
    '',
    'toponyms: accuracy at 161 km',
    '',
    pct(total.within161 / Math.max(1, total.toponyms)),
    '',
    `${total.within161}/${total.toponyms}; median error ${med === null ? '-' : med.toFixed(1)} km over ${total.errorsKm.length} resolved`,
  );
  if (cleanMismatch) row('', 'skipped: clean text differs', '', '', '', `${cleanMismatch} articles`);
  result[`geoparsing:${name}`] = {
    toponyms: total.toponyms,
    detectionRecall: total.detected / Math.max(1, total.toponyms),
    detectedByUse: total.detectedByUse,
    accuracy161: total.within161 / Math.max(1, total.toponyms),
    medianErrorKm: med,
    cleanTextChanged: cleanMismatch,
  };
  if (explain) {
    const counts = new Map<string, number>();
    for (const m of total.misses)
      counts.set(
        `${m.phrase} — ${m.detail.replace(/\d+ km off/, 'far off')}`,
        (counts.get(`${m.phrase} — ${m.detail.replace(/\d+ km off/, 'far off')}`) ?? 0) + 1,
      );
    const kinds = new Map<string, number>();
    for (const m of total.misses) {
      const kind = m.wrong ? wrongKind(m.wrong) : m.detail;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    explanations.push(`${name} misses: ${[...kinds].map(([k, v]) => `${k} ${v}`).join(', ')}; most frequent:`);
    for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 30))
      explanations.push(`  ${v.toString().padStart(4)}  ${k}`);
    explainFarMisses(name, farMisses);
  }
  if (listMisses) explanations.push(`${name} every miss (class | toponym | found over it | context):`, ...missLines);
}

type GoldToponym = { phrase: string; start: number; end: number; lat: number | null; lon: number | null };
type MissedToponym = { miss: GeoparsingScore['misses'][number]; t: GoldToponym; hit?: ExtractedLocation };

/**
 * The toponym behind each of `scored.misses`, with the location found over it: the misses come
 * in the order `scoreGeoparsing` makes them (toponyms with a point, in article order), so the
 * walk repeats its test of each toponym.
 */
function missedToponyms(toponyms: GoldToponym[], scored: GeoparsingScore, x: Extraction): MissedToponym[] {
  const over = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    a.start < b.end && b.start < a.end;
  const counted = x.locations.flatMap((loc) =>
    loc.mentions.filter((m) => COUNTED_USES.geoparsing.includes(m.use ?? 'PLACE')).map((m) => ({ loc, m })),
  );
  const out: MissedToponym[] = [];
  for (const t of toponyms) {
    if (t.lat === null || t.lon === null) continue;
    const loc = counted.find(({ m }) => over(m, t))?.loc;
    const right =
      loc?.latitude != null &&
      loc.longitude != null &&
      distanceKm({ lat: t.lat, lon: t.lon }, { lat: loc.latitude, lon: loc.longitude }) <= 161;
    const miss = scored.misses[out.length];
    if (!right && miss) out.push({ miss, t, hit: loc });
  }
  return out;
}

/** One line per missed toponym: its class, the mentions over it (rule, span, the name looked up) and its context. */
function missesInContext(missed: MissedToponym[], x: Extraction): string[] {
  const text = x.cleanText;
  return missed.map(({ miss, t, hit }) => {
    const traced = x.trace?.mentions.filter((m) => m.start < t.end && t.start < m.end) ?? [];
    const found = [
      ...traced.map((m) => `${m.type}:${m.rule} "${text.slice(m.start, m.end)}"`),
      ...(hit ? [`loc "${hit.name}" ${hit.countryCode ?? ''}`] : []),
    ].join('; ');
    const context = `${text.slice(Math.max(0, t.start - 70), t.start)}[[${text.slice(t.start, t.end)}]]${text.slice(t.end, t.end + 50)}`;
    return `  ${miss.wrong ? 'far off' : miss.detail} | ${t.phrase} | ${found || '-'} | ${context.replace(/\s+/g, ' ')}`;
  });
}

const started = performance.now();
for (const input of inputs) {
  for (const source of classify(resolve(input))) {
    if (source.kind === 'gold') evalGold(source.file);
    else if (source.kind === 're3d') evalRe3d(source.dir);
    else if (source.kind === 'polnear') evalPolnear(source.dir);
    else if (source.kind === 'geoparsing') evalGeoparsing(source.file);
    else evalPlover(source.file);
  }
}

console.log(`claimgraph extraction eval — extractor ${EXTRACTOR_VERSION}`);
console.log('Data: re3d by Dstl (Defence Science and Technology Laboratory), public-domain subsets;');
console.log('      PLOVER gold standard records by the PLOVER project (openeventdata), CC BY-SA 4.0;');
console.log(
  '      PolNeAR by Edward Newell et al. (LREC 2018); LGL (Lieberman et al.) and TR-News (Kamalloo and Rafiei)',
);
console.log('      via the Pragmatic Guide to Geoparsing Evaluation (Gritta et al.). Points: GeoNames (geonames.org).');
console.log(
  `Counted as toponyms: LGL/TR-News every place use (${COUNTED_USES.geoparsing.join(', ')}: "in Iran", "Iran said", "Iranian");`,
);
console.log(
  `      re3d Locations only ${COUNTED_USES.re3d.join(', ')} (its gold marks a state acting as Organisation, a demonym as Nationality).`,
);
for (const m of missingSets) console.log(`Missing, skipped: ${m}`);
console.log('');
const header = ['source', 'measure', 'P', 'R', 'F1', 'detail'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]!))).join('  ');
console.log(fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(fmt(r));
if (explanations.length) console.log(`\n${explanations.join('\n')}`);
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
if (asJson) console.log(JSON.stringify(result));
