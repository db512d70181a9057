/**
 * Scores extraction: `npx tsx scripts/eval.ts [files or folders...] [--json]`.
 * With no arguments: the gold files, both re3d subsets and PLOVER under ../shared/data.
 * A folder may be a gold folder (*.json in the gold format), a re3d subset (documents.json +
 * entities.json) or a file PLOVER_GSR_CAMEO.json.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract, EXTRACTOR_VERSION } from '../lib/extract/index.js';
import {
  addShares, addSpanScores, EMPTY_SPAN_SCORE, prf, ratio, re3dGold, predictedSpans, scoreGold,
  scorePloverRecord, scoreSpans,
  type GoldFile, type GoldScore, type PloverRecord, type PloverScore, type Re3dEntity, type Share, type SpanScore,
} from '../lib/eval.js';

const here = dirname(fileURLToPath(import.meta.url));
const SHARED = resolve(here, '../../shared/data');

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const targets = args.filter((a) => !a.startsWith('--'));
const inputs = targets.length ? targets : [join(SHARED, 'gold'), join(SHARED, 're3d/us-state-department'), join(SHARED, 're3d/centcom'), join(SHARED, 'plover/PLOVER_GSR_CAMEO.json')];

type Source = { kind: 'gold'; file: string } | { kind: 're3d'; dir: string } | { kind: 'plover'; file: string };

function classify(path: string): Source[] {
  const st = statSync(path);
  if (st.isDirectory()) {
    if (existsSync(join(path, 'documents.json')) && existsSync(join(path, 'entities.json'))) return [{ kind: 're3d', dir: path }];
    return readdirSync(path)
      .filter((f) => f.endsWith('.json') || statSync(join(path, f)).isDirectory())
      .sort()
      .flatMap((f) => classify(join(path, f)));
  }
  if (basename(path).startsWith('PLOVER')) return [{ kind: 'plover', file: path }];
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
  const x = extract(readFileSync(articlePath, 'utf8'), { publishedAt: gold.input.publishedAt ?? null, title: gold.input.title ?? null });
  const s: GoldScore = scoreGold(gold, x);
  const name = basename(file, '.json');
  const d = s.locations.distanceKm;
  const claimP = ratio(s.claims.precision);
  const claimR = ratio(s.claims.found);
  const f1 = claimP + claimR ? (2 * claimP * claimR) / (claimP + claimR) : 0;
  row(`gold ${name}`, 'claims (claimant+content)', pct(claimP), pct(claimR), pct(f1), `found ${sh(s.claims.found)}`);
  row('', 'claims: cue / kind / places', '', '', '', `${sh(s.claims.cue)} / ${sh(s.claims.kind)} / ${sh(s.claims.locations)}`);
  row('', 'claims: date / quantities / restates', '', '', '', `${sh(s.claims.eventDate)} / ${sh(s.claims.quantities)} / ${sh(s.claims.restates)}`);
  row('', 'claims: notClaims errors', '', '', '', String(s.claims.notClaimErrors));
  row('', 'parties (required; P over claimants)', pct(ratio(s.parties.claimantPrecision)), pct(ratio(s.parties.found)), '', `kind ${sh(s.parties.kind)}, affiliation ${sh(s.parties.affiliation)}`);
  row('', 'locations (required + ambiguous)', '', pct(ratio(s.locations.found)), '', `distance km mean ${d.length ? (d.reduce((a, b) => a + b, 0) / d.length).toFixed(1) : '-'}, max ${d.length ? Math.max(...d).toFixed(1) : '-'}`);
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
  for (const doc of docs) {
    // The publisher is article metadata: it lets "we" in a press release resolve to its author.
    const x = extract(doc.text, { publisher: doc.sourceName });
    if (x.cleanText !== doc.text) cleanMismatch++;
    const gold = re3dGold(entities.filter((e) => e.documentId === doc._id));
    const predicted = predictedSpans(x);
    parties = addSpanScores(parties, scoreSpans(gold.parties, predicted.parties));
    locations = addSpanScores(locations, scoreSpans(gold.locations, predicted.locations));
  }
  const name = `re3d ${basename(dir)} (${docs.length} docs)`;
  for (const [label, score] of [['parties', parties], ['locations', locations]] as const) {
    for (const mode of ['overlap', 'exact'] as const) {
      const f = prf(score[mode]);
      row(label === 'parties' && mode === 'overlap' ? name : '', `${label} (${mode})`, pct(f.precision), pct(f.recall), pct(f.f1), `tp ${score[mode].tp} fp ${score[mode].fp} fn ${score[mode].fn}`);
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
  const records = (JSON.parse(readFileSync(file, 'utf8')) as PloverRecord[]).filter((r) => r.event !== 'DOCUMENT' && r.text);
  let total: PloverScore = { actors: { ok: 0, of: 0 }, eventLocations: { ok: 0, of: 0 }, attributions: { ok: 0, of: 0 }, attributionsWithClaimant: { ok: 0, of: 0 } };
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
  row(`PLOVER (${records.length} sentences)`, 'parties: actorText recall', '', pct(ratio(total.actors)), '', sh(total.actors));
  row('', 'locations: eventLoc recall', '', pct(ratio(total.eventLocations)), '', sh(total.eventLocations));
  row('', 'claims: "said"-type attribution recall', '', pct(ratio(total.attributions)), '', `${sh(total.attributions)}; with claimant party ${sh(total.attributionsWithClaimant)}`);
  result.plover = total;
}

const started = performance.now();
for (const input of inputs) {
  for (const source of classify(resolve(input))) {
    if (source.kind === 'gold') evalGold(source.file);
    else if (source.kind === 're3d') evalRe3d(source.dir);
    else evalPlover(source.file);
  }
}

console.log(`claimgraph extraction eval — extractor ${EXTRACTOR_VERSION}`);
console.log('Data: re3d by Dstl (Defence Science and Technology Laboratory), public-domain subsets;');
console.log('      PLOVER gold standard records by the PLOVER project (openeventdata), CC BY-SA 4.0.');
console.log('');
const header = ['source', 'measure', 'P', 'R', 'F1', 'detail'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
const fmt = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]!))).join('  ');
console.log(fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(fmt(r));
console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
if (asJson) console.log(JSON.stringify(result));
