import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BootstrapError } from '../bootstrap.error';
import type { Profile } from '../profile/profile.schema';
import { describeIssue } from '../zod-issue';
import { CUSTOM_SECRET_ENV_PREFIX, SECRET_ENV_VARS, type Secrets, secretsFormatChecks, secretsSchema } from './secrets.schema';

export interface LoadedSecrets {
  secrets: Secrets;
  /** Where they came from: the file path, or `environment`. */
  source: string;
  /** Format problems tolerated by `validation: warn`; no values in them. */
  warnings: string[];
}

/** Stage 2: read secrets from the file and/or the environment (environment wins), then validate. */
export function loadSecrets(settings: Profile['secrets'], env: Readonly<Record<string, string | undefined>>): LoadedSecrets {
  const fromFile = settings.source === 'file' ? readSecretsFile(settings) : {};
  const source = settings.source === 'file' ? (settings.path ?? '(no path)') : 'environment';
  const merged = applyEnv(fromFile, env);

  const result = secretsSchema.safeParse(merged);
  if (!result.success) {
    const { field, reason } = describeIssue(result.error.issues[0]!);
    const hint = field === 'jwt_secret' && reason.startsWith('Invalid input') ? 'is required (JWT_SECRET or the secrets file)' : reason;
    throw new BootstrapError('secrets', source, field, hint);
  }
  const warnings: string[] = [];
  if (settings.validation !== 'skip') {
    for (const check of secretsFormatChecks) {
      const value = result.data[check.field];
      if (typeof value !== 'string' || check.test(value)) continue;
      if (settings.validation === 'strict') throw new BootstrapError('secrets', source, check.field, check.reason);
      warnings.push(`${check.field} ${check.reason}`);
    }
  }
  return { secrets: result.data, source, warnings };
}

function readSecretsFile(settings: Profile['secrets']): Record<string, unknown> {
  const path = settings.path;
  if (!path) throw new BootstrapError('secrets', '(profile)', 'secrets.path', 'is required when secrets.source is file');
  if (!existsSync(path)) {
    if (!settings.create_if_missing) throw new BootstrapError('secrets', path, '(file)', 'file not found');
    createSecretsFile(path);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new BootstrapError('secrets', path, '(file)', `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    // The parser's message may quote file content, which is secret: report only the fact.
    throw new BootstrapError('secrets', path, '(file)', 'is not a JSON object');
  }
}

/** First start of the zero-setup profile: a random jwt_secret, readable only by this user. */
function createSecretsFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const secrets = { jwt_secret: randomBytes(48).toString('base64url') };
  writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
}

function applyEnv(base: Record<string, unknown>, env: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [name, field] of Object.entries(SECRET_ENV_VARS)) {
    const value = env[name];
    if (value !== undefined && value !== '') out[field] = value;
  }
  const custom: Record<string, unknown> = { ...((base.custom as Record<string, unknown> | undefined) ?? {}) };
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith(CUSTOM_SECRET_ENV_PREFIX) && value !== undefined && value !== '') {
      custom[name.slice(CUSTOM_SECRET_ENV_PREFIX.length).toLowerCase()] = value;
    }
  }
  out.custom = custom;
  return out;
}
