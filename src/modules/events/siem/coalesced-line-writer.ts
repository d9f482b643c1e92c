/** Where lines go: process.stdout, or an embedding app's destination. */
export interface LineTarget {
  write(chunk: string): unknown;
}

const MAX_PENDING_CHARS = 64 * 1024;

/**
 * Lines written in the same event-loop turn leave in one `write()`: process.stdout is
 * synchronous on files and pipes, so a write per event was a system call on every request.
 * A chunk is always whole lines; nothing waits longer than the current turn.
 */
export class CoalescedLineWriter {
  private pending = '';
  private scheduled = false;

  constructor(private readonly target: LineTarget) {}

  write(line: string): void {
    this.pending += line;
    if (this.pending.length >= MAX_PENDING_CHARS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    const chunk = this.pending;
    this.pending = '';
    this.target.write(chunk);
  }
}
