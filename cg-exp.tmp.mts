import { build } from 'esbuild';
import { esbuildOptions } from './infra/bundling.ts';
import { runColdStart, graphqlEvent, buildHandlerBundle, buildHelloBundle } from './bench/bundle.ts';
import { EXAMPLE_OPERATION } from './schema/server.ts';
import { readFileSync } from 'node:fs';
const opts = esbuildOptions('/tmp/cg-nocomp');
await build({ ...opts, plugins: [{ name: 'stub', setup(b) { b.onResolve({ filter: /^compromise$/ }, () => ({ path: 'stub', namespace: 'stub' })); b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default { model: () => ({ one: { lexicon: {}, abbreviations: {} } }) }', loader: 'js' })); } }] });
await buildHandlerBundle('/tmp/cg-bundle');
const hello = await buildHelloBundle('/tmp/cg-hello');
const ep = readFileSync('/tmp/cgprof/dyn.out', 'utf8').trim();
const env = { TABLE_NAME: 'bench-t', DYNAMODB_ENDPOINT: ep };
for (let i = 0; i < 5; i++) {
  const a = await runColdStart('/tmp/cg-bundle/index.mjs', graphqlEvent(EXAMPLE_OPERATION), env);
  const b = await runColdStart('/tmp/cg-nocomp/index.mjs', graphqlEvent(EXAMPLE_OPERATION), env);
  const h = await runColdStart(hello.outfile, graphqlEvent('{ hello }'), env);
  console.log('full', a.ms.toFixed(0), a.importMs.toFixed(0), '| nocompromise', b.ms.toFixed(0), b.importMs.toFixed(0), '| hello', h.ms.toFixed(0), h.importMs.toFixed(0));
}
