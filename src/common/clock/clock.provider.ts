import { Injectable } from '@nestjs/common';

/** The time source, injectable so tests can control it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
  nowMs(): number {
    return Date.now();
  }
}
