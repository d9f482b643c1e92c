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
