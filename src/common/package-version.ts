import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The package's version, read once (dist/src/common → package root, or src/common in tests). */
export const PACKAGE_VERSION: string = (() => {
  for (const up of ['../../..', '../..']) {
    try {
      return (JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
})();
