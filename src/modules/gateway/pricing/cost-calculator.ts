import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import type { PricingProfile } from '../../../bootstrap/profile/profile.schema';
import type { AnthropicUsage } from '../anthropic/anthropic.types';
import { modelPatternMatches } from '../routing/model-pattern';

/**
 * Cost in microdollars from the profile's `pricing` (USD per million tokens, so a price is
 * exactly microdollars per token). Cache reads and writes are priced separately. A model
 * without a price costs 0 (and the record says so by its 0).
 */
@Injectable()
export class CostCalculator {
  private readonly cache = new Map<string, PricingProfile | null>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  costMicrodollars(models: (string | null)[], usage: AnthropicUsage): number {
    const price = this.priceFor(models);
    if (!price) return 0;
    const micro =
      usage.input_tokens * price.input +
      usage.output_tokens * price.output +
      (usage.cache_read_input_tokens ?? 0) * price.cache_read +
      (usage.cache_creation_input_tokens ?? 0) * price.cache_write;
    return Math.round(micro);
  }

  private priceFor(models: (string | null)[]): PricingProfile | null {
    for (const model of models) {
      if (!model) continue;
      let hit = this.cache.get(model);
      if (hit === undefined) {
        hit = this.config.gateway.pricing.find((p) => modelPatternMatches(p.model_pattern, model)) ?? null;
        if (this.cache.size < 1000) this.cache.set(model, hit);
      }
      if (hit) return hit;
    }
    return null;
  }
}
