import type { DynamicModule, Type } from '@nestjs/common';
import type { ConfigValidator } from './config/config.loader';

/**
 * A company's own addition to the gateway. Its module may contribute controllers, entities,
 * scheduled jobs, gateway upstreams (`@GatewayUpstreamProvider`) and governance stages
 * (`@GovernanceStageProvider`); its migrations run after the core's, in the order given.
 */
export interface SystempromptExtension {
  name: string;
  version?: string;
  module?: Type | DynamicModule;
  migrations?: (new () => unknown)[];
  validateConfig?: ConfigValidator;
}

export interface SystempromptOptions {
  /** Profile YAML path; default `SYSTEMPROMPT_PROFILE` or `config/profiles/local.yaml`. */
  profilePath?: string;
  /** Inline profile YAML, used instead of reading `profilePath` (tests, embedding apps). */
  profileText?: string;
  /** The environment the stages read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  extensions?: SystempromptExtension[];
  /**
   * Where JSON log lines go (default stdout); embedding apps and tests may capture them. Each
   * write is one or more whole lines, each ending in a newline.
   */
  logDestination?: { write(lines: string): unknown };
  /** `cli` skips start-up jobs that only a server should run (admin bootstrap, schedulers). */
  mode?: 'server' | 'cli';
}
