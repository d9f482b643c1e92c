import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { type FileProblem, type FileResult, fileProblem } from './file-result';

/** A refused file with the version it had before (none at start). */
type Refused<T> = FileProblem & { previous: T | undefined };

/**
 * The values read from one folder of services/, by file and by key (a skill's name, a
 * document's slug). At start every problem stops the start; on reload a bad file keeps its
 * previous version and the problem is returned for logging.
 */
export class ReloadableFileSet<T> {
  private byFile = new Map<string, T>();
  private byKey = new Map<string, T>();

  constructor(
    private readonly keyOf: (value: T) => string,
    /** The front-matter field that holds the key, for "defined twice" messages. */
    private readonly keyField: string,
  ) {}

  /** Start-up: the first problem is a BootstrapError naming the file and the field. */
  load(results: readonly FileResult<T>[]): void {
    const problems = this.apply(results.map((r) => (r.ok ? r : { ...r, previous: undefined })));
    const first = problems[0];
    if (first) throw new BootstrapError('config', first.file, first.field, first.reason);
  }

  /** Change on disk: returns what was refused; refused files keep their previous version. */
  reload(results: readonly FileResult<T>[]): FileProblem[] {
    return this.apply(results.map((r) => (r.ok ? r : { ...r, previous: this.byFile.get(r.file) })));
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  values(): T[] {
    return [...this.byKey.values()];
  }

  private apply(results: readonly ({ file: string; ok: true; value: T } | Refused<T>)[]): FileProblem[] {
    const problems: FileProblem[] = [];
    const byFile = new Map<string, T>();
    const byKey = new Map<string, T>();
    const owner = new Map<string, string>();
    for (const result of results) {
      const value = result.ok ? result.value : result.previous;
      if (!result.ok) problems.push(fileProblem(result.file, result.field, result.reason));
      if (value === undefined) continue;
      const key = this.keyOf(value);
      const other = owner.get(key);
      if (other !== undefined) {
        problems.push(fileProblem(result.file, this.keyField, `'${key}' is already defined in ${other}`));
        continue;
      }
      owner.set(key, result.file);
      byFile.set(result.file, value);
      byKey.set(key, value);
    }
    this.byFile = byFile;
    this.byKey = byKey;
    return problems;
  }
}
