import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { Identity } from '../auth/identity';

/** What the request context holds, set by the trace middleware and the auth guard. */
export interface RequestContextStore {
  [key: symbol]: unknown;
  identity?: Identity;
  traceId?: string;
  callSource?: string;
}

/**
 * The current request's identity and trace id, readable from any module without passing them
 * down (AsyncLocalStorage through nestjs-cls).
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService<RequestContextStore>) {}

  get identity(): Identity | undefined {
    return this.cls.isActive() ? this.cls.get('identity') : undefined;
  }

  get traceId(): string | undefined {
    return this.cls.isActive() ? (this.cls.get('traceId') ?? this.cls.getId()) : undefined;
  }

  setIdentity(identity: Identity): void {
    if (this.cls.isActive()) this.cls.set('identity', identity);
  }

  /** Runs work (a CLI command, a background job) in a context of its own. */
  run<T>(store: Omit<RequestContextStore, symbol>, work: () => Promise<T>): Promise<T> {
    return this.cls.run(async () => {
      for (const [key, value] of Object.entries(store)) this.cls.set(key as never, value as never);
      return work();
    });
  }
}
