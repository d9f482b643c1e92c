/**
 * Shannon entropy in bits per character: -Σ p·log2(p) over the character frequencies. Random
 * base64 approaches 6, hex 4, English words sit near 3 to 4; short strings are capped at
 * log2(length), which is why callers pair a threshold with a minimum length.
 */
const asciiCounts = new Uint32Array(128);

export function shannonEntropy(text: string): number {
  if (text.length === 0) return 0;
  let other: Map<number, number> | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) asciiCounts[c]++;
    else (other ??= new Map()).set(c, (other.get(c) ?? 0) + 1);
  }
  let entropy = 0;
  for (let c = 0; c < 128; c++) {
    const count = asciiCounts[c];
    if (count === 0) continue;
    asciiCounts[c] = 0; // reset the shared table for the next call
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  for (const count of other?.values() ?? []) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}
