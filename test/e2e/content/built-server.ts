import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../../utils/built-dist';

const DIST_SERVER = join(ROOT, 'dist/src/main.js');

/** The server entry point a start-up test runs, and how to clean up after it. */
export interface BuiltServer {
  readonly entry: string;
  dispose(): void;
}

/**
 * `dist/` when it is newer than every source (as after `npm test`'s pretest build), otherwise
 * a private build under node_modules/.cache: rebuilding the shared dist/ would pull it from
 * under other test files running the built binaries at the same time.
 */
export function builtServer(): BuiltServer {
  const newest = Math.max(...['src', 'migrations'].flatMap((p) => listFiles(join(ROOT, p))).map((f) => statSync(f).mtimeMs));
  if (existsSync(DIST_SERVER) && statSync(DIST_SERVER).mtimeMs >= newest) return { entry: DIST_SERVER, dispose: () => undefined };
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const out = mkdtempSync(join(ROOT, 'node_modules/.cache/sp-start-test-'));
  const build = spawnSync(join(ROOT, 'node_modules/.bin/swc'), ['src', 'migrations', '-d', out, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`swc build failed:\n${build.stdout}\n${build.stderr}`);
  return { entry: join(out, 'src/main.js'), dispose: () => rmSync(out, { recursive: true, force: true }) };
}

export interface StartAttempt {
  code: number | null;
  stderr: string;
  /** The services folder the files were written to. */
  services: string;
}

/**
 * Starts the built server on a throwaway profile, services folder and in-memory database, for
 * tests where the start must be refused. A start that succeeds is stopped by the timeout and
 * reported with a null code.
 */
export function attemptStart(server: BuiltServer, services: Record<string, string>, env: Record<string, string> = {}): StartAttempt {
  const dir = mkdtempSync(join(tmpdir(), 'sp-start-'));
  try {
    const servicesDir = join(dir, 'services');
    for (const [file, content] of Object.entries(services)) {
      mkdirSync(dirname(join(servicesDir, file)), { recursive: true });
      writeFileSync(join(servicesDir, file), content);
    }
    const profile = `server:\n  host: 127.0.0.1\n  port: 0\npaths:\n  services: ${servicesDir}\n  data: ${join(dir, 'data')}\nsecrets:\n  source: env\nruntime:\n  log_level: silent\n`;
    writeFileSync(join(dir, 'profile.yaml'), profile);
    const result = spawnSync('node', [server.entry], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        PATH: process.env.PATH ?? '',
        SYSTEMPROMPT_PROFILE: join(dir, 'profile.yaml'),
        JWT_SECRET: 'start-test-secret-that-is-long-enough-0000',
        DATABASE_URL: 'pglite://memory',
        ...env,
      },
    });
    return { code: result.status, stderr: result.stderr, services: servicesDir };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => listFiles(join(path, entry.name)));
}
