import { BootstrapError } from '../bootstrap.error';

/** Where OpenTelemetry traces go; absent from the config when tracing is off. */
export interface TracingConfig {
  /** The OTLP/HTTP traces URL (`…/v1/traces`). */
  readonly url: string;
  readonly serviceName: string;
}

export const DEFAULT_SERVICE_NAME = 'systemprompt-gateway';

/**
 * Tracing is on when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the signal-specific
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, used as is) is set, with the OTel spec's meaning;
 * `OTEL_SDK_DISABLED=true` turns it off. A URL with a password in it is refused: collector
 * credentials belong in `OTEL_EXPORTER_OTLP_HEADERS`, which the exporter reads itself and
 * `admin config show` never prints.
 */
export function loadTracingConfig(env: Readonly<Record<string, string | undefined>>): TracingConfig | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  const specific = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!specific && !base) return null;
  const field = specific ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  const url = specific || `${base!.replace(/\/+$/, '')}/v1/traces`;
  checkUrl(field, url);
  return { url, serviceName: env.OTEL_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME };
}

function checkUrl(field: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BootstrapError('config', '(environment)', field, 'must be an http:// or https:// URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BootstrapError('config', '(environment)', field, 'must be an http:// or https:// URL');
  if (url.username || url.password) throw new BootstrapError('config', '(environment)', field, 'must not carry credentials; put them in OTEL_EXPORTER_OTLP_HEADERS');
}
