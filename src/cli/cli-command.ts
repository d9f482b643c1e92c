import { CommandRunner } from 'nest-commander';

/** A CLI error: printed as one line on stderr, exit code 1. */
export class CliError extends Error {}

/**
 * Base of every CLI command: runs the command, and turns any failure into a single line on
 * stderr and a non-zero exit code (never a stack trace).
 */
export abstract class CliCommand extends CommandRunner {
  protected abstract execute(params: string[], options: Record<string, unknown>): Promise<void>;

  async run(params: string[], options: Record<string, unknown> = {}): Promise<void> {
    try {
      await this.execute(params, options);
    } catch (err) {
      process.stderr.write(`error: ${(err as Error).message.split('\n')[0]}\n`);
      process.exitCode = 1;
    }
  }

  protected out(line = ''): void {
    process.stdout.write(`${line}\n`);
  }
}

/** A command that only groups subcommands: prints its help. */
export abstract class CliGroup extends CommandRunner {
  async run(): Promise<void> {
    this.command.outputHelp();
  }
}
