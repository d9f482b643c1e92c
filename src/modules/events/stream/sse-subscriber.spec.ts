import { SseSubscriber, type SseSink } from './sse-subscriber';
import type { StreamedEvent } from './observed-event.types';

class FakeSink implements SseSink {
  written: string[] = [];
  accepting = true;
  writableEnded = false;
  destroyed = false;
  private drainListener: (() => void) | null = null;
  write(chunk: string): boolean {
    this.written.push(chunk);
    return this.accepting;
  }
  once(_event: 'drain', listener: () => void) {
    this.drainListener = listener;
    return this;
  }
  drain(): void {
    this.accepting = true;
    const listener = this.drainListener;
    this.drainListener = null;
    listener?.();
  }
  end() {
    this.writableEnded = true;
  }
  destroy() {
    this.destroyed = true;
  }
}

const event = (name: StreamedEvent['name'], userId: string | null): StreamedEvent => ({ id: '0000000000001-aaaaaaaa-00000001', name, userId, frame: `event: ${name}\n\n` });

describe('SseSubscriber', () => {
  const closed: string[] = [];
  const make = (sink: FakeSink, overrides: Partial<ConstructorParameters<typeof SseSubscriber>[1]> = {}) =>
    new SseSubscriber(sink, { identity: { role: 'user', userId: 'u1' }, types: null, maxQueue: 3, heartbeatMs: 60_000, onClose: (_s, reason) => closed.push(reason), ...overrides });
  beforeEach(() => (closed.length = 0));

  it('does not see other users’ events; an auditor does', () => {
    const sink = new FakeSink();
    const user = make(sink);
    const auditor = make(sink, { identity: { role: 'auditor', userId: 'a1' } });
    expect(user.wants(event('governance.decision', 'u1'))).toBe(true);
    expect(user.wants(event('governance.decision', 'u2'))).toBe(false);
    expect(user.wants(event('governance.decision', null))).toBe(false);
    expect(auditor.wants(event('governance.decision', 'u2'))).toBe(true);
    user.close();
    auditor.close();
  });

  it('filters by type', () => {
    const s = make(new FakeSink(), { types: new Set(['ai.request.completed'] as const) });
    expect(s.wants(event('governance.decision', 'u1'))).toBe(false);
    expect(s.wants(event('ai.request.completed', 'u1'))).toBe(true);
    s.close();
  });

  it('queues while the socket pushes back and writes the queue in order on drain', () => {
    const sink = new FakeSink();
    const s = make(sink);
    sink.accepting = false;
    s.send('a');
    s.send('b');
    s.send('c');
    expect(sink.written).toEqual(['a']);
    expect(s.queued).toBe(2);
    sink.drain();
    expect(sink.written).toEqual(['a', 'b', 'c']);
    expect(s.queued).toBe(0);
    s.close();
    expect(closed).toEqual(['closed']);
    expect(sink.writableEnded).toBe(true);
  });

  it('drops a subscriber whose queue fills: connection destroyed, memory released, reported once', () => {
    const sink = new FakeSink();
    const s = make(sink);
    sink.accepting = false;
    for (let i = 0; i < 10; i++) s.send(`frame-${i}`);
    expect(sink.destroyed).toBe(true);
    expect(s.queued).toBe(0);
    expect(closed).toEqual(['dropped']);
    s.send('after');
    expect(sink.written).toEqual(['frame-0']);
  });
});
