import { metadataOnce } from '../metadata/metadata-once';

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

const flatMark = metadataOnce<boolean>(FLAT);

/** Asked on every request: read once per class. */
export function isFlatBody(metatype: unknown): metatype is new (...args: never[]) => unknown {
  return typeof metatype === 'function' && flatMark(metatype) === true;
}
