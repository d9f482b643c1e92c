import { parseDocument } from 'yaml';

/** A Markdown file split into its front matter (a YAML mapping) and its body. */
export interface FrontMatterDocument {
  readonly attributes: Record<string, unknown>;
  readonly body: string;
}

export type FrontMatterResult = { ok: true; document: FrontMatterDocument } | { ok: false; field: string; reason: string };

const FIELD = '(front matter)';
const OPENING = /^---[ \t]*$/;
const CLOSING = /^(---|\.\.\.)[ \t]*$/;

/**
 * Splits `---\n<yaml>\n---\n<body>`. The block must open on the first line; a file without one,
 * an unclosed block, invalid YAML or YAML that is not a mapping is reported with its line.
 */
export function parseFrontMatter(text: string): FrontMatterResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!OPENING.test(lines[0] ?? '')) return { ok: false, field: FIELD, reason: 'missing: the file must start with a "---" line' };
  const end = lines.findIndex((line, i) => i > 0 && CLOSING.test(line));
  if (end < 0) return { ok: false, field: FIELD, reason: 'not closed: no "---" line after the opening one' };
  const doc = parseDocument(lines.slice(1, end).join('\n'), { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = (error.linePos?.[0]?.line ?? 0) + 1;
    return { ok: false, field: FIELD, reason: `invalid YAML at line ${line}: ${error.message.split('\n')[0]}` };
  }
  const attributes: unknown = doc.toJS() ?? {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    return { ok: false, field: FIELD, reason: 'must be a mapping of keys to values' };
  }
  return { ok: true, document: { attributes: attributes as Record<string, unknown>, body: lines.slice(end + 1).join('\n').replace(/^\n+/, '') } };
}
