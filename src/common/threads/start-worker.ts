import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `<dir>/<name>`: its compiled `.js` in a build. Run from the
 * TypeScript sources (the test runner), the thread compiles the modules it loads with SWC, as
 * Jest does for the main thread, so tests exercise the same worker code as production.
 */
export function startWorker(dir: string, name: string, workerData: unknown): Worker {
  if (!__filename.endsWith('.ts')) return new Worker(join(dir, `${name}.js`), { workerData });
  return new Worker(typescriptBootstrap(join(dir, `${name}.ts`)), { eval: true, workerData });
}

/** Only reached from the sources, where the dev dependency `@swc/core` is installed. */
function typescriptBootstrap(entry: string): string {
  const swc = JSON.stringify(require.resolve('@swc/core'));
  return `
const { readFileSync } = require('node:fs');
const { transformSync } = require(${swc});
const options = (filename) => ({ filename, swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } });
require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'), options(filename)).code, filename);
require(${JSON.stringify(entry)});
`;
}
