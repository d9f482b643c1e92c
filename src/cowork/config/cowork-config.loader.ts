import { readFileSync, statSync } from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import { CoworkError, describeError } from '../cowork.errors';
import type { CoworkConfig, CoworkEnv } from '../cowork.types';
import type { CoworkPaths } from './cowork-paths.provider';
import { normaliseGatewayUrl, parseCoworkConfig } from './cowork-config.schema';

const EMPTY: CoworkConfig = { source: null, gatewayUrl: null, pat: null, session: null, mtls: null, manifest: null };

/**
 * Reads cowork.toml (absent is fine unless SP_COWORK_CONFIG named it), validates it, then lets
 * SP_COWORK_GATEWAY_URL and SP_COWORK_PAT override it: a managed device can ship the file and
 * a user or MDM script can still point one shell at another gateway.
 */
export function loadCoworkConfig(env: CoworkEnv, paths: CoworkPaths, warn: (line: string) => void): CoworkConfig {
  const fromFile = readConfigFile(paths, warn);
  const gatewayEnv = nonEmpty(env.SP_COWORK_GATEWAY_URL);
  const patEnv = nonEmpty(env.SP_COWORK_PAT);
  return {
    ...fromFile,
    gatewayUrl: gatewayEnv === null ? fromFile.gatewayUrl : normaliseGatewayUrl(gatewayEnv, 'SP_COWORK_GATEWAY_URL'),
    pat: patEnv ?? fromFile.pat,
  };
}

/** The gateway URL, or the exit-2 error that tells the user both places to set it. */
export function requireGatewayUrl(config: CoworkConfig, paths: CoworkPaths): string {
  if (config.gatewayUrl !== null) return config.gatewayUrl;
  throw new CoworkError(
    'GATEWAY_URL_MISSING',
    `no gateway URL configured: set gateway_url in ${config.source ?? paths.configFile} or SP_COWORK_GATEWAY_URL`,
  );
}

function readConfigFile(paths: CoworkPaths, warn: (line: string) => void): CoworkConfig {
  const file = paths.configFile;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (isNotFound(error) && !paths.configExplicit) return EMPTY;
    throw new CoworkError('CONFIG_INVALID', `${file}: cannot read the configuration (${describeError(error)})`);
  }
  let raw: Record<string, unknown>;
  try {
    raw = parse(text);
  } catch (error) {
    const where = error instanceof TomlError ? `line ${error.line}, column ${error.column}: ` : '';
    const message = error instanceof Error ? error.message : String(error);
    // smol-toml appends a code excerpt after the first line; the excerpt may show a credential.
    const reason = (message.split('\n')[0] ?? '').replace(/^Invalid TOML document:\s*/, '');
    throw new CoworkError('CONFIG_INVALID', `${file}: ${where}invalid TOML (${reason})`);
  }
  const config = parseCoworkConfig(raw, file);
  if (config.pat !== null || config.session !== null) warnIfShared(file, warn);
  return config;
}

/** Like ssh with a private key: a credential in a file others can read deserves a warning. */
function warnIfShared(file: string, warn: (line: string) => void): void {
  if (process.platform === 'win32') return;
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    warn(`warning: ${file} holds a credential and is readable by other users (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600 on it`);
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

function nonEmpty(value: string | undefined): string | null {
  return value !== undefined && value.trim() !== '' ? value.trim() : null;
}
