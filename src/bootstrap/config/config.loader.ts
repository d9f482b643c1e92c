import { isAbsolute, join, resolve } from 'node:path';
import { PAT_PATTERN } from '../../common/auth/personal-access-token';
import { BootstrapError } from '../bootstrap.error';
import type { Credentials } from '../credentials/credentials.loader';
import type { LoadedProfile } from '../profile/profile.loader';
import type { LoadedSecrets } from '../secrets/secrets.loader';
import type { AppConfig, DatabaseTarget } from './app-config';
import { deepFreeze } from './deep-freeze';
import { loadTracingConfig } from './tracing.loader';

/** A check an extension (or a core module) runs against the aggregated config. */
export type ConfigValidator = (config: AppConfig) => void | string | string[];

export interface ConfigInputs {
  profile: LoadedProfile;
  secrets: LoadedSecrets;
  credentials: Credentials;
  env: Readonly<Record<string, string | undefined>>;
  validators?: { name: string; validate: ConfigValidator }[];
}

/** Stage 4: aggregate profile, secrets and credentials into one frozen, typed config. */
export function buildConfig(inputs: ConfigInputs): AppConfig {
  const { profile: loaded, secrets, credentials, env } = inputs;
  const p = loaded.profile;
  const adminPat = env.SYSTEMPROMPT_ADMIN_PAT || null;
  if (adminPat !== null && !PAT_PATTERN.test(adminPat)) {
    throw new BootstrapError('config', '(environment)', 'SYSTEMPROMPT_ADMIN_PAT', 'must have the PAT format sp-live-<12 hex>.<52 hex>');
  }
  const config: AppConfig = {
    profileFile: loaded.file,
    profileDir: loaded.dir,
    site: p.site,
    server: p.server,
    paths: p.paths,
    security: p.security,
    rateLimits: p.rate_limits,
    gateway: p.gateway,
    governance: p.governance,
    runtime: p.runtime,
    oauth: p.oauth,
    observability: p.observability,
    tracing: loadTracingConfig(env),
    secrets: secrets.secrets,
    secretsSource: secrets.source,
    credentials,
    database: databaseTarget(secrets.secrets.database_url, p.paths.data, loaded.dir),
    redisUrl: secrets.secrets.redis_url || null,
    adminPat,
    publicUrl: (p.server.api_external_url ?? `http://${displayHost(p.server.host)}:${p.server.port}`).replace(/\/$/, ''),
  };
  for (const validator of inputs.validators ?? []) runValidator(validator, config);
  return deepFreeze(config);
}

function databaseTarget(url: string, dataDir: string, profileDir: string): DatabaseTarget {
  if (url === '') return { kind: 'embedded', dataDir: join(dataDir, 'pglite') };
  if (url.startsWith('pglite://')) {
    const path = url.slice('pglite://'.length);
    if (path === '' || path === 'memory' || path === 'memory/') return { kind: 'embedded', dataDir: 'memory://' };
    return { kind: 'embedded', dataDir: isAbsolute(path) ? path : resolve(profileDir, path) };
  }
  return { kind: 'postgres', url };
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

function runValidator(validator: { name: string; validate: ConfigValidator }, config: AppConfig): void {
  const outcome = validator.validate(config);
  const problems = outcome === undefined ? [] : Array.isArray(outcome) ? outcome : [outcome];
  if (problems.length > 0) {
    throw new BootstrapError('config', config.profileFile, validator.name, problems.join('; '));
  }
}
