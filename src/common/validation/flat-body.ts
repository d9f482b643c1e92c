const FLAT = Symbol('flat-body');

/**
 * Marks a DTO of plain fields whose values may be any JSON (tool arguments) and that declares
 * no nested DTO: the global pipe checks it on a shallow instance, still refusing undeclared
 * fields, and hands the body on as sent instead of deep-copying the opaque values first.
 */
export function FlatBody(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(FLAT, true, target);
  };
}

const flat = new WeakMap<object, boolean>();

/** Read once per class: asked on every request, and metadata look-ups leave garbage behind. */
export function isFlatBody(metatype: unknown): metatype is new (...args: never[]) => unknown {
  if (typeof metatype !== 'function') return false;
  let marked = flat.get(metatype);
  if (marked === undefined) flat.set(metatype, (marked = Reflect.getMetadata(FLAT, metatype) === true));
  return marked;
}
