import { childPath, type PathNode, type PathSegment } from './json-path';

/**
 * Depth-first, document-order walk over a JSON-shaped value (plain objects, arrays, strings,
 * other primitives). Iterative, so a hostile 100k-deep nesting cannot overflow the stack, and
 * each object is entered once, so shared or circular references terminate.
 *
 * Events, in order: a container's own event, then for each object property a `key` event
 * followed by the event of its value. `parent`/`key` say where the value sits, for callers
 * that rebuild the value (see map-strings.ts).
 */

interface Site {
  readonly path: PathNode | null;
  readonly parent: object | null;
  readonly key: PathSegment | null;
}

export type JsonWalkEvent =
  | (Site & { readonly kind: 'key'; readonly text: string })
  | (Site & { readonly kind: 'string'; readonly text: string })
  | (Site & { readonly kind: 'container'; readonly value: object; readonly repeated: boolean })
  | (Site & { readonly kind: 'other'; readonly value: unknown });

interface Frame {
  readonly container: object;
  readonly keys: readonly string[] | null; // null for arrays
  readonly length: number;
  readonly path: PathNode | null;
  index: number;
}

export function* walkJson(root: unknown): Generator<JsonWalkEvent> {
  const seen = new WeakSet<object>();
  const stack: Frame[] = [];

  const enter = (value: unknown, path: PathNode | null, parent: object | null, key: PathSegment | null): JsonWalkEvent => {
    if (typeof value === 'string') return { kind: 'string', text: value, path, parent, key };
    if (typeof value !== 'object' || value === null) return { kind: 'other', value, path, parent, key };
    const repeated = seen.has(value);
    if (!repeated) {
      seen.add(value);
      const keys = Array.isArray(value) ? null : Object.keys(value);
      const length = keys ? keys.length : (value as unknown[]).length;
      stack.push({ container: value, keys, length, path, index: 0 });
    }
    return { kind: 'container', value, repeated, path, parent, key };
  };

  yield enter(root, null, null, null);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.length) {
      stack.pop();
      continue;
    }
    const index = frame.index++;
    if (frame.keys === null) {
      const items = frame.container as readonly unknown[];
      yield enter(items[index], childPath(frame.path, index), frame.container, index);
    } else {
      const key = frame.keys[index];
      const path = childPath(frame.path, key);
      yield { kind: 'key', text: key, path, parent: frame.container, key };
      yield enter((frame.container as Record<string, unknown>)[key], path, frame.container, key);
    }
  }
}
