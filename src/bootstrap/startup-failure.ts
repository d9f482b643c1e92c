import { BootstrapError } from './bootstrap.error';

/** One line on stderr naming stage, file and field; exit code 1. Never a stack of secrets. */
export function reportStartupFailure(err: unknown): never {
  const line = err instanceof BootstrapError ? err.message : `Start failed: ${(err as Error)?.message ?? String(err)}`;
  process.stderr.write(`${line.split('\n')[0]}\n`);
  process.exit(1);
}
