import { elementText } from './multi-row-insert';

/** The characters PostgreSQL's COPY text format reads specially inside a field. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Rows as the data of `COPY <table> (<columns>) FROM STDIN` in PostgreSQL's text format: one
 * line a row, fields separated by tabs, `\N` for NULL, and backslash, tab, newline and
 * carriage return escaped (so `\.` inside a value can never end the data). Values are
 * converted as for the INSERT path (`elementText`), and each is parsed by its column's type on
 * the server exactly like a cast: a too-long value is refused, never truncated.
 */
export function copyText<Row extends Record<string, unknown>>(rows: readonly Row[], columns: readonly (keyof Row & string)[]): string {
  let text = '';
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) {
      const value = elementText(row[columns[c]]);
      const field = value === null ? '\\N' : typeof value === 'string' ? escapeField(value) : String(value);
      text += c === 0 ? field : `\t${field}`;
    }
    text += '\n';
  }
  return text;
}

function escapeField(value: string): string {
  return COPY_SPECIAL.test(value) ? value.replace(COPY_SPECIAL_ALL, (ch) => COPY_ESCAPES[ch]) : value;
}
