import { walkJson } from '../../../common/matching/walk-json';

/**
 * The texts a blocklist rule is tested against: every string value of the tool input, plus
 * the command line an agent spreads over several fields: each all-string array joined with
 * spaces (`["rm", "-rf", "/"]`), and `command`/`cmd`/`program` joined with
 * `args`/`argv`/`arguments` in the same object.
 */

const COMMAND_KEYS = ['command', 'cmd', 'executable', 'program'];
const ARGUMENT_KEYS = ['args', 'argv', 'arguments'];

export interface BlocklistTexts {
  readonly texts: string[];
  /** True when the input exceeded the byte budget and was not read to the end. */
  readonly truncated: boolean;
}

export function collectBlocklistTexts(input: unknown, maxBytes: number): BlocklistTexts {
  const texts: string[] = [];
  let used = 0;
  const add = (text: string): boolean => {
    used += Buffer.byteLength(text, 'utf8');
    if (used > maxBytes) return false;
    texts.push(text);
    return true;
  };
  for (const event of walkJson(input)) {
    let ok = true;
    if (event.kind === 'string') ok = add(event.text);
    else if (event.kind === 'container' && !event.repeated) {
      const joined = Array.isArray(event.value) ? joinArgv(event.value) : joinCommand(event.value as Record<string, unknown>);
      if (joined !== null) ok = add(joined);
    }
    if (!ok) return { texts, truncated: true };
  }
  return { texts, truncated: false };
}

function joinArgv(items: readonly unknown[]): string | null {
  return items.length >= 2 && items.every((item) => typeof item === 'string') ? items.join(' ') : null;
}

function joinCommand(record: Record<string, unknown>): string | null {
  const command = COMMAND_KEYS.map((key) => record[key]).find((value) => typeof value === 'string');
  const args = ARGUMENT_KEYS.map((key) => record[key]).find((value) => value !== undefined);
  if (typeof command !== 'string' || args === undefined) return null;
  if (typeof args === 'string') return `${command} ${args}`;
  if (Array.isArray(args) && args.every((arg) => typeof arg === 'string')) return [command, ...args].join(' ');
  return null;
}
