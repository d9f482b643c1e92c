import type { DomainEventMap, DomainEventName } from '../../../common/events/domain-events';
import type { ObservedEvent } from '../stream/observed-event.types';
import { toEcs } from './ecs-event.mapper';

const host = { hostname: 'gw-1', serviceName: 'systemprompt' };
const base = { trace_id: 'trace-1', user_id: 'u-1', tenant_id: 't-1', occurred_at: '2026-01-02T03:04:05.000Z' };
const observed = <N extends DomainEventName>(name: N, payload: Omit<DomainEventMap[N], keyof typeof base>): ObservedEvent =>
  ({ id: '1767323045000-abcdef01-00000001', name, origin: 'abcdef01', payload: { ...base, ...payload } }) as unknown as ObservedEvent;

describe('toEcs', () => {
  it('maps the common fields and keeps the payload under systemprompt', () => {
    const doc = toEcs(observed('ai.request.failed', { request_id: 'r', model: 'm', provider: 'anthropic', status: 529, error_type: 'overloaded_error', latency_ms: 12 }), host);
    expect(doc).toEqual({
      '@timestamp': '2026-01-02T03:04:05.000Z',
      ecs: { version: '8.11.0' },
      message: 'ai.request.failed',
      event: { id: '1767323045000-abcdef01-00000001', kind: 'event', category: ['web'], type: ['access', 'error'], action: 'ai.request.failed', outcome: 'failure', dataset: 'systemprompt.events', module: 'systemprompt', duration: 12_000_000 },
      user: { id: 'u-1' },
      organization: { id: 't-1' },
      trace: { id: 'trace-1' },
      service: { name: 'systemprompt', node: { name: 'abcdef01' } },
      host: { hostname: 'gw-1' },
      systemprompt: { request_id: 'r', model: 'm', provider: 'anthropic', status: 529, error_type: 'overloaded_error', latency_ms: 12 },
    });
  });

  it.each([
    ['allow', 'success', ['allowed']],
    ['deny', 'failure', ['denied']],
  ] as const)('a governance %s is outcome %s, type %j', (decision, outcome, type) => {
    const doc = toEcs(observed('governance.decision', { session_id: 's', principal: 'user', tool: 'bash', server: null, decision, stage: null, code: null, reason: null, policy_version: 'v1' }), host);
    expect(doc.event).toMatchObject({ outcome, type, category: ['intrusion_detection'] });
  });

  it('a budget overrun is an alert; an event without user has no user field', () => {
    const doc = toEcs({ ...observed('budget.exceeded', { scope: 'user', period: 'day', limit_usd: 1, spent_usd: 2 }), payload: { ...base, user_id: null, scope: 'user', period: 'day', limit_usd: 1, spent_usd: 2 } } as unknown as ObservedEvent, host);
    expect(doc.event).toMatchObject({ kind: 'alert', outcome: 'failure' });
    expect(doc).not.toHaveProperty('user');
  });
});
