import { z } from 'zod';

/** Plain http:// is accepted only towards this host (a collector on the same machine, tests). */
function isHttpsOrLoopback(value: string): boolean {
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** SIEM webhook: batches of ECS JSON documents POSTed as a JSON array. No secret values here. */
const webhookExporterSchema = z.strictObject({
  url: z.string().url().refine(isHttpsOrLoopback, 'must be https:// (http:// only to a loopback address)'),
  /** Name of a `secrets.custom` entry sent as the whole `Authorization` header value. */
  auth_secret: z.string().min(1).optional(),
  headers: z.record(z.string(), z.string()).default({}),
  batch_size: z.number().int().min(1).max(10_000).default(100),
  flush_interval_ms: z.number().int().positive().default(1000),
  max_queue: z.number().int().positive().default(10_000),
  max_retries: z.number().int().min(0).max(20).default(5),
  retry_base_ms: z.number().int().positive().default(500),
  timeout_ms: z.number().int().positive().default(10_000),
});

/** Syslog RFC 5424; TCP uses octet-counting framing (RFC 6587). */
const syslogExporterSchema = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535).default(514),
  protocol: z.enum(['tcp', 'udp']).default('udp'),
  /** 16 = local0. */
  facility: z.number().int().min(0).max(23).default(16),
  app_name: z.string().min(1).max(48).default('systemprompt'),
  max_queue: z.number().int().positive().default(10_000),
});

const retentionDays = z.number().int().positive();

export const observabilitySchema = z
  .strictObject({
    retention: z
      .strictObject({
        enabled: z.boolean().default(true),
        /** Default for every table; each may override it. */
        days: retentionDays.default(90),
        ai_requests_days: retentionDays.optional(),
        governance_decisions_days: retentionDays.optional(),
        audit_events_days: retentionDays.optional(),
        batch_size: z.number().int().min(100).max(100_000).default(5000),
        interval_minutes: z.number().int().positive().default(60),
      })
      .prefault({}),
    events: z
      .strictObject({
        /** Events each replica keeps for `Last-Event-ID` resume. */
        resume_buffer: z.number().int().min(0).max(100_000).default(1000),
        /** Events queued for one slow SSE subscriber before it is dropped. */
        subscriber_queue: z.number().int().min(1).max(100_000).default(1000),
        max_subscribers: z.number().int().positive().default(1000),
        heartbeat_ms: z.number().int().min(10).default(15_000),
      })
      .prefault({}),
    siem: z
      .strictObject({
        /** One ECS JSON line per event on stdout (suppressed when `runtime.log_level` is silent). */
        stdout: z.boolean().default(true),
        webhook: webhookExporterSchema.optional(),
        syslog: syslogExporterSchema.optional(),
      })
      .prefault({}),
  })
  .prefault({});

export type ObservabilityProfile = z.infer<typeof observabilitySchema>;
export type WebhookExporterProfile = z.infer<typeof webhookExporterSchema>;
export type SyslogExporterProfile = z.infer<typeof syslogExporterSchema>;
