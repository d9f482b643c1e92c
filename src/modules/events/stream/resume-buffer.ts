import type { DomainEventName } from '../../../common/events/domain-events';
import type { StreamedEvent } from './observed-event.types';

/** Frames are written into slabs of this size; a larger record gets a slab of its own. */
const SLAB_BYTES = 256 * 1024;

interface Slab {
  readonly bytes: Buffer;
  /** Records of this slab still in the ring. */
  live: number;
}

/**
 * The last `capacity` events in arrival order, for `Last-Event-ID` resume. A ring: memory is
 * bounded whatever the event rate.
 *
 * Each event is kept as bytes (id, name, user and SSE frame) in off-heap slabs, not as objects:
 * at a few thousand events a second, a thousand buffered events outlive two young-generation
 * collections, so their objects were promoted and left for a mark-compact to free. They were
 * nine tenths of everything a governed call promoted, and the mark-compacts they brought on
 * were the p99 tail of the governance bench (docs/benchmarks.md, ninth session). The price is
 * serialising every event's frame once, and decoding the buffer on a resume.
 */
export class ResumeBuffer {
  private readonly slabOf: (Slab | undefined)[];
  private readonly offset: Int32Array;
  private readonly length: Int32Array;
  private start = 0;
  private size = 0;
  /** Whether an event has been evicted: a resume from before the oldest may have missed some. */
  private evicted = false;
  private readonly slabs: Slab[] = [];
  private written = 0;
  private spare: Slab | null = null;

  constructor(private readonly capacity: number) {
    this.slabOf = new Array<Slab | undefined>(capacity);
    this.offset = new Int32Array(capacity);
    this.length = new Int32Array(capacity);
  }

  push(event: StreamedEvent): void {
    if (this.capacity === 0) return;
    if (this.size === this.capacity) this.evictOldest();
    const record = `${event.id}\n${event.name}\n${JSON.stringify(event.userId)}\n${event.frame}`;
    const bytes = Buffer.byteLength(record);
    const slab = this.slabWithRoom(bytes);
    const at = (this.start + this.size) % this.capacity;
    this.slabOf[at] = slab;
    this.offset[at] = this.written;
    this.length[at] = bytes;
    slab.bytes.write(record, this.written);
    this.written += bytes;
    slab.live++;
    this.size++;
  }

  /**
   * Events to send to a client that last saw `lastId`: those that arrived here after it, and
   * those whose id sorts after it (replicas deliver in different orders, so a client resuming
   * on another replica needs both). At-least-once: a client may see an id twice, never miss
   * one that is still buffered. `complete` is false when older events may have been evicted.
   */
  after(lastId: string): { events: StreamedEvent[]; complete: boolean } {
    const all = this.toArray();
    const index = all.findIndex((e) => e.id === lastId);
    const events = all.filter((e, i) => (index >= 0 && i > index) || e.id > lastId);
    const oldest = all[0];
    const complete = index >= 0 || oldest === undefined || !this.evicted || oldest.id <= lastId;
    return { events, complete };
  }

  toArray(): StreamedEvent[] {
    const out: StreamedEvent[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.read((this.start + i) % this.capacity));
    return out;
  }

  private read(at: number): StreamedEvent {
    const offset = this.offset[at];
    const record = this.slabOf[at]!.bytes.toString('utf8', offset, offset + this.length[at]);
    const idEnd = record.indexOf('\n');
    const nameEnd = record.indexOf('\n', idEnd + 1);
    const userEnd = record.indexOf('\n', nameEnd + 1);
    return {
      id: record.slice(0, idEnd),
      name: record.slice(idEnd + 1, nameEnd) as DomainEventName,
      userId: JSON.parse(record.slice(nameEnd + 1, userEnd)) as string | null,
      frame: record.slice(userEnd + 1),
    };
  }

  private evictOldest(): void {
    this.slabOf[this.start]!.live--;
    this.slabOf[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.size--;
    this.evicted = true;
    // Slabs empty out in the order they were filled; the one being written stays.
    while (this.slabs.length > 1 && this.slabs[0].live === 0) {
      const freed = this.slabs.shift()!;
      if (freed.bytes.length === SLAB_BYTES) this.spare = freed;
    }
  }

  /** The slab the next `bytes` go into: the current one if they fit, else a new (or spare) one. */
  private slabWithRoom(bytes: number): Slab {
    const current = this.slabs.at(-1);
    if (current && this.written + bytes <= current.bytes.length) return current;
    let slab: Slab;
    if (bytes > SLAB_BYTES) slab = { bytes: Buffer.allocUnsafeSlow(bytes), live: 0 };
    else if (this.spare) {
      slab = this.spare;
      this.spare = null;
    } else slab = { bytes: Buffer.allocUnsafeSlow(SLAB_BYTES), live: 0 };
    // An empty current slab (its records all evicted) is replaced, not kept behind the new one.
    if (current && current.live === 0) this.slabs.pop();
    this.slabs.push(slab);
    this.written = 0;
    return slab;
  }
}
