import { EventEmitter } from 'node:events';

/**
 * Cancels one upstream call when its client goes away. A plain EventEmitter, which undici takes
 * as a request `signal` (it listens for `abort` and reads `aborted`): making an AbortController
 * and its AbortSignal (an EventTarget) for every request was ~5 % of a gateway request's CPU.
 * `signal` gives code that needs a real AbortSignal (`fetch`, an extension's provider) one, made
 * on first use and aborted together with this.
 */
export class ClientCancellation extends EventEmitter {
  aborted = false;
  private controller: AbortController | null = null;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.controller?.abort();
    this.emit('abort');
  }

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort();
    }
    return this.controller.signal;
  }

  /** The EventTarget form, which undici prefers when it exists. */
  addEventListener(type: 'abort', listener: () => void): void {
    this.once(type, listener);
  }

  removeEventListener(type: 'abort', listener: () => void): void {
    this.off(type, listener);
  }
}
