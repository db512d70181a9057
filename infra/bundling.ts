/**
 * How the Lambda handler is bundled, in one place: the CDK stack and the bundle benchmark
 * both build with `esbuildOptions` (esbuild's JS API), so what is measured is what is
 * deployed.
 *
 * The bundle is split (esbuild code splitting): `index.mjs` holds what answering a query
 * needs; code reached only through a dynamic `import()` (extraction: compromise, the
 * lexicons, the gazetteer, loaded by lib/ingest.ts on the first ingest) goes to chunks next
 * to it, which a cold start that only answers queries never loads or parses. CDK's
 * NodejsFunction cannot split (it passes esbuild one `--outfile`), so the stack bundles
 * through an asset with local bundling instead (`handlerCode`), with no Docker.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync } from 'esbuild';

/** The project root (where package.json, data/ and functions/ are). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The handler's source file and exported function. */
export const HANDLER_ENTRY = join(PROJECT_ROOT, 'functions', 'graphql.ts');
export const HANDLER_EXPORT = 'handler';

/** The Lambda runtime's Node.js major version; the bundle targets it. */
export const NODE_MAJOR = 24;

/**
 * Lets CommonJS dependencies call `require` inside the ESM bundle (esbuild otherwise turns
 * their `require('node:…')` calls into a throwing shim). esbuild adds it to every chunk.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Files the handler reads at run time, copied next to the bundled file (paths from the root). */
export const BUNDLE_ASSETS = ['data/gazetteer.tsv.gz'] as const;

/** The esbuild settings, in esbuild's own terms. */
export const BUNDLE = {
  format: 'esm',
  platform: 'node',
  target: `node${NODE_MAJOR}`,
  minify: true,
  sourcemap: true,
  // Stack traces need names and lines, not the sources: keeps the .map small to parse.
  sourcesContent: false,
  // One copy of dual-published packages (graphql ships CJS and ESM builds): always the ESM one.
  mainFields: ['module', 'main'],
  // ...and for deep imports with no extension (graphql-armor's `graphql/language/parser`):
  // without `.mjs` first they load graphql's CommonJS parser, lexer and errors a second time.
  resolveExtensions: ['.mjs', '.tsx', '.ts', '.jsx', '.js', '.css', '.json'],
  banner: ESM_REQUIRE_BANNER,
  // Everything is bundled, the AWS SDK included (not the runtime's copy: pinned and tree-shaken).
  external: [] as string[],
  // Dynamic imports become chunks loaded on first use (see above).
  splitting: true,
} as const;

/**
 * NODE_OPTIONS of each function, as deployed and as bench/bundle.ts measures a cold start.
 * The query function runs without `--enable-source-maps`: with it, Node reads and parses the
 * map of every chunk it loads, at load, which made a third of this handler's cold start
 * (import and first answer: about 197 ms of CPU with the flag, 148 without; the minimal peer
 * 141 and 111). The handler maps the stack traces it logs itself, on the first error
 * (lib/stack-trace.ts). The ingest worker keeps the flag: its cold start is no client's wait,
 * and it is dominated by loading the gazetteer.
 */
export const NODE_OPTIONS: { readonly graphql?: string; readonly ingestWorker?: string } = {
  ingestWorker: '--enable-source-maps',
};

/** The entry file's name: the handler is `index.handler`. */
export const BUNDLE_FILE = 'index.mjs';

/** esbuild JS API options for the bundle, written to `outdir` (`index.mjs` and its chunks). */
export function esbuildOptions(outdir: string, entry: string = HANDLER_ENTRY): BuildOptions {
  return {
    entryPoints: { index: entry },
    bundle: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    // Chunks sit beside index.mjs: extraction finds the gazetteer next to its own module.
    chunkNames: '[name]-[hash]',
    splitting: BUNDLE.splitting,
    format: BUNDLE.format,
    platform: BUNDLE.platform,
    target: BUNDLE.target,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourcemap,
    sourcesContent: BUNDLE.sourcesContent,
    mainFields: [...BUNDLE.mainFields],
    resolveExtensions: [...BUNDLE.resolveExtensions],
    banner: { js: BUNDLE.banner },
    external: [...BUNDLE.external],
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'warning',
    metafile: true,
  };
}

/** A file of the deployment's own (not of the repository) put into the bundle under another name. */
export interface ExtraAsset {
  /** Path of the file, relative to the working directory of the synth. */
  from: string;
  /** Its name next to `index.mjs`. */
  to: string;
}

/** Where the operation allow-list is put in the bundle (PERSISTED_OPERATIONS_FILE of the function). */
export const PERSISTED_OPERATIONS_BUNDLE_FILE = 'persisted-operations.json';

/** Copies the run-time files next to a bundle built outside CDK (the stack's asset does the same). */
export function copyBundleAssets(outdir: string, extra: readonly ExtraAsset[] = []): void {
  mkdirSync(outdir, { recursive: true });
  for (const asset of BUNDLE_ASSETS) copyFileSync(join(PROJECT_ROOT, asset), join(outdir, basename(asset)));
  for (const asset of extra) copyFileSync(resolve(asset.from), join(outdir, asset.to));
}

/**
 * The function's code: the handler bundled by esbuild on this machine at synth, with its
 * chunks and assets. The asset's hash is that of the output, so an unchanged bundle is not
 * uploaded again. The Docker image is only named because CDK requires one: local bundling
 * always succeeds or throws, so Docker is never used.
 */
export function handlerCode(entry: string = HANDLER_ENTRY, extra: readonly ExtraAsset[] = []): Code {
  return Code.fromAsset(join(PROJECT_ROOT, 'functions'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      // CDK caches a bundle by its source folder and these options, not by what `local`
      // does: naming the entry here gives each handler (GraphQL, ingest worker) its own bundle.
      environment: {
        CLAIMGRAPH_ENTRY: relative(PROJECT_ROOT, entry),
        ...(extra.length > 0 ? { CLAIMGRAPH_EXTRA_ASSETS: extra.map((asset) => resolve(asset.from)).join(',') } : {}),
      },
      local: {
        tryBundle(outputDir: string): boolean {
          buildSync({ ...esbuildOptions(outputDir, entry), metafile: false, logLevel: 'error' });
          copyBundleAssets(outputDir, extra);
          return true;
        },
      },
    },
  });
}
