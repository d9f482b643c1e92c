import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** Tests of built binaries build once if `npm test`'s pretest build has not run. */
export function ensureBuilt(entry = 'dist/src/main.js'): void {
  if (!existsSync(join(ROOT, entry))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}
