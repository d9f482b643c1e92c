/** The five bootstrap stages, in the order they run. */
export type BootstrapStage = 'profile' | 'secrets' | 'credentials' | 'config' | 'app-context';

/**
 * A start-up failure. Its message is the single line printed before the process exits:
 * it names the stage, the file and the field, and never contains a secret value.
 */
export class BootstrapError extends Error {
  constructor(
    readonly stage: BootstrapStage,
    readonly file: string,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`Bootstrap failed at stage ${stage}: ${file}: ${field}: ${reason}`);
    this.name = 'BootstrapError';
  }
}
