import { Injectable } from '@nestjs/common';
import { ModelRouter } from './routing/model-router';

export interface ModelEntry {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
  /** Our addition: which provider serves it, and whether `id` is a pattern. */
  provider: string;
  pattern: boolean;
}

/** `GET /v1/models`: one entry per route, in the Anthropic list format. */
@Injectable()
export class ModelsService {
  private readonly createdAt = new Date(0).toISOString();

  constructor(private readonly router: ModelRouter) {}

  list(): { data: ModelEntry[]; has_more: false; first_id: string | null; last_id: string | null } {
    const seen = new Set<string>();
    const data: ModelEntry[] = [];
    for (const route of this.router.routes) {
      if (seen.has(route.modelPattern)) continue;
      seen.add(route.modelPattern);
      data.push({ type: 'model', id: route.modelPattern, display_name: route.modelPattern, created_at: this.createdAt, provider: route.provider, pattern: route.modelPattern.includes('*') });
    }
    return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
  }
}
