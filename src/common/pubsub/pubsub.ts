/** Cross-replica messages (cache invalidation, event fan-out): Redis pub/sub or in-process. */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, handler: (message: string) => void): () => void;
  /**
   * True while messages from other replicas are known to arrive. Caches that rely on
   * invalidation messages must not serve from cache while this is false.
   */
  readonly connected: boolean;
  /**
   * Counts the subscriptions that started over: a cache filled before a reconnect may hold
   * entries whose invalidation was sent while it was away, so it starts empty after one.
   */
  readonly connections: number;
  readonly distributed: boolean;
}

export const PUBSUB = Symbol('PUBSUB');
