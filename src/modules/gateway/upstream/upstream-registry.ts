import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { GATEWAY_UPSTREAM_TAG, type GatewayUpstream } from './gateway-upstream';

/** Tags the core ships; a provider registered elsewhere under one of them shadows it. */
export const BUILT_IN_UPSTREAM_TAGS = ['anthropic', 'minimax', 'openai', 'moonshot', 'qwen', 'gemini'];

/**
 * Every `@GatewayUpstreamProvider` in the application (core and extensions), by tag. A route
 * naming an unregistered tag stops the start.
 */
@Injectable()
export class UpstreamRegistry implements OnModuleInit {
  private readonly logger = new Logger('UpstreamRegistry');
  private readonly upstreams = new Map<string, GatewayUpstream>();

  constructor(
    private readonly discovery: DiscoveryService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const builtIn = new Map<string, GatewayUpstream>();
    const contributed = new Map<string, GatewayUpstream>();
    for (const wrapper of this.discovery.getProviders()) {
      const target = wrapper.metatype as unknown;
      if (!wrapper.instance || typeof target !== 'function') continue;
      const tags = Reflect.getMetadata(GATEWAY_UPSTREAM_TAG, target) as string[] | undefined;
      if (!tags) continue;
      const isCore = (target as { name: string }).name !== '' && isCoreClass(target);
      for (const tag of tags) (isCore ? builtIn : contributed).set(tag, wrapper.instance as GatewayUpstream);
    }
    for (const [tag, upstream] of builtIn) this.upstreams.set(tag, upstream);
    for (const [tag, upstream] of contributed) {
      if (this.upstreams.has(tag)) this.logger.warn(`gateway provider '${tag}' shadows the built-in provider`);
      this.upstreams.set(tag, upstream);
    }
    this.config.gateway.routes.forEach((route, index) => {
      if (!this.upstreams.has(route.provider)) {
        throw new BootstrapError('config', this.config.profileFile, `gateway.routes.${index}.provider`, `Gateway provider '${route.provider}' is not registered`);
      }
    });
  }

  get(tag: string): GatewayUpstream {
    const upstream = this.upstreams.get(tag);
    if (!upstream) throw new Error(`Gateway provider '${tag}' is not registered`);
    return upstream;
  }

  tags(): string[] {
    return [...this.upstreams.keys()];
  }
}

const CORE_UPSTREAMS = new WeakSet<object>();
/** Marks the core's own upstream classes (see gateway.module.ts). */
export function markCoreUpstream(target: object): void {
  CORE_UPSTREAMS.add(target);
}
function isCoreClass(target: object): boolean {
  return CORE_UPSTREAMS.has(target);
}
