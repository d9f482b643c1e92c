import type { Identity } from '../../common/auth/identity';
import type { PubSub } from '../../common/pubsub/pubsub';
import { IdentityCache, type VerifiedCredential } from './identity-cache';

/** A pub/sub whose connection state the test sets; messages are delivered in process. */
class TestPubSub implements PubSub {
  connected = true;
  connections = 1;
  readonly distributed = true;
  private readonly handlers: ((message: string) => void)[] = [];
  async publish(_channel: string, message: string): Promise<void> {
    for (const handler of this.handlers) handler(message);
  }
  subscribe(_channel: string, handler: (message: string) => void): () => void {
    this.handlers.push(handler);
    return () => undefined;
  }
}

const identity = (id: string): Identity => ({ principal: 'user', userId: id, tenantId: 't', role: 'developer', scopes: null, sessionId: `s-${id}`, clientId: null, credentialId: `c-${id}`, credential: 'pat' });

/** A lookup whose answers the test releases one by one, counting the calls. */
function controlledLookup() {
  const waiting: ((value: VerifiedCredential | null) => void)[] = [];
  const failing: ((err: Error) => void)[] = [];
  const lookup = jest.fn(
    () =>
      new Promise<VerifiedCredential | null>((resolve, reject) => {
        waiting.push(resolve);
        failing.push(reject);
      }),
  );
  return {
    lookup,
    answer: (value: Identity | null) => waiting.shift()!(value ? { identity: value, credentialExpiresAt: Number.POSITIVE_INFINITY } : null),
    fail: (err: Error) => (waiting.shift(), failing.shift()!(err)),
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** On a fake clock at 1,000,000 ms: 'k' cached for user u1, and the lookup that stored it. */
async function cachedAtStart(cache: IdentityCache) {
  jest.useFakeTimers({ now: 1_000_000, doNotFake: ['setImmediate'] });
  const control = controlledLookup();
  const first = cache.resolve('k', control.lookup);
  control.answer(identity('u1'));
  await first;
  return control;
}

describe('IdentityCache', () => {
  let pubsub: TestPubSub;
  let cache: IdentityCache;

  beforeEach(() => {
    pubsub = new TestPubSub();
    cache = new IdentityCache(pubsub);
    cache.onModuleInit();
  });

  afterEach(() => jest.useRealTimers());

  it('looks a credential up once for every caller presenting it at the same time, then serves it from memory', async () => {
    const { lookup, answer } = controlledLookup();
    const callers = Array.from({ length: 50 }, () => cache.resolve('k', lookup));
    expect(lookup).toHaveBeenCalledTimes(1);
    answer(identity('u1'));
    expect(new Set((await Promise.all(callers)).map((i) => i?.userId))).toEqual(new Set(['u1']));
    expect((await cache.resolve('k', lookup))?.userId).toBe('u1');
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('a failed lookup fails every waiting caller and is not remembered', async () => {
    const { lookup, fail, answer } = controlledLookup();
    const callers = [cache.resolve('k', lookup), cache.resolve('k', lookup)];
    fail(new Error('database down'));
    for (const caller of callers) await expect(caller).rejects.toThrow('database down');
    const retry = cache.resolve('k', lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
    answer(identity('u1'));
    expect((await retry)?.userId).toBe('u1');
  });

  it('serves an entry in its last seconds while one background lookup renews it; a credential that no longer verifies is dropped', async () => {
    const { lookup, answer } = await cachedAtStart(cache);
    jest.setSystemTime(1_000_000 + 26_000);
    // Near expiry: answered from memory at once, and one renewal for all callers.
    expect((await cache.resolve('k', lookup))?.userId).toBe('u1');
    expect((await cache.resolve('k', lookup))?.userId).toBe('u1');
    expect(lookup).toHaveBeenCalledTimes(2);
    answer(null); // revoked meanwhile
    await flush();
    const after = cache.resolve('k', lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
    answer(null);
    expect(await after).toBeNull();
  });

  it('a renewed entry lives another full period', async () => {
    const { lookup, answer } = await cachedAtStart(cache);
    jest.setSystemTime(1_000_000 + 27_000);
    await cache.resolve('k', lookup);
    answer(identity('u1-renewed'));
    await flush();
    jest.setSystemTime(1_000_000 + 45_000);
    expect((await cache.resolve('k', lookup))?.userId).toBe('u1-renewed');
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('an invalidation during a lookup: its result is not stored, and later callers do not wait on it', async () => {
    const { lookup, answer } = controlledLookup();
    const early = cache.resolve('k', lookup);
    await cache.invalidate({ kind: 'user', id: 'u1' });
    const late = cache.resolve('k', lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
    answer(identity('u1')); // read before the revocation
    answer(null); // read after it
    expect((await early)?.userId).toBe('u1');
    expect(await late).toBeNull();
    const next = cache.resolve('k', lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
    answer(null);
    expect(await next).toBeNull();
  });

  it('drops the entries an invalidation names, from this replica or another', async () => {
    const { lookup, answer } = controlledLookup();
    for (const [key, user] of [['a', 'u1'], ['b', 'u2']] as const) {
      const pending = cache.resolve(key, lookup);
      answer(identity(user));
      await pending;
    }
    await pubsub.publish('sp:auth:invalidate', JSON.stringify({ kind: 'credential', id: 'c-u1' }));
    expect((await cache.resolve('b', lookup))?.userId).toBe('u2');
    expect(lookup).toHaveBeenCalledTimes(2);
    const again = cache.resolve('a', lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
    answer(identity('u1'));
    await again;
  });

  it('while the subscription is down nothing is served from memory, and after a reconnect the cache starts empty', async () => {
    const { lookup, answer } = controlledLookup();
    const first = cache.resolve('k', lookup);
    answer(identity('u1'));
    await first;
    pubsub.connected = false;
    const bypass = cache.resolve('k', lookup);
    expect(lookup).toHaveBeenCalledTimes(2);
    answer(identity('u1'));
    await bypass;
    // Back, on a new subscription: a revocation sent meanwhile never arrived, so look up again.
    pubsub.connected = true;
    pubsub.connections = 2;
    const afterReconnect = cache.resolve('k', lookup);
    expect(lookup).toHaveBeenCalledTimes(3);
    answer(null);
    expect(await afterReconnect).toBeNull();
  });
});
