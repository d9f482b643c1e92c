/**
 * Base of every module's error: a machine code and an HTTP status taken from the module's
 * exhaustive `satisfies Record<Code, number>` table. Services throw these, never HttpException.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
