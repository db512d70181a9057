/**
 * Stack traces in source terms (`lib/store/client.ts:212:7`, not `index.mjs:1:48213`) for the
 * errors a bundled function logs, without Node's `--enable-source-maps`: that flag makes Node
 * read and parse the map of every file it loads, at load, which costs a cold start more than a
 * quarter of its time (see infra/bundling.ts). Here a map is read only when a logged error
 * names its file, once per process.
 */
import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapping } from 'node:module';
import { fileURLToPath } from 'node:url';

/** By bundle file: its map, or undefined when it has none (or it does not parse). */
const maps = new Map<string, SourceMap | undefined>();

function sourceMapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** `file:///…/x.mjs:line:column` as V8 writes a frame of an ES module (1-based line and column). */
const MODULE_FRAME = /file:\/\/[^\s()]+?\.mjs:(\d+):(\d+)/g;

/**
 * `stack` with each frame in a bundled module that has a `.map` beside it written as its
 * source file, line and column. The map names sources relative to the folder the bundle was
 * built in; the `../` that lead out of it say nothing in a log and are left out
 * (`lib/store/client.ts`, `node_modules/@smithy/…`). Frames the map does not cover, and files
 * with no map, stay as they are. Function names stay the bundle's (minified).
 */
export function sourceMappedStack(stack: string): string {
  return stack.replace(MODULE_FRAME, (frame, line: string, column: string) => {
    const url = frame.slice(0, frame.length - line.length - column.length - 2);
    const map = sourceMapOf(fileURLToPath(url));
    const entry = map?.findEntry(Number(line) - 1, Number(column) - 1);
    if (!entry || !('originalSource' in entry)) return frame;
    const { originalSource, originalLine, originalColumn } = entry as SourceMapping;
    return `${originalSource.replace(/^(\.\.\/)+/, '')}:${originalLine + 1}:${originalColumn + 1}`;
  });
}

/** The same error, its stack (and its causes' stacks) in source terms; anything else as it is. */
export function withSourceStack<T>(error: T): T {
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause.stack) cause.stack = sourceMappedStack(cause.stack);
  }
  return error;
}
