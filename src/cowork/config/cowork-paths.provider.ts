import * as path from 'node:path';
import type { CoworkEnv } from '../cowork.types';

/** Where the helper keeps its configuration and its token cache on this machine. */
export interface CoworkPaths {
  readonly configFile: string;
  /** True when SP_COWORK_CONFIG named the file, so a missing file is an error, not a default. */
  readonly configExplicit: boolean;
  readonly cacheFile: string;
}

export interface PlatformFacts {
  readonly env: CoworkEnv;
  readonly platform: NodeJS.Platform;
  readonly home: string;
}

const APP_DIR = 'systemprompt';
const CONFIG_NAME = 'cowork.toml';
const CACHE_NAME = 'cowork-token.json';

/**
 * The per-OS conventions: XDG on Linux and the BSDs, ~/Library on macOS, %APPDATA% and
 * %LOCALAPPDATA% on Windows. The platform is a parameter so every branch is unit-tested.
 */
export function resolveCoworkPaths({ env, platform, home }: PlatformFacts): CoworkPaths {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const explicit = nonEmpty(env.SP_COWORK_CONFIG);
  const base = baseDirs(env, platform, home, p);
  return {
    configFile: explicit ?? p.join(base.config, APP_DIR, CONFIG_NAME),
    configExplicit: explicit !== null,
    cacheFile: p.join(base.cache, APP_DIR, CACHE_NAME),
  };
}

function baseDirs(env: CoworkEnv, platform: NodeJS.Platform, home: string, p: path.PlatformPath): { config: string; cache: string } {
  switch (platform) {
    case 'darwin':
      return { config: p.join(home, 'Library', 'Application Support'), cache: p.join(home, 'Library', 'Caches') };
    case 'win32':
      return {
        config: nonEmpty(env.APPDATA) ?? p.join(home, 'AppData', 'Roaming'),
        cache: nonEmpty(env.LOCALAPPDATA) ?? p.join(home, 'AppData', 'Local'),
      };
    default:
      // The XDG spec says a relative value is invalid and must be ignored.
      return {
        config: absolute(env.XDG_CONFIG_HOME, p) ?? p.join(home, '.config'),
        cache: absolute(env.XDG_CACHE_HOME, p) ?? p.join(home, '.cache'),
      };
  }
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value : null;
}

function absolute(value: string | undefined, p: path.PlatformPath): string | null {
  const v = nonEmpty(value);
  return v !== null && p.isAbsolute(v) ? v : null;
}
