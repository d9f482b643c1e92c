import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
const BUILT_MAIN = path.join(ROOT, 'dist/src/cowork/main.js');

/** Builds once, and only when dist/ is missing or older than src/cowork: the test runs the built binary. */
export function ensureBuilt(): void {
  const sourceTimes = listFiles(path.join(ROOT, 'src/cowork')).map((file) => statSync(file).mtimeMs);
  if (existsSync(BUILT_MAIN) && statSync(BUILT_MAIN).mtimeMs >= Math.max(...sourceTimes)) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A private HOME with XDG folders, so runs never see the developer's real config or cache. */
export class Sandbox {
  private static readonly created: string[] = [];
  readonly home = mkdtempSync(path.join(tmpdir(), 'cowork-e2e-'));
  readonly configFile = path.join(this.home, 'xdg-config/systemprompt/cowork.toml');
  readonly cacheFile = path.join(this.home, 'xdg-cache/systemprompt/cowork-token.json');

  constructor() {
    Sandbox.created.push(this.home);
  }

  /** Removes every sandbox made so far (afterAll). */
  static removeAll(): void {
    for (const dir of Sandbox.created.splice(0)) rmSync(dir, { recursive: true, force: true });
  }

  writeConfig(toml: string): this {
    mkdirSync(path.dirname(this.configFile), { recursive: true });
    writeFileSync(this.configFile, toml, { mode: 0o600 });
    return this;
  }

  path(...parts: string[]): string {
    return path.join(this.home, ...parts);
  }

  run(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: this.home,
      XDG_CONFIG_HOME: path.join(this.home, 'xdg-config'),
      XDG_CACHE_HOME: path.join(this.home, 'xdg-cache'),
      ...extraEnv,
    };
    return new Promise((resolve, reject) => {
      const child = spawn('node', ['bin/systemprompt-cowork.js', ...args], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }
}

/** stdout must be exactly one line holding one JSON object. */
export function singleJson(stdout: string): Record<string, unknown> {
  const lines = stdout.split('\n');
  if (lines.length !== 2 || lines[1] !== '') throw new Error(`expected one line of JSON, got: ${JSON.stringify(stdout)}`);
  const value: unknown = JSON.parse(lines[0] ?? '');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not a JSON object: ${stdout}`);
  return value as Record<string, unknown>;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.name.endsWith('.spec.ts') ? [] : [full];
  });
}
