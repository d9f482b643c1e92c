import { createHash, randomBytes } from 'node:crypto';
import { TracingService } from '../../../src/common/tracing/tracing.service';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { startMockServer, type MockServer } from '../../mocks/mock-server';
import { until } from '../events/until';
import { startGatewayFixture, type GatewayFixture } from '../gateway/gateway-fixture';

/** One span of an OTLP/HTTP JSON export (`ExportTraceServiceRequest`), as the collector got it. */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number };
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const SPAN_KIND = { SERVER: 2, CLIENT: 3 } as const;
const PROMPT = 'the-secret-recipe-is-in-the-prompt';

/** Traces over OTLP/HTTP to a real collector stand-in on 127.0.0.1, with the app's own ids. */
describe('OpenTelemetry traces (e2e)', () => {
  let collector: MockServer;
  let f: GatewayFixture;
  let user: CreatedUser;

  beforeAll(async () => {
    collector = await startMockServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    f = await startGatewayFixture({ redis: false, env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'gateway-under-test' } });
    user = await createUser(f.t, { role: 'developer' });
  });
  afterAll(async () => {
    await f?.close();
    await collector?.close();
  });

  const exports = () => collector.requests.filter((r) => r.method === 'POST' && r.url === '/v1/traces').map((r) => r.json as OtlpExport);
  const allSpans = () => exports().flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
  /** Flushes the app's batch and waits until the collector holds `count` spans of the trace. */
  const spansOf = async (otelTraceId: string, count: number) => {
    await until(async () => {
      await f.t.get<TracingService>(TracingService).flush();
      return allSpans().filter((s) => s.traceId === otelTraceId).length >= count;
    }, 10_000, `${count} spans of trace ${otelTraceId}`);
    return allSpans().filter((s) => s.traceId === otelTraceId);
  };
  const attr = (span: OtlpSpan, key: string) => {
    const value = span.attributes.find((a) => a.key === key)?.value;
    return value ? Object.values(value)[0] : undefined;
  };
  const named = (spans: OtlpSpan[], name: string) => {
    const span = spans.find((s) => s.name === name);
    if (!span) throw new Error(`no span ${name} among ${spans.map((s) => s.name).join(', ')}`);
    return span;
  };
  const messages = (headers: Record<string, string>, content = PROMPT) =>
    f.t.inject({ method: 'POST', url: '/v1/messages', headers: { ...bearer(user.token), ...headers }, payload: { model: 'claude-sonnet-4-5', max_tokens: 5, messages: [{ role: 'user', content }] } });

  it('POST /v1/messages: a server span with the x-trace-id as trace id, the upstream call and prompt governance as its children', async () => {
    const traceId = randomBytes(16).toString('hex');
    const res = await messages({ 'x-trace-id': traceId });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-trace-id']).toBe(traceId);

    const spans = await spansOf(traceId, 4);
    const request = named(spans, 'POST /v1/messages');
    expect(request).toMatchObject({ kind: SPAN_KIND.SERVER, traceId });
    expect(request.parentSpanId ?? '').toBe('');
    expect(attr(request, 'http.route')).toBe('/v1/messages');
    expect(attr(request, 'http.response.status_code')).toBe(200);
    expect(attr(request, 'gen_ai.request.model')).toBe('claude-sonnet-4-5');
    expect(attr(request, 'enduser.id')).toBe(user.id);
    expect(attr(request, 'systemprompt.trace_id')).toBe(traceId);

    const upstream = named(spans, 'gateway.upstream');
    expect(upstream).toMatchObject({ kind: SPAN_KIND.CLIENT, parentSpanId: request.spanId });
    expect(attr(upstream, 'gen_ai.system')).toBe('anthropic');
    expect(attr(upstream, 'systemprompt.route')).toBe('claude');
    expect(attr(upstream, 'systemprompt.upstream.attempts')).toBe(1);
    expect(attr(upstream, 'http.response.status_code')).toBe(200);

    for (const stage of ['secret_scan', 'blocklist']) {
      const span = named(spans, `governance.${stage}`);
      expect(span.parentSpanId).toBe(request.spanId);
      expect(attr(span, 'governance.decision')).toBe('allow');
      expect(attr(span, 'governance.tool')).toBe('llm.prompt');
    }
    const batch = exports().find((e) => e.resourceSpans.some((r) => r.scopeSpans.some((s) => s.spans.some((x) => x.spanId === request.spanId))))!;
    expect(batch.resourceSpans[0]!.resource.attributes).toEqual(expect.arrayContaining([{ key: 'service.name', value: { stringValue: 'gateway-under-test' } }]));
    // Attributes name the model and the user, never the prompt or a credential.
    const exported = collector.requests.map((r) => r.body.toString('utf8')).join('\n');
    expect(exported).not.toContain(PROMPT);
    expect(exported).not.toContain(user.token);
  });

  it('a minted trace id (a UUID) becomes the same 128 bits without dashes, the original kept as systemprompt.trace_id', async () => {
    const res = await messages({}, 'hello');
    const minted = String(res.headers['x-trace-id']);
    expect(minted).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const spans = await spansOf(minted.replaceAll('-', ''), 2);
    expect(attr(named(spans, 'POST /v1/messages'), 'systemprompt.trace_id')).toBe(minted);
  });

  it('POST /v1/chat/completions has its own server span; an upstream failure marks the upstream span', async () => {
    const traceId = randomBytes(16).toString('hex');
    const ok = await f.t.inject({ method: 'POST', url: '/v1/chat/completions', headers: { ...bearer(user.token), 'x-trace-id': traceId }, payload: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] } });
    expect(ok.statusCode).toBe(200);
    const spans = await spansOf(traceId, 2);
    const request = named(spans, 'POST /v1/chat/completions');
    expect(named(spans, 'gateway.upstream')).toMatchObject({ parentSpanId: request.spanId });
    expect(attr(named(spans, 'gateway.upstream'), 'gen_ai.system')).toBe('openai');

    const failed = randomBytes(16).toString('hex');
    const res = await f.t.inject({ method: 'POST', url: '/v1/messages', headers: { ...bearer(user.token), 'x-trace-id': failed }, payload: { model: 'claude-overloaded', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] } });
    expect(res.statusCode).toBe(529);
    const upstream = named(await spansOf(failed, 2), 'gateway.upstream');
    expect(upstream.status?.code).toBe(2);
    expect(attr(upstream, 'error.type')).toBe('overloaded_error');
    expect(attr(named(await spansOf(failed, 2), 'POST /v1/messages'), 'http.response.status_code')).toBe(529);
  });

  it('governance evaluate: one span per stage under governance.evaluate; a non-hex x-trace-id is hashed into the trace id', async () => {
    const given = `trace-otel-${randomBytes(4).toString('hex')}`;
    const res = await f.t.inject({ method: 'POST', url: '/api/v1/governance/evaluate', headers: { ...bearer(user.token), 'x-trace-id': given }, payload: { tool_name: 'Read', tool_input: { file_path: '/tmp/notes.txt' } } });
    expect(res.json()).toMatchObject({ decision: 'allow', trace_id: given });

    const otelId = createHash('sha256').update(given).digest('hex').slice(0, 32);
    const spans = await spansOf(otelId, 5);
    const evaluation = named(spans, 'governance.evaluate');
    expect(attr(evaluation, 'governance.decision')).toBe('allow');
    expect(attr(evaluation, 'systemprompt.trace_id')).toBe(given);
    for (const stage of ['scope', 'secret_scan', 'blocklist', 'rate_limit']) {
      const span = named(spans, `governance.${stage}`);
      expect(span.parentSpanId).toBe(evaluation.spanId);
      expect(attr(span, 'governance.stage')).toBe(stage);
      expect(attr(span, 'governance.decision')).toBe('allow');
      expect(attr(span, 'governance.tool')).toBe('Read');
    }
  });

  it('a denial is a verdict on its stage span, and the chain stops there', async () => {
    const traceId = randomBytes(16).toString('hex');
    const res = await f.t.inject({ method: 'POST', url: '/api/v1/governance/evaluate', headers: { ...bearer(user.token), 'x-trace-id': traceId }, payload: { tool_name: 'Bash', tool_input: { command: 'rm -rf /' } } });
    expect(res.json()).toMatchObject({ decision: 'deny', stage: 'blocklist' });
    const spans = await spansOf(traceId, 4);
    expect(attr(named(spans, 'governance.blocklist'), 'governance.decision')).toBe('deny');
    expect(attr(named(spans, 'governance.blocklist'), 'governance.code')).toBe('BLOCKLISTED');
    expect(attr(named(spans, 'governance.evaluate'), 'governance.denied_by')).toBe('blocklist');
    expect(spans.some((s) => s.name === 'governance.rate_limit')).toBe(false);
    expect(JSON.stringify(spans)).not.toContain('rm -rf');
  });
});
