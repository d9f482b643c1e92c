/** What a secret looks like in logs and `admin config show`: its presence and length, never its value. */
export function maskSecret(value: string | undefined | null): string {
  if (value === undefined || value === null || value === '') return '(unset)';
  return `****** (${value.length} chars)`;
}
