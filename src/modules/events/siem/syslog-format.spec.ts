import { formatSyslog, octetCounted } from './syslog-format';

const RFC5424 = /^<(\d{1,3})>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|\[.*?[^\\]\]) (.*)$/s;

describe('syslog RFC 5424', () => {
  const header = { facility: 16, appName: 'systemprompt', hostname: 'host a', procId: '42' };

  it('formats header, structured data and message', () => {
    const line = formatSyslog(header, { timestamp: '2026-01-02T03:04:05.678Z', severity: 4, msgId: 'governance.decision', params: { trace_id: 't"1]', user_id: null }, message: '{"a":1}' });
    expect(line).toBe('<132>1 2026-01-02T03:04:05.678Z host_a systemprompt 42 governance.decision [sp@32473 trace_id="t\\"1\\]"] {"a":1}');
    const m = RFC5424.exec(line)!;
    expect(Number(m[1])).toBe(16 * 8 + 4);
    expect(m[8]).toBe('{"a":1}');
  });

  it('uses "-" when there is no structured data', () => {
    expect(formatSyslog(header, { timestamp: 't', severity: 6, msgId: '', params: {}, message: 'm' })).toBe('<134>1 t host_a systemprompt 42 - - m');
  });

  it('frames by octet count (UTF-8 bytes, not characters)', () => {
    expect(octetCounted('é')).toBe('2 é');
  });
});
