/**
 * A strict reader of the Prometheus text exposition format 0.0.4: every line must be a HELP,
 * a TYPE or a sample of a declared family, else it throws. Samples are keyed `name{labels}`.
 */
const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABELS = `\\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:\\\\.|[^"\\\\])*",?)*\\}`;
// Prometheus parses values with Go's ParseFloat: NaN and Inf in any letter case.
const VALUE = '(?:[-+]?(?:\\d+\\.?\\d*(?:[eE][-+]?\\d+)?|\\.\\d+)|[Nn][Aa][Nn]|[-+]?[Ii][Nn][Ff])';
const SAMPLE = new RegExp(`^(${NAME})(${LABELS})? (${VALUE})(?: -?\\d+)?$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const HELP = new RegExp(`^# HELP (${NAME}) .*$`);
const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

export function parsePrometheus(text: string): Map<string, number> {
  const families = new Map<string, string>();
  const samples = new Map<string, number>();
  for (const [i, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const type = TYPE.exec(line);
    if (type) {
      families.set(type[1]!, type[2]!);
      continue;
    }
    if (HELP.test(line)) continue;
    const sample = SAMPLE.exec(line);
    if (!sample) throw new Error(`line ${i + 1} is not Prometheus text: ${line}`);
    const name = sample[1]!;
    const family = families.has(name) ? name : SUFFIXES.map((s) => (name.endsWith(s) ? name.slice(0, -s.length) : '')).find((f) => f && families.has(f));
    if (!family) throw new Error(`line ${i + 1}: sample ${name} has no # TYPE`);
    samples.set(`${name}${sample[2] ?? ''}`, /^nan$/i.test(sample[3]!) ? NaN : Number(sample[3]!.replace(/inf$/i, 'Infinity')));
  }
  return samples;
}
