import type { Credentials } from '../credentials/credentials.loader';
import type { Profile } from '../profile/profile.schema';
import type { Secrets } from '../secrets/secrets.schema';
import type { TracingConfig } from './tracing.loader';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** `dataDir` is a folder, or `memory://` for a throwaway database (tests). */
  | { kind: 'embedded'; dataDir: string };

/** The aggregated, typed and frozen configuration every module reads. */
export interface AppConfig {
  readonly profileFile: string;
  readonly profileDir: string;
  readonly site: Profile['site'];
  readonly server: Profile['server'];
  readonly paths: Profile['paths'];
  readonly security: Profile['security'];
  readonly rateLimits: Profile['rate_limits'];
  readonly gateway: Profile['gateway'];
  readonly governance: Profile['governance'];
  readonly runtime: Profile['runtime'];
  readonly oauth: Profile['oauth'];
  readonly observability: Profile['observability'];
  /** OpenTelemetry traces (`OTEL_EXPORTER_OTLP_ENDPOINT`); null when off. */
  readonly tracing: TracingConfig | null;
  readonly secrets: Readonly<Secrets>;
  readonly secretsSource: string;
  readonly credentials: Credentials;
  readonly database: DatabaseTarget;
  readonly redisUrl: string | null;
  /** `SYSTEMPROMPT_ADMIN_PAT`, when set: the first admin's token. */
  readonly adminPat: string | null;
  /** Public base URL (issuer of OAuth metadata, agent cards). */
  readonly publicUrl: string;
}
