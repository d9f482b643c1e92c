/** Model patterns: `*`, `prefix*`, `*suffix`, `*middle*` or an exact name. */
export function modelPatternMatches(pattern: string, model: string): boolean {
  if (pattern === '*') return true;
  const starts = pattern.startsWith('*');
  const ends = pattern.endsWith('*');
  const core = pattern.slice(starts ? 1 : 0, ends ? -1 : undefined);
  if (starts && ends) return model.includes(core);
  if (starts) return model.endsWith(core);
  if (ends) return model.startsWith(core);
  return model === pattern;
}
