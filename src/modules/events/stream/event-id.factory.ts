import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '../../../common/clock/clock.provider';

/**
 * Event ids `<13-digit ms>-<8 hex replica>-<8 hex sequence>`: unique across replicas (the
 * replica part is random per process) and sortable as plain strings, by time first.
 */
@Injectable()
export class EventIdFactory {
  readonly replica = randomBytes(4).toString('hex');
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  next(): string {
    this.seq = (this.seq + 1) % 0x1_0000_0000;
    return `${String(this.clock.nowMs()).padStart(13, '0')}-${this.replica}-${this.seq.toString(16).padStart(8, '0')}`;
  }
}

const EVENT_ID = /^\d{13}-[0-9a-f]{8}-[0-9a-f]{8}$/;

export function isEventId(value: string): boolean {
  return EVENT_ID.test(value);
}
