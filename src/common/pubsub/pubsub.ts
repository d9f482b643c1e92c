/** Cross-replica messages (cache invalidation, event fan-out): Redis pub/sub or in-process. */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): () => void;
  /**
   * True while messages from other replicas are known to arrive. Caches that rely on
   * invalidation messages must not serve from cache while this is false.
   */
  readonly connected: boolean;
  readonly distributed: boolean;
}

export const PUBSUB = Symbol('PUBSUB');
