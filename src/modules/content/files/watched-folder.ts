import type { Logger } from '@nestjs/common';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { DirectoryWatcher } from './directory-watcher';
import type { FileResult } from './file-result';
import { type MarkdownFile, readMarkdownFiles } from './markdown-files.loader';
import { ReloadableFileSet } from './reloadable-file-set';

/** One save is often several events (write, rename, chmod): act once things are quiet. */
export const RELOAD_DEBOUNCE_MS = 150;

export interface WatchedFolderSpec<T> {
  readonly dir: string;
  readonly recursive: boolean;
  readonly parse: (file: MarkdownFile) => FileResult<T>;
  readonly keyOf: (value: T) => string;
  /** The front-matter field that holds the key, for "defined twice" messages. */
  readonly keyField: string;
  /** What the files are, for log lines ("skill", "content"). */
  readonly label: string;
  readonly logger: Logger;
}

/**
 * A folder of Markdown files with front matter, read when constructed (the first invalid file
 * throws a BootstrapError naming the file and the field) and, once `watch()` is called,
 * re-read on every change (an invalid file is logged and its previous version kept).
 */
export class WatchedFolder<T> {
  private readonly set: ReloadableFileSet<T>;
  private watcher: DirectoryWatcher | null = null;

  constructor(private readonly spec: WatchedFolderSpec<T>) {
    this.set = new ReloadableFileSet(spec.keyOf, spec.keyField);
    let results: FileResult<T>[];
    try {
      results = this.read();
    } catch (err) {
      throw new BootstrapError('config', spec.dir, '(folder)', `cannot be read: ${(err as Error).message}`);
    }
    this.set.load(results);
  }

  watch(): void {
    this.watcher ??= new DirectoryWatcher(this.spec.dir, {
      recursive: this.spec.recursive,
      debounceMs: RELOAD_DEBOUNCE_MS,
      onChange: () => this.reload(),
      onError: (message) => this.spec.logger.warn(message),
    });
  }

  close(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  reload(): void {
    let results: FileResult<T>[];
    try {
      results = this.read();
    } catch (err) {
      // A folder that vanished or became unreadable mid-read: keep serving what we have.
      this.spec.logger.warn(`${this.spec.label} files not reloaded, previous versions kept: ${(err as Error).message}`);
      return;
    }
    for (const p of this.set.reload(results)) {
      this.spec.logger.warn(`${this.spec.label} file refused, previous version kept: ${p.file}: ${p.field}: ${p.reason}`);
    }
    this.spec.logger.log(`${this.spec.label} files reloaded: ${this.set.values().length}`);
  }

  get(key: string): T | undefined {
    return this.set.get(key);
  }

  values(): T[] {
    return this.set.values();
  }

  private read(): FileResult<T>[] {
    return readMarkdownFiles(this.spec.dir, this.spec.recursive).map(this.spec.parse);
  }
}
