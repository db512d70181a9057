/**
 * How the Lambda handler is bundled, in one place: the CDK stack (NodejsFunction, which runs
 * the project's own esbuild CLI, no Docker) and the bundle benchmark (esbuild's JS API) both
 * derive their options from `BUNDLE`, so what is measured is what is deployed.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

/** The project root (where package.json, data/ and functions/ are). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The handler's source file and exported function. */
export const HANDLER_ENTRY = join(PROJECT_ROOT, 'functions', 'graphql.ts');
export const HANDLER_EXPORT = 'handler';

/** The Lambda runtime's Node.js major version; the bundle targets it. */
export const NODE_MAJOR = 24;

/**
 * Lets CommonJS dependencies call `require` inside the ESM bundle (esbuild otherwise turns
 * their `require('node:…')` calls into a throwing shim).
 */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

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
  banner: ESM_REQUIRE_BANNER,
  // Everything is bundled, the AWS SDK included (not the runtime's copy: pinned and tree-shaken).
  external: [] as string[],
} as const;

/** The bundled file's name: NodejsFunction writes `index.mjs` for ESM. */
export const BUNDLE_FILE = 'index.mjs';

/** `NodejsFunction` bundling options: the same settings as `esbuildOptions`. */
export function nodejsBundling(): BundlingOptions {
  return {
    format: OutputFormat.ESM,
    target: BUNDLE.target,
    minify: BUNDLE.minify,
    sourceMap: BUNDLE.sourcemap,
    sourcesContent: BUNDLE.sourcesContent,
    mainFields: [...BUNDLE.mainFields],
    banner: BUNDLE.banner,
    externalModules: [...BUNDLE.external],
    bundleAwsSDK: true,
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) =>
        BUNDLE_ASSETS.map((asset) => `cp ${shellQuote(join(inputDir, asset))} ${shellQuote(join(outputDir, basename(asset)))}`),
    },
  };
}

/** esbuild JS API options for the same bundle, written to `outdir/index.mjs`. */
export function esbuildOptions(outdir: string, entry: string = HANDLER_ENTRY): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    outfile: join(outdir, BUNDLE_FILE),
    format: BUNDLE.format,
    platform: BUNDLE.platform,
    target: BUNDLE.target,
    minify: BUNDLE.minify,
    sourcemap: BUNDLE.sourcemap,
    sourcesContent: BUNDLE.sourcesContent,
    mainFields: [...BUNDLE.mainFields],
    banner: { js: BUNDLE.banner },
    external: [...BUNDLE.external],
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'warning',
    metafile: true,
  };
}

/** What the `afterBundling` hook does, for bundles built outside CDK. */
export function copyBundleAssets(outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  for (const asset of BUNDLE_ASSETS) copyFileSync(join(PROJECT_ROOT, asset), join(outdir, basename(asset)));
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
