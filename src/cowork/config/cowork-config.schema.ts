import { createPublicKey } from 'node:crypto';
import * as path from 'node:path';
import { CoworkError } from '../cowork.errors';
import type { CoworkConfig } from '../cowork.types';

/**
 * The cowork.toml schema. Hand-written rather than zod: the helper runs on every token refresh,
 * so it stays light, and each message names the file and the dotted key, like the bootstrap's.
 */
const SECTIONS = {
  session: ['token'],
  mtls: ['cert', 'key'],
  manifest: ['public_key'],
} as const;
const TOP_LEVEL = ['gateway_url', 'pat', ...Object.keys(SECTIONS)];

type Table = Readonly<Record<string, unknown>>;

/** Validates a parsed cowork.toml; `file` is used in messages and to resolve relative paths. */
export function parseCoworkConfig(raw: Table, file: string): CoworkConfig {
  rejectUnknownKeys(raw, TOP_LEVEL, '', file);
  const session = section(raw, 'session', file);
  const mtls = section(raw, 'mtls', file);
  const manifest = section(raw, 'manifest', file);
  const gatewayUrl = optionalString(raw, 'gateway_url', '', file);
  return {
    source: file,
    gatewayUrl: gatewayUrl === null ? null : normaliseGatewayUrl(gatewayUrl, `${file}: gateway_url`),
    pat: optionalString(raw, 'pat', '', file),
    session: session && { token: requiredString(session, 'token', 'session.', file) },
    mtls: mtls && {
      cert: path.resolve(path.dirname(file), requiredString(mtls, 'cert', 'mtls.', file)),
      key: path.resolve(path.dirname(file), requiredString(mtls, 'key', 'mtls.', file)),
    },
    manifest: manifest && { publicKeyPem: ed25519Pem(requiredString(manifest, 'public_key', 'manifest.', file), file) },
  };
}

/**
 * An http(s) origin with an optional path prefix, without a trailing slash, so endpoint paths
 * can be appended. `where` names the file and key (or the environment variable) for messages.
 */
export function normaliseGatewayUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CoworkError('CONFIG_INVALID', `${where}: '${value}' is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CoworkError('CONFIG_INVALID', `${where}: must be an http:// or https:// URL`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new CoworkError('CONFIG_INVALID', `${where}: must not carry credentials, a query or a fragment`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function section(raw: Table, name: keyof typeof SECTIONS, file: string): Table | null {
  const value = raw[name];
  if (value === undefined) return null;
  if (!isTable(value)) throw invalid(file, name, 'must be a table ([' + name + '])');
  rejectUnknownKeys(value, SECTIONS[name], `${name}.`, file);
  return value;
}

function rejectUnknownKeys(table: Table, allowed: readonly string[], prefix: string, file: string): void {
  const unknown = Object.keys(table).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw invalid(file, prefix + unknown, `unknown key (allowed: ${allowed.map((k) => prefix + k).join(', ')})`);
  }
}

function optionalString(table: Table, key: string, prefix: string, file: string): string | null {
  const value = table[key];
  if (value === undefined) return null;
  if (typeof value !== 'string') throw invalid(file, prefix + key, 'must be a string');
  if (value.trim() === '') throw invalid(file, prefix + key, 'must not be empty (remove the key instead)');
  return value.trim();
}

function requiredString(table: Table, key: string, prefix: string, file: string): string {
  const value = optionalString(table, key, prefix, file);
  if (value === null) throw invalid(file, prefix + key, 'is required in this section');
  return value;
}

function ed25519Pem(pem: string, file: string): string {
  try {
    if (createPublicKey(pem).asymmetricKeyType === 'ed25519') return pem;
  } catch {
    // Reported below with the same message as a key of the wrong type.
  }
  throw invalid(file, 'manifest.public_key', 'must be an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)');
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function invalid(file: string, field: string, reason: string): CoworkError {
  return new CoworkError('CONFIG_INVALID', `${file}: ${field}: ${reason}`);
}
