import type { DomainEventMap, DomainEventName } from '../../../common/events/domain-events';
import type { ObservedEvent } from '../stream/observed-event.types';

export type EcsOutcome = 'success' | 'failure' | 'unknown';

interface EcsDescriptor<N extends DomainEventName> {
  kind: 'event' | 'alert';
  category: string[];
  type: string[];
  outcome: (payload: DomainEventMap[N]) => EcsOutcome;
  /** Nanoseconds, when the event measures one. */
  durationNs?: (payload: DomainEventMap[N]) => number | undefined;
}

/** How each domain event reads in ECS; a new event name without a row does not compile. */
const ECS = {
  'ai.request.completed': { kind: 'event', category: ['web'], type: ['access'], outcome: () => 'success', durationNs: (p) => p.latency_ms * 1e6 },
  'ai.request.failed': { kind: 'event', category: ['web'], type: ['access', 'error'], outcome: () => 'failure', durationNs: (p) => p.latency_ms * 1e6 },
  'governance.decision': { kind: 'event', category: ['intrusion_detection'], type: ['allowed'], outcome: (p) => (p.decision === 'allow' ? 'success' : 'failure') },
  'mcp.tool.called': { kind: 'event', category: ['process'], type: ['info'], outcome: (p) => (p.outcome === 'success' ? 'success' : 'failure'), durationNs: (p) => p.latency_ms * 1e6 },
  'auth.login': { kind: 'event', category: ['authentication'], type: ['start'], outcome: (p) => p.outcome },
  'auth.token.issued': { kind: 'event', category: ['iam'], type: ['creation'], outcome: () => 'success' },
  'auth.token.revoked': { kind: 'event', category: ['iam'], type: ['deletion'], outcome: () => 'success' },
  'user.created': { kind: 'event', category: ['iam'], type: ['user', 'creation'], outcome: () => 'success' },
  'agent.task.updated': { kind: 'event', category: ['process'], type: ['change'], outcome: (p) => (p.state === 'completed' ? 'success' : p.state === 'failed' ? 'failure' : 'unknown') },
  'budget.exceeded': { kind: 'alert', category: ['threat'], type: ['indicator'], outcome: () => 'failure' },
} satisfies { [N in DomainEventName]: EcsDescriptor<N> };

export interface EcsHost {
  hostname: string;
  serviceName: string;
}

/** One ECS document (Elastic Common Schema 8.x) per event; the payload is kept under `systemprompt`. */
export function toEcs(event: ObservedEvent, host: EcsHost): Record<string, unknown> {
  const descriptor = ECS[event.name] as EcsDescriptor<DomainEventName>;
  const { trace_id, user_id, tenant_id, occurred_at, ...details } = event.payload;
  const duration = descriptor.durationNs?.(event.payload);
  const ecsEvent: Record<string, unknown> = {
    id: event.id,
    kind: descriptor.kind,
    category: descriptor.category,
    type: event.name === 'governance.decision' && descriptor.outcome(event.payload) === 'failure' ? ['denied'] : descriptor.type,
    action: event.name,
    outcome: descriptor.outcome(event.payload),
    dataset: 'systemprompt.events',
    module: 'systemprompt',
  };
  if (duration !== undefined) ecsEvent.duration = Math.round(duration);
  return {
    '@timestamp': occurred_at,
    ecs: { version: '8.11.0' },
    message: event.name,
    event: ecsEvent,
    ...(user_id ? { user: { id: user_id } } : {}),
    ...(tenant_id ? { organization: { id: tenant_id } } : {}),
    trace: { id: trace_id },
    service: { name: host.serviceName, node: { name: event.origin } },
    host: { hostname: host.hostname },
    systemprompt: details,
  };
}
