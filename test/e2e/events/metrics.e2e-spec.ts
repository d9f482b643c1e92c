import { randomUUID } from 'node:crypto';
import { TracingService } from '../../../src/common/tracing/tracing.service';
import { bearer, createUser, type CreatedUser } from '../../factories/user.factory';
import { startGatewayFixture, type GatewayFixture } from '../gateway/gateway-fixture';
import { parsePrometheus } from './prometheus-text';
import { until } from './until';

/** `GET /metrics`: public, valid Prometheus text, and its counters follow real traffic. */
describe('Prometheus metrics (e2e)', () => {
  let f: GatewayFixture;
  let user: CreatedUser;

  beforeAll(async () => {
    f = await startGatewayFixture({ redis: false });
    user = await createUser(f.t);
  });
  afterAll(async () => {
    await f.close();
  });

  const scrape = async () => {
    const res = await f.t.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    return parsePrometheus(res.body);
  };
  const value = (m: Map<string, number>, key: string) => m.get(key) ?? 0;
  const send = (model: string) => f.t.inject({ method: 'POST', url: '/v1/messages', headers: bearer(user.token), payload: { model, max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] } });

  it('is public and parses as Prometheus text, with process metrics', async () => {
    const res = await f.t.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const m = parsePrometheus(res.body);
    expect([...m.keys()].some((k) => k.startsWith('process_cpu_user_seconds_total'))).toBe(true);
    expect(m.get('sp_sse_subscribers')).toBe(0);
  });

  it('counts gateway requests, tokens and cost by model and provider, and failures', async () => {
    const labels = 'model="claude-sonnet-4-5",provider="anthropic"';
    const before = await scrape();
    expect((await send('claude-sonnet-4-5')).statusCode).toBe(200);
    expect((await send('claude-sonnet-4-5')).statusCode).toBe(200);
    let after = await scrape();
    await until(async () => value((after = await scrape()), `sp_gateway_requests_total{${labels},outcome="success"}`) - value(before, `sp_gateway_requests_total{${labels},outcome="success"}`) === 2);
    const delta = (key: string) => value(after, key) - value(before, key);
    expect(delta(`sp_gateway_tokens_total{${labels},kind="input"}`)).toBe(50);
    expect(delta(`sp_gateway_tokens_total{${labels},kind="output"}`)).toBe(24);
    expect(delta(`sp_gateway_tokens_total{${labels},kind="cache_read"}`)).toBe(10);
    expect(delta(`sp_gateway_cost_microdollars_total{${labels}}`)).toBeGreaterThan(0);

    expect((await send('claude-overloaded')).statusCode).toBe(529);
    await until(async () => value(await scrape(), 'sp_gateway_requests_total{model="claude-overloaded",provider="anthropic",outcome="failure"}') === 1);
  });

  it('counts governance verdicts by stage and outcome', async () => {
    const key = 'sp_governance_decisions_total{stage="scope",outcome="deny"}';
    const before = value(await scrape(), key);
    const res = await f.t.inject({ method: 'POST', url: '/api/v1/governance/evaluate', headers: bearer(user.token), payload: { tool_name: 'mcp__systemprompt__delete_user', tool_input: {} } });
    expect(res.json()).toMatchObject({ decision: 'deny', stage: 'scope' });
    expect(value(await scrape(), key)).toBe(before + 1);
  });

  it('shows every batch-written table\'s queue depth and write outcomes', async () => {
    expect((await send('claude-sonnet-4-5')).statusCode).toBe(200);
    const queues = ['ai_requests', 'audit_events', 'governance_decisions'];
    let m = await scrape();
    await until(async () => value((m = await scrape()), 'sp_recording_rows_written_total{queue="ai_requests"}') > 0);
    for (const queue of queues) {
      for (const name of ['sp_recording_queue_depth', 'sp_recording_rows_written_total', 'sp_recording_write_failures_total', 'sp_recording_rows_dropped_total']) {
        expect(Number.isFinite(m.get(`${name}{queue="${queue}"}`))).toBe(true);
      }
    }
    expect(m.get('sp_recording_rows_dropped_total{queue="ai_requests"}')).toBe(0);
  });

  it('has no tracer without OTEL_EXPORTER_OTLP_ENDPOINT (no exporter, no export metrics)', async () => {
    expect(f.t.get<TracingService>(TracingService).enabled).toBe(false);
    expect([...(await scrape()).keys()].some((k) => k.startsWith('sp_tracing_'))).toBe(false);
  });

  it('labels HTTP durations with the route pattern, never the raw URL', async () => {
    const id = randomUUID();
    await f.t.inject({ method: 'GET', url: `/api/v1/users/${id}`, headers: bearer(f.t.adminToken) });
    await f.t.inject({ method: 'GET', url: `/no/such/${id}` });
    const m = await scrape();
    const keys = [...m.keys()].filter((k) => k.startsWith('http_request_duration_seconds_count'));
    expect(keys).toEqual(expect.arrayContaining(['http_request_duration_seconds_count{method="GET",route="/api/v1/users/:id",status_code="404"}', 'http_request_duration_seconds_count{method="GET",route="<unmatched>",status_code="404"}']));
    expect(keys.some((k) => k.includes(id))).toBe(false);
  });
});
