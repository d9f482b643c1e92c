/** RFC 5424 syslog lines, and RFC 6587 octet-counting framing for TCP. */

export interface SyslogHeader {
  facility: number;
  appName: string;
  hostname: string;
  procId: string;
}

export interface SyslogRecord {
  timestamp: string;
  severity: number;
  msgId: string;
  /** One SD-ELEMENT under the documentation enterprise number (RFC 5612). */
  params: Record<string, string | null | undefined>;
  message: string;
}

export const SEVERITY = { warning: 4, notice: 5, informational: 6 } as const;
const SD_ID = 'sp@32473';

export function formatSyslog(header: SyslogHeader, record: SyslogRecord): string {
  const pri = header.facility * 8 + record.severity;
  const params = Object.entries(record.params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([name, value]) => `${name}="${escapeParam(value)}"`);
  const sd = params.length > 0 ? `[${SD_ID} ${params.join(' ')}]` : '-';
  return `<${pri}>1 ${record.timestamp} ${token(header.hostname, 255)} ${token(header.appName, 48)} ${token(header.procId, 128)} ${token(record.msgId, 32)} ${sd} ${record.message}`;
}

/** TCP framing: `<length> <message>`, the length in octets (RFC 6587 §3.4.1). */
export function octetCounted(message: string): string {
  return `${Buffer.byteLength(message, 'utf8')} ${message}`;
}

/** Header fields are PRINTUSASCII without spaces; '-' stands for "none". */
function token(value: string, max: number): string {
  const clean = value.replace(/[^\x21-\x7e]/g, '_').slice(0, max);
  return clean === '' ? '-' : clean;
}

function escapeParam(value: string): string {
  return value.replace(/[\\"\]]/g, (c) => `\\${c}`);
}
