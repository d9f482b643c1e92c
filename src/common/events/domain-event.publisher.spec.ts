import { setFlagsFromString } from 'node:v8';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DomainEventPublisher } from './domain-event.publisher';

// V8's own test of two objects' hidden class (natives syntax, enabled for functions compiled after this).
setFlagsFromString('--allow-natives-syntax');
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

describe('DomainEventPublisher', () => {
  function published(count: number, payload: (i: number) => Record<string, unknown>): Record<string, unknown>[] {
    const emitter = new EventEmitter2();
    const seen: Record<string, unknown>[] = [];
    emitter.on('user.created', (p: Record<string, unknown>) => seen.push(p));
    const publisher = new DomainEventPublisher(emitter);
    for (let i = 0; i < count; i++) publisher.emit('user.created', payload(i) as never);
    return seen;
  }

  it('adds occurred_at when the producer left it out, and keeps the payload otherwise', () => {
    const [added] = published(1, () => ({ trace_id: 't', user_id: 'u', tenant_id: 'x', created_user_id: 'c', email: 'e', role: 'user' }));
    expect(typeof added.occurred_at).toBe('string');
    expect(Number.isNaN(Date.parse(added.occurred_at as string))).toBe(false);
    expect(added).toMatchObject({ trace_id: 't', created_user_id: 'c' });
    const given = { trace_id: 't', user_id: 'u', tenant_id: 'x', created_user_id: 'c', email: 'e', role: 'user', occurred_at: '2026-01-01T00:00:00.000Z' };
    const [kept] = published(1, () => given);
    expect(kept).toBe(given);
  });

  it('gives the payloads it completes one shared hidden class, not one each', () => {
    // `{ ...payload, occurred_at }` gave every event a hidden class of its own on Node 20,
    // allocated in the old generation: garbage only a mark-compact frees, on every request.
    const events = published(50, (i) => ({ trace_id: `t${i}`, user_id: 'u', tenant_id: 'x', created_user_id: `c${i}`, email: 'e', role: 'user' }));
    const sharing = events.slice(10).filter((e) => haveSameMap(e, events[9])).length;
    expect(sharing).toBe(40);
  });
});
