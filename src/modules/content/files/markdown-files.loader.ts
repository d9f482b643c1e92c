import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** A Markdown file as read from disk. */
export interface MarkdownFile {
  readonly file: string;
  readonly text: string;
  readonly modifiedAt: Date;
}

const MARKDOWN = /\.(md|markdown)$/i;

/**
 * The Markdown files under `dir` (sub-folders too when `recursive`), sorted by path so that
 * "defined twice" always names the same file. Hidden files (editor swap files) are skipped.
 * A missing folder holds no files.
 */
export function readMarkdownFiles(dir: string, recursive: boolean): MarkdownFile[] {
  if (!existsSync(dir)) return [];
  return listFiles(dir, recursive)
    .sort()
    .flatMap((file) => {
      try {
        return [{ file, text: readFileSync(file, 'utf8'), modifiedAt: statSync(file).mtime }];
      } catch {
        // Removed between listing and reading (a save in progress): the next change event reloads it.
        return [];
      }
    });
}

function listFiles(dir: string, recursive: boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return recursive ? listFiles(path, true) : [];
    return entry.isFile() && MARKDOWN.test(entry.name) ? [path] : [];
  });
}
