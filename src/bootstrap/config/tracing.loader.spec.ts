import { BootstrapError } from '../bootstrap.error';
import { loadTracingConfig } from './tracing.loader';

describe('loadTracingConfig', () => {
  it.each([
    ['off without an endpoint', {}, null],
    ['off when the SDK is disabled', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, null],
    ['the base endpoint gets /v1/traces', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, { url: 'http://collector:4318/v1/traces', serviceName: 'systemprompt-gateway' }],
    ['a path on the base endpoint is kept', { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/otlp' }, { url: 'https://otel.example.com/otlp/v1/traces', serviceName: 'systemprompt-gateway' }],
    ['the traces endpoint is used as is and wins', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/custom' }, { url: 'http://b:4318/custom', serviceName: 'systemprompt-gateway' }],
    ['OTEL_SERVICE_NAME names the service', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'gw-eu' }, { url: 'http://collector:4318/v1/traces', serviceName: 'gw-eu' }],
  ])('%s', (_, env, expected) => {
    expect(loadTracingConfig(env)).toEqual(expected);
  });

  it.each([
    ['not a URL', 'collector:4318', 'must be an http:// or https:// URL'],
    ['another scheme', 'grpc://collector:4317', 'must be an http:// or https:// URL'],
    ['credentials in the URL', 'https://user:pw@collector:4318', 'must not carry credentials; put them in OTEL_EXPORTER_OTLP_HEADERS'],
  ])('refuses %s, naming the variable', (_, endpoint, reason) => {
    expect(() => loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint })).toThrow(new BootstrapError('config', '(environment)', 'OTEL_EXPORTER_OTLP_ENDPOINT', reason));
  });
});
