import { existsSync, type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface DirectoryWatcherOptions {
  readonly recursive: boolean;
  /** Quiet time after the last event before `onChange` runs: one save is often several events. */
  readonly debounceMs: number;
  readonly onChange: () => void;
  readonly onError: (message: string) => void;
}

/**
 * Calls `onChange` once things settle after anything under `dir` changes. While `dir` does not
 * exist its parent is watched, so a folder created (or removed and re-created) later is picked up.
 */
export class DirectoryWatcher {
  private watcher: FSWatcher | null = null;
  private watchingDir = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly options: DirectoryWatcherOptions,
  ) {
    this.arm();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = null;
  }

  private arm(): void {
    if (this.closed) return;
    const dirExists = existsSync(this.dir);
    const target = dirExists ? this.dir : dirname(this.dir);
    if (!existsSync(target)) return;
    try {
      const watcher = watch(target, { recursive: dirExists && this.options.recursive, persistent: false }, (_event, name) => {
        if (dirExists || name === null || basename(String(name)) === basename(this.dir)) this.schedule();
      });
      watcher.on('error', (err) => {
        this.options.onError(`watching ${target} stopped: ${err.message}`);
        watcher.close();
        if (this.watcher === watcher) this.watcher = null;
        this.schedule();
      });
      this.watcher = watcher;
      this.watchingDir = dirExists;
    } catch (err) {
      this.options.onError(`cannot watch ${target}: ${(err as Error).message}`);
    }
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.settle(), this.options.debounceMs);
    this.timer.unref();
  }

  private settle(): void {
    this.timer = null;
    if (this.closed) return;
    // The folder appeared or disappeared: watch the right thing from now on.
    if (existsSync(this.dir) !== this.watchingDir || this.watcher === null) {
      this.watcher?.close();
      this.watcher = null;
      this.arm();
    }
    this.options.onChange();
  }
}
