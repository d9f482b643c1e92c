import { ResumeBuffer } from './resume-buffer';
import type { StreamedEvent } from './observed-event.types';

const ev = (n: number): StreamedEvent => ({ id: `${String(n).padStart(13, '0')}-aaaaaaaa-00000000`, name: 'user.created', userId: null, frame: '' });

describe('ResumeBuffer', () => {
  it('keeps the last `capacity` events in arrival order', () => {
    const buffer = new ResumeBuffer(3);
    [1, 2, 3, 4, 5].forEach((n) => buffer.push(ev(n)));
    expect(buffer.toArray().map((e) => e.id)).toEqual([ev(3).id, ev(4).id, ev(5).id]);
  });

  it('returns what came after a buffered id, complete', () => {
    const buffer = new ResumeBuffer(5);
    [1, 2, 3].forEach((n) => buffer.push(ev(n)));
    expect(buffer.after(ev(1).id)).toEqual({ events: [ev(2), ev(3)], complete: true });
    expect(buffer.after(ev(3).id)).toEqual({ events: [], complete: true });
  });

  it('falls back to id order for an id it does not hold, and says when events may be lost', () => {
    const buffer = new ResumeBuffer(2);
    [1, 2, 3, 4].forEach((n) => buffer.push(ev(n)));
    expect(buffer.after(ev(1).id)).toEqual({ events: [ev(3), ev(4)], complete: false });
    expect(buffer.after(`${String(3).padStart(13, '0')}-bbbbbbbb-00000000`).events).toEqual([ev(4)]);
  });

  it('also returns events that arrived before the id but sort after it (another replica’s clock)', () => {
    const buffer = new ResumeBuffer(5);
    [5, 1, 2].forEach((n) => buffer.push(ev(n)));
    expect(buffer.after(ev(1).id).events).toEqual([ev(5), ev(2)]);
  });

  it('holds nothing with capacity 0', () => {
    const buffer = new ResumeBuffer(0);
    buffer.push(ev(1));
    expect(buffer.toArray()).toEqual([]);
  });
});

describe('ResumeBuffer, as bytes', () => {
  const event = (n: number, frame: string, userId: string | null = `u-${n}`): StreamedEvent => ({ id: `${String(n).padStart(13, '0')}-aaaaaaaa-00000000`, name: 'governance.decision', userId, frame });

  it('gives back each event as it was pushed: id, name, user and frame, any characters', () => {
    const buffer = new ResumeBuffer(4);
    const pushed = [
      event(1, 'id: 1\nevent: governance.decision\ndata: {"reason":"ünïcødé ✓ 🚫"}\n\n'),
      event(2, '', null),
      event(3, 'data: x\n\n', 'user\nwith "newline"'),
      event(4, 'x'.repeat(10)),
    ];
    pushed.forEach((e) => buffer.push(e));
    expect(buffer.toArray()).toEqual(pushed);
  });

  it('keeps exactly the last `capacity` events across many slabs', () => {
    const buffer = new ResumeBuffer(1000);
    const frame = (n: number) => `id: ${n}\ndata: ${'y'.repeat(900)}\n\n`;
    for (let n = 1; n <= 5000; n++) buffer.push(event(n, frame(n)));
    const kept = buffer.toArray();
    expect(kept).toHaveLength(1000);
    expect(kept[0]).toEqual(event(4001, frame(4001)));
    expect(kept[999]).toEqual(event(5000, frame(5000)));
  });

  it('keeps a frame larger than a slab, and what came before and after it', () => {
    const buffer = new ResumeBuffer(3);
    const big = `data: ${'z'.repeat(600 * 1024)}\n\n`;
    [event(1, 'a'), event(2, big), event(3, 'c')].forEach((e) => buffer.push(e));
    expect(buffer.toArray().map((e) => e.frame.length)).toEqual([1, big.length, 1]);
    buffer.push(event(4, 'd'));
    expect(buffer.toArray().map((e) => e.id)).toEqual([event(2, '').id, event(3, '').id, event(4, '').id]);
  });

  it('frees the slabs of evicted events: memory follows the capacity, not the events pushed', () => {
    const buffer = new ResumeBuffer(10);
    const frame = `data: ${'w'.repeat(4000)}\n\n`;
    const before = process.memoryUsage().arrayBuffers;
    for (let n = 1; n <= 20_000; n++) buffer.push(event(n, frame));
    // 20,000 frames of 4 KB are 80 MB; ten of them and a spare slab fit in well under 2 MB.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(2 * 1024 * 1024);
    expect(buffer.toArray()).toHaveLength(10);
  });

  it('says a resume is complete until the first eviction', () => {
    const buffer = new ResumeBuffer(2);
    buffer.push(event(5, 'a'));
    buffer.push(event(6, 'b'));
    expect(buffer.after(event(1, '').id).complete).toBe(true);
    buffer.push(event(7, 'c'));
    expect(buffer.after(event(1, '').id)).toEqual({ events: [event(6, 'b'), event(7, 'c')], complete: false });
  });
});
