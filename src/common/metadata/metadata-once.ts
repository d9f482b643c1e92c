import 'reflect-metadata';

/**
 * A reader of one metadata key that looks each target up once and then answers from memory.
 * Decorator metadata is fixed once the app has started, and the reflect-metadata polyfill's
 * look-ups leave garbage that outlives a young-generation GC: anything asked per request
 * (a route's handler, a body's DTO class) reads through one of these.
 */
export function metadataOnce<T>(key: symbol | string): (target: object) => T | undefined {
  const known = new WeakMap<object, T | undefined>();
  return (target) => {
    if (known.has(target)) return known.get(target);
    const value = Reflect.getMetadata(key, target) as T | undefined;
    known.set(target, value);
    return value;
  };
}
