import type { StreamedEvent } from './observed-event.types';

/**
 * The last `capacity` events in arrival order, for `Last-Event-ID` resume. A ring: memory is
 * bounded whatever the event rate.
 */
export class ResumeBuffer {
  private readonly ring: (StreamedEvent | undefined)[];
  private start = 0;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Array<StreamedEvent | undefined>(capacity);
  }

  push(event: StreamedEvent): void {
    if (this.capacity === 0) return;
    if (this.size < this.capacity) {
      this.ring[(this.start + this.size) % this.capacity] = event;
      this.size++;
      return;
    }
    this.ring[this.start] = event;
    this.start = (this.start + 1) % this.capacity;
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
    const complete = index >= 0 || oldest === undefined || this.size < this.capacity || oldest.id <= lastId;
    return { events, complete };
  }

  toArray(): StreamedEvent[] {
    const out: StreamedEvent[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.ring[(this.start + i) % this.capacity]!);
    return out;
  }
}
