import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { modelPatternMatches } from './model-pattern';
import type { ResolvedRoute } from './resolved-route';

const DEFAULT_RETRIES = 2;
const CACHE_LIMIT = 1000;

/**
 * Profile routes in order, first `model_pattern` match wins. Secrets are resolved once at start
 * and matches are cached per model name: routing is a map look-up on the hot path.
 */
@Injectable()
export class ModelRouter {
  private readonly logger = new Logger('ModelRouter');
  readonly routes: readonly ResolvedRoute[];
  private readonly byName = new Map<string, ResolvedRoute>();
  private readonly cache = new Map<string, ResolvedRoute | null>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.routes = config.gateway.routes.map((route) => {
      const secretName = route.api_key_secret ?? null;
      const apiKey = secretName ? resolveSecret(config, secretName) : null;
      if (secretName && !apiKey) this.logger.warn(`route ${route.name ?? route.model_pattern}: secret '${secretName}' is not configured`);
      return {
        name: route.name ?? route.model_pattern,
        modelPattern: route.model_pattern,
        provider: route.provider,
        endpoint: route.endpoint.replace(/\/$/, ''),
        apiKey,
        apiKeySecret: secretName,
        upstreamModel: route.upstream_model ?? null,
        extraHeaders: route.extra_headers,
        fallbacks: route.fallbacks,
        timeoutMs: route.request_timeout_ms ?? config.gateway.request_timeout_ms,
        maxRetries: route.max_retries ?? DEFAULT_RETRIES,
      };
    });
    for (const route of this.routes) if (!this.byName.has(route.name)) this.byName.set(route.name, route);
  }

  resolve(model: string): ResolvedRoute | null {
    const hit = this.cache.get(model);
    if (hit !== undefined) return hit;
    const route = this.routes.find((r) => modelPatternMatches(r.modelPattern, model)) ?? null;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(model, route);
    return route;
  }

  byRouteName(name: string): ResolvedRoute | null {
    return this.byName.get(name) ?? null;
  }
}

function resolveSecret(config: AppConfig, name: string): string | null {
  const builtIn = (config.secrets as unknown as Record<string, unknown>)[name];
  if (typeof builtIn === 'string' && builtIn && name !== 'custom' && name !== 'jwt_secret') return builtIn;
  return config.secrets.custom[name] ?? null;
}
