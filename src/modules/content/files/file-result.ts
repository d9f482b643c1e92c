/** One file of services/ read and checked: its value, or the field that is wrong and why. */
export type FileResult<T> = { readonly file: string; readonly ok: true; readonly value: T } | FileProblem;

export interface FileProblem {
  readonly file: string;
  readonly ok: false;
  readonly field: string;
  readonly reason: string;
}

export function fileProblem(file: string, field: string, reason: string): FileProblem {
  return { file, ok: false, field, reason };
}
