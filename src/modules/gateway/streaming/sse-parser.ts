import { StringDecoder } from 'node:string_decoder';

/** One dispatched server-sent event. `id` is the stream's last event id, as the SSE spec keeps it. */
export interface SseRecord {
  event?: string;
  data: string;
  id?: string;
}

/** Tells the parser which event types the caller wants; the data of the others is never copied. */
export type SseEventFilter = (eventType: string) => boolean;

const COLON = 0x3a;
const SPACE = 0x20;

/**
 * Incremental parser for the `text/event-stream` format (WHATWG HTML §9.2.6). Chunks may be split
 * anywhere, including inside a CRLF pair or a multi-byte UTF-8 character. Lines are read in place
 * (offsets into the decoded chunk); only a line split across chunks is assembled from pieces, in
 * linear time. With a `wants` filter, a record whose `event:` names an unwanted type is dropped
 * without its data being copied (the gateway's usage tap reads 3 types out of a stream of deltas;
 * a record that names its type after its data is still judged by it).
 */
export class SseParser {
  private readonly decoder = new StringDecoder('utf8');
  private pending: string[] = [];
  private skipLeadingLf = false;
  private atStart = true;
  private data: string | null = null;
  private moreData: string[] | null = null;
  private eventType = '';
  private unwanted = false;
  private lastEventId = '';

  constructor(private readonly wants?: SseEventFilter) {}

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
      const line = this.pending.join('');
      this.pending = [];
      this.processLine(line, 0, line.length, out);
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
      if (text.charCodeAt(0) === 0x0a) start = 1;
    }
    // Next CR and LF, each searched once per pass over the text (most streams have no CR).
    let cr = text.indexOf('\r', start);
    let lf = text.indexOf('\n', start);
    while (cr !== -1 || lf !== -1) {
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr + 1 === text.length) {
          this.skipLeadingLf = true;
          next = cr + 1;
        } else next = text.charCodeAt(cr + 1) === 0x0a ? cr + 2 : cr + 1;
      } else {
        end = lf;
        next = lf + 1;
      }
      if (this.pending.length > 0) {
        this.pending.push(text.slice(start, end));
        const line = this.pending.join('');
        this.pending = [];
        this.processLine(line, 0, line.length, out);
      } else this.processLine(text, start, end, out);
      start = next;
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    }
    if (start < text.length) this.pending.push(text.slice(start));
    return out;
  }

  /** The line `text[start, end)`. */
  private processLine(text: string, start: number, end: number, out: SseRecord[]): void {
    if (start === end) return this.dispatch(out);
    if (text.charCodeAt(start) === COLON) return;
    if (isField(text, start, end, 'data')) {
      if (this.unwanted) return;
      const value = fieldValue(text, start + 4, end);
      if (this.data === null) this.data = value;
      else (this.moreData ??= []).push(value);
    } else if (isField(text, start, end, 'event')) {
      this.eventType = fieldValue(text, start + 5, end);
      this.unwanted = this.wants !== undefined && !this.wants(this.eventType);
    } else if (isField(text, start, end, 'id')) {
      const value = fieldValue(text, start + 2, end);
      if (!value.includes('\0')) this.lastEventId = value;
    }
    // `retry` and unknown fields do not affect dispatched events
  }

  private dispatch(out: SseRecord[]): void {
    if (this.data !== null && !this.unwanted) {
      const record: SseRecord = { data: this.moreData ? [this.data, ...this.moreData].join('\n') : this.data };
      if (this.eventType !== '') record.event = this.eventType;
      if (this.lastEventId !== '') record.id = this.lastEventId;
      out.push(record);
    }
    this.data = null;
    this.moreData = null;
    this.eventType = '';
    this.unwanted = false;
  }
}

/** Whether the line `text[start, end)` is the field `name` (followed by a colon or nothing). */
function isField(text: string, start: number, end: number, name: string): boolean {
  const after = start + name.length;
  return after <= end && text.startsWith(name, start) && (after === end || text.charCodeAt(after) === COLON);
}

/** The value after a field name ending at `from`: past the colon and one optional space. */
function fieldValue(text: string, from: number, end: number): string {
  if (from === end) return '';
  let at = from + 1;
  if (at < end && text.charCodeAt(at) === SPACE) at++;
  return text.slice(at, end);
}
