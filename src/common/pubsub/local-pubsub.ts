import type { PubSub } from './pubsub';

/** One process, no Redis: messages are delivered in-process, so invalidation is always in effect. */
export class LocalPubSub implements PubSub {
  readonly connected = true;
  readonly connections = 1;
  readonly distributed = false;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  async publish(channel: string, message: string): Promise<void> {
    for (const handler of this.handlers.get(channel) ?? []) handler(message);
  }

  subscribe(channel: string, handler: (message: string) => void): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }
}
