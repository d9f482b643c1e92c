/**
 * Paths into JSON-shaped values, kept as a parent-linked list so a deep walk shares prefixes
 * instead of copying an array per node; text is built only when a path is reported.
 */

export type PathSegment = string | number;

export interface PathNode {
  readonly parent: PathNode | null;
  readonly segment: PathSegment;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(parent: PathNode | null, segment: PathSegment): PathNode {
  return { parent, segment };
}

/**
 * `$.args.env[2].value` style text. `formatKey` lets a caller substitute a key before it is
 * printed (the secret scanner shows a key that holds a secret in its redacted form).
 */
export function formatPath(node: PathNode | null, formatKey: (key: string) => string = (key) => key): string {
  const parts: string[] = [];
  for (let at = node; at; at = at.parent) {
    if (typeof at.segment === 'number') {
      parts.push(`[${at.segment}]`);
    } else {
      const key = formatKey(at.segment);
      parts.push(IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
    }
  }
  return `$${parts.reverse().join('')}`;
}
