/**
 * The unbounded quantifiers (`*`, `+`, `{n,}`) in a regex source, outside character classes
 * and escapes. The built-in secret and blocklist patterns must have none: with every
 * repetition bounded, one match attempt costs a constant and a scan stays linear in the text.
 */
export function unboundedQuantifiers(source: string): string[] {
  const found: string[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '*' || c === '+') {
      found.push(`${c} at ${i}`);
    } else if (c === '{') {
      const open = /^\{\d+,\}/.exec(source.slice(i, i + 12));
      if (open) found.push(`${open[0]} at ${i}`);
    }
  }
  return found;
}
