import type { PathNode } from './json-path';
import { walkJson } from './walk-json';

export interface StringSite {
  readonly text: string;
  readonly path: PathNode | null;
  readonly isKey: boolean;
}

/**
 * A deep copy of a JSON-shaped value in which every string value and every object key went
 * through `replace`, called in the same document order as walkJson. Keys are defined with
 * defineProperty so a `__proto__` key stays data, and when two replaced keys collide the later
 * gets a ` (2)`, ` (3)`… suffix so no value is silently dropped.
 */
export function mapStrings(root: unknown, replace: (site: StringSite) => string): unknown {
  const copies = new Map<object, unknown[] | Record<string, unknown>>();
  const suffixes = new Map<object, Map<string, number>>();
  let result: unknown = root;
  let pendingKey = '';

  const place = (parent: object | null, index: string | number | null, value: unknown): void => {
    if (parent === null) {
      result = value;
      return;
    }
    const target = copies.get(parent);
    if (Array.isArray(target)) target[index as number] = value;
    else if (target) Object.defineProperty(target, pendingKey, { value, enumerable: true, writable: true, configurable: true });
  };

  for (const event of walkJson(root)) {
    switch (event.kind) {
      case 'key': {
        const target = copies.get(event.parent as object) as Record<string, unknown>;
        pendingKey = uniqueKey(target, replace({ text: event.text, path: event.path, isKey: true }), suffixes);
        break;
      }
      case 'string':
        place(event.parent, event.key, replace({ text: event.text, path: event.path, isKey: false }));
        break;
      case 'container': {
        let copy = copies.get(event.value);
        if (!copy) {
          copy = Array.isArray(event.value) ? new Array<unknown>(event.value.length) : {};
          copies.set(event.value, copy);
        }
        place(event.parent, event.key, copy);
        break;
      }
      case 'other':
        place(event.parent, event.key, event.value);
        break;
    }
  }
  return result;
}

// The next suffix per key is remembered, so thousands of keys redacted to the same text stay
// linear instead of probing " (2)", " (3)"… from the start each time.
function uniqueKey(target: Record<string, unknown>, key: string, suffixes: Map<object, Map<string, number>>): string {
  if (!Object.hasOwn(target, key)) return key;
  let next = suffixes.get(target);
  if (!next) suffixes.set(target, (next = new Map()));
  let n = next.get(key) ?? 2;
  while (Object.hasOwn(target, `${key} (${n})`)) n++;
  next.set(key, n + 1);
  return `${key} (${n})`;
}
