import { z } from 'zod';
import { observabilitySchema } from './observability.schema';

/** Model patterns: `*`, `prefix*`, `*suffix`, `*middle*` or an exact name. */
const modelPattern = z
  .string()
  .min(1)
  .refine((p) => !p.slice(1, -1).includes('*'), 'a "*" may only stand at the start and/or the end');

const routeSchema = z.strictObject({
  name: z.string().min(1).optional(),
  model_pattern: modelPattern,
  provider: z.string().min(1),
  endpoint: z.string().url(),
  api_key_secret: z.string().min(1).nullable().optional(),
  upstream_model: z.string().min(1).nullable().optional(),
  extra_headers: z.record(z.string(), z.string()).default({}),
  fallbacks: z.array(z.string().min(1)).default([]),
  request_timeout_ms: z.number().int().positive().optional(),
  max_retries: z.number().int().min(0).max(5).optional(),
});

const pricingSchema = z.strictObject({
  model_pattern: modelPattern,
  input: z.number().min(0),
  output: z.number().min(0),
  cache_read: z.number().min(0).default(0),
  cache_write: z.number().min(0).default(0),
});

const budgetSchema = z.strictObject({
  scope: z.enum(['user', 'tenant']),
  period: z.enum(['hour', 'day', 'month']),
  limit_usd: z.number().positive(),
  subject: z.string().min(1).optional(),
});

const blocklistRuleSchema = z.strictObject({
  id: z.string().min(1),
  tool: z.string().min(1).default('*'),
  argument_pattern: z.string().min(1),
  reason: z.string().min(1),
  enabled: z.boolean().default(true),
});

const governanceStage = z.enum(['scope', 'secret_scan', 'blocklist', 'rate_limit']);

export const profileSchema = z.strictObject({
  site: z
    .strictObject({
      name: z.string().default('systemprompt'),
      default_agent: z.string().min(1).optional(),
    })
    .prefault({}),
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(8080),
      api_external_url: z.string().url().optional(),
      cors_allowed_origins: z.array(z.string()).default([]),
      trust_proxy: z.union([z.boolean(), z.number().int().min(0), z.string()]).default(false),
      body_limit_bytes: z.number().int().positive().default(10 * 1024 * 1024),
      request_timeout_ms: z.number().int().positive().default(660_000),
      shutdown_timeout_ms: z.number().int().positive().default(25_000),
    })
    .prefault({}),
  paths: z
    .strictObject({
      services: z.string().default('../services'),
      data: z.string().default('../../.data'),
    })
    .prefault({}),
  security: z
    .strictObject({
      jwt_issuer: z.string().min(1).default('systemprompt'),
      jwt_access_token_expiration: z.number().int().positive().default(3600),
      jwt_refresh_token_expiration: z.number().int().positive().default(2_592_000),
      jwt_audiences: z.array(z.string().min(1)).default(['systemprompt']),
      auth_failures_per_minute: z.number().int().positive().default(20),
    })
    .prefault({}),
  rate_limits: z
    .strictObject({
      fail_mode: z.enum(['fail_closed', 'fail_open']).default('fail_closed'),
    })
    .prefault({}),
  secrets: z
    .strictObject({
      source: z.enum(['file', 'env']).default('env'),
      path: z.string().optional(),
      validation: z.enum(['strict', 'warn', 'skip']).default('strict'),
      create_if_missing: z.boolean().default(false),
    })
    .prefault({}),
  gateway: z
    .strictObject({
      enabled: z.boolean().default(true),
      request_timeout_ms: z.number().int().positive().default(600_000),
      routes: z.array(routeSchema).default([]),
      pricing: z.array(pricingSchema).default([]),
      budgets: z.array(budgetSchema).default([]),
    })
    .prefault({}),
  governance: z
    .strictObject({
      order: z.array(governanceStage).default(['scope', 'secret_scan', 'blocklist', 'rate_limit']),
      admin_only_tools: z.array(z.string()).default(['mcp__systemprompt__*']),
      secret_scan: z
        .strictObject({
          enabled: z.boolean().default(true),
          action: z.enum(['deny', 'redact']).default('deny'),
        })
        .prefault({}),
      blocklist: z.array(blocklistRuleSchema).default([]),
      rate_limits: z
        .strictObject({
          tool_calls_per_minute: z.number().int().positive().default(120),
          gateway_requests_per_minute: z.number().int().positive().default(600),
        })
        .prefault({}),
    })
    .prefault({}),
  observability: observabilitySchema,
  /** The OAuth 2.1 / OIDC authorization server (src/modules/oauth). */
  oauth: z
    .strictObject({
      /** Base URL of the issuer and every OAuth/OIDC URL; default `server.api_external_url`. */
      issuer: z.string().url().optional(),
      /** Authorization codes live at most 60 s (OAuth 2.1 §4.1.2). */
      code_ttl_seconds: z.number().int().min(1).max(60).default(60),
      /** Browser login session (passkey) lifetime. */
      session_ttl_seconds: z.number().int().positive().default(43_200),
      /** One-time passkey enrolment links. */
      enrolment_ttl_seconds: z.number().int().positive().default(86_400),
      /** Lifetime of the token the credential helper receives for a PAT. */
      cowork_token_ttl_seconds: z.number().int().positive().default(3600),
      /** Scope a client gets when it registers or asks without one. */
      default_scope: z.string().min(1).default('openid profile email offline_access gateway:invoke mcp:call'),
      /** Name of a custom secret (`secrets.custom`) holding the RFC 7591 initial access token; unset = open registration. */
      registration_token_secret: z.string().min(1).optional(),
    })
    .prefault({}),
  runtime: z
    .strictObject({
      log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      log_format: z.enum(['json', 'pretty']).default('json'),
    })
    .prefault({}),
});

export type Profile = z.infer<typeof profileSchema>;
export type GatewayRouteProfile = z.infer<typeof routeSchema>;
export type PricingProfile = z.infer<typeof pricingSchema>;
export type BudgetProfile = z.infer<typeof budgetSchema>;
export type BlocklistRuleProfile = z.infer<typeof blocklistRuleSchema>;
export type GovernanceStageName = z.infer<typeof governanceStage>;
