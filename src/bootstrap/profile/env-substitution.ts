/**
 * `${VAR}` and `${VAR:-default}` substitution on the raw profile text, before YAML parsing.
 * A `${VAR}` whose variable is unset (and has no default) is reported by name.
 */
const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface SubstitutionResult {
  text: string;
  missing: { name: string; line: number }[];
}

export function substituteEnv(text: string, env: Readonly<Record<string, string | undefined>>): SubstitutionResult {
  const missing: { name: string; line: number }[] = [];
  const lines = text.split('\n').map((line, index) => {
    // Comments are left alone, so documentation may mention ${VAR} freely.
    if (line.trimStart().startsWith('#')) return line;
    return line.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      missing.push({ name, line: index + 1 });
      return '';
    });
  });
  return { text: lines.join('\n'), missing };
}
