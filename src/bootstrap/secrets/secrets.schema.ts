import { z } from 'zod';

/** The secrets of a deployment. Every field here is secret: logs and `admin config show` mask them. */
export const secretsSchema = z.strictObject({
  jwt_secret: z.string().min(32, 'must be at least 32 characters'),
  database_url: z.string().default(''),
  redis_url: z.string().optional(),
  anthropic: z.string().min(1).optional(),
  openai: z.string().min(1).optional(),
  gemini: z.string().min(1).optional(),
  /** Ed25519 private key (PKCS#8 PEM) signing the bridge manifest; generated when absent. */
  manifest_signing_key: z.string().min(1).optional(),
  custom: z.record(z.string(), z.string()).default({}),
});

export type Secrets = z.infer<typeof secretsSchema>;

/** Checks that only `strict` turns into errors; `warn` logs them, `skip` ignores them. */
export const secretsFormatChecks: { field: keyof Secrets; test: (v: string) => boolean; reason: string }[] = [
  {
    field: 'database_url',
    test: (v) => v === '' || /^(postgres|postgresql|pglite):\/\//.test(v),
    reason: 'must be empty, postgres://…, postgresql://… or pglite://PATH',
  },
  { field: 'redis_url', test: (v) => /^rediss?:\/\//.test(v), reason: 'must start with redis:// or rediss://' },
];

/** Environment variables that feed (and override) the secrets. */
export const SECRET_ENV_VARS: Record<string, Exclude<keyof Secrets, 'custom'>> = {
  JWT_SECRET: 'jwt_secret',
  DATABASE_URL: 'database_url',
  REDIS_URL: 'redis_url',
  ANTHROPIC_API_KEY: 'anthropic',
  OPENAI_API_KEY: 'openai',
  GEMINI_API_KEY: 'gemini',
  SYSTEMPROMPT_MANIFEST_SIGNING_KEY: 'manifest_signing_key',
};
export const CUSTOM_SECRET_ENV_PREFIX = 'SYSTEMPROMPT_SECRET_';
