import { StringDecoder } from 'node:string_decoder';

/** One dispatched server-sent event. `id` is the stream's last event id, as the SSE spec keeps it. */
export interface SseRecord {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Incremental parser for the `text/event-stream` format (WHATWG HTML §9.2.6). Chunks may be split
 * anywhere, including inside a CRLF pair or a multi-byte UTF-8 character. Lines are assembled
 * from pending pieces so a long line fed in many chunks costs linear, not quadratic, time.
 */
export class SseParser {
  private readonly decoder = new StringDecoder('utf8');
  private pending: string[] = [];
  private skipLeadingLf = false;
  private atStart = true;
  private data: string[] = [];
  private eventType = '';
  private lastEventId = '';

  push(chunk: string | Buffer): SseRecord[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    return this.consume(text);
  }

  /**
   * End of stream. Deliberately lenient: the spec drops an event not followed by a blank line,
   * but a final event cut short of its terminator still carries usage the gateway must count.
   */
  flush(): SseRecord[] {
    const out = this.consume(this.decoder.end());
    if (this.pending.length > 0) {
      this.processLine(this.pending.join(''), out);
      this.pending = [];
    }
    this.dispatch(out);
    return out;
  }

  private consume(input: string): SseRecord[] {
    const out: SseRecord[] = [];
    let text = input;
    if (this.atStart && text.length > 0) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    if (this.skipLeadingLf && text.length > 0) {
      this.skipLeadingLf = false;
      if (text[0] === '\n') start = 1;
    }
    // Jumps from line break to line break (a per-character loop was most of a stream's tap cost).
    const breaks = /[\r\n]/g;
    breaks.lastIndex = start;
    for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
      let i = match.index;
      const ch = text[i];
      this.pending.push(text.slice(start, i));
      this.processLine(this.pending.join(''), out);
      this.pending = [];
      if (ch === '\r') {
        if (i + 1 === text.length) this.skipLeadingLf = true;
        else if (text[i + 1] === '\n') i++;
      }
      start = i + 1;
      breaks.lastIndex = start;
    }
    if (start < text.length) this.pending.push(text.slice(start));
    return out;
  }

  private processLine(line: string, out: SseRecord[]): void {
    if (line === '') return this.dispatch(out);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      default:
        // `retry` and unknown fields do not affect dispatched events
        break;
    }
  }

  private dispatch(out: SseRecord[]): void {
    if (this.data.length > 0) {
      const record: SseRecord = { data: this.data.join('\n') };
      if (this.eventType !== '') record.event = this.eventType;
      if (this.lastEventId !== '') record.id = this.lastEventId;
      out.push(record);
    }
    this.data = [];
    this.eventType = '';
  }
}
