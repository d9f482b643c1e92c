/** A content document: from `services/content/**` (the seed) or stored through the API. */
export interface ContentDocument {
  readonly slug: string;
  readonly title: string;
  /** Markdown. */
  readonly body: string;
  readonly tags: readonly string[];
  readonly published: boolean;
  readonly source: 'file' | 'database';
  readonly updatedAt: Date;
}

/** `GET /api/v1/content?tag=&q=` plus who is asking. */
export interface ContentFilter {
  readonly tag: string | null;
  /** Every term must occur (case-insensitively) in the title or the body. */
  readonly terms: readonly string[];
  readonly includeUnpublished: boolean;
}

/** Lower-case letters, digits and "-"; `skills` would shadow `/api/v1/content/skills`. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,127}$/;
export const RESERVED_SLUGS = ['skills'] as const;
export const TITLE_MAX = 300;
export const TAG_MAX = 64;
export const TAGS_MAX = 32;
export const BODY_MAX = 500_000;
