/**
 * Extraction throughput on one core: articles of ~3 KB per second, after warm-up (the
 * gazetteer and lexicons load once per process and are not counted).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extract } from '../lib/extract/index.js';

const SAMPLE = fileURLToPath(new URL('../data/samples/karabakh-shushi.txt', import.meta.url));

// Used when the shared sample is not beside the project: varied styles, ~3 KB together.
const FALLBACK = [
  'Russian forces shelled the city of Kharkiv overnight, killing three civilians, the Ukrainian Defence Ministry said in a statement on Tuesday.',
  'More than 1,200 people have been displaced by fighting in El Fasher, according to the United Nations.',
  'The Kremlin denied that its troops had struck a hospital in Kherson.',
  'Israel accused Hamas of using civilian buildings in Gaza City as command centres.',
  '"We will not allow the city to fall," the army spokesman said on Sunday.',
  'The Rapid Support Forces said on Monday they had taken control of Nyala, the capital of South Darfur. The Sudanese army denied the claim.',
  'Ukrainian President Volodymyr Zelenskiy told reporters that Russian troops had withdrawn from Kherson.',
  'Hamas said at least 20 people were killed in Israeli strikes on Rafah on Saturday.',
  'Heavy fighting continued near Bakhmut for a third week. The town lies in the Donetsk region.',
].join('\n');

function articles(): string[] {
  const base = existsSync(SAMPLE) ? readFileSync(SAMPLE, 'utf8') : FALLBACK;
  // Variants defeat any caching by identical input while keeping the size (~3 KB).
  return Array.from({ length: 20 }, (_, i) => `${base}\nUpdate ${i}: officials said talks would resume on Thursday.`);
}

export async function benchExtract(): Promise<{ name: string; value: number; unit: string; reference?: string }> {
  const docs = articles();
  const meta = { publishedAt: '2020-11-09T12:00:00Z' };
  for (const d of docs) extract(d, meta); // warm-up: loads the gazetteer, JIT
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 2000) extract(docs[n++ % docs.length]!, meta);
  const seconds = (performance.now() - started) / 1000;
  const kb = docs.reduce((a, d) => a + d.length, 0) / docs.length / 1024;
  return {
    name: 'extractArticlesPerSecond',
    value: Math.round(n / seconds),
    unit: `articles/s (${kb.toFixed(1)} KB each, one core)`,
    reference: 'target >= 50',
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await benchExtract());
}
