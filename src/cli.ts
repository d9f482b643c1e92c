import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli/cli.module';
import { BootstrapError } from './bootstrap/bootstrap.error';
import { PACKAGE_VERSION } from './common/package-version';

/** `npx systemprompt <domain> <command>`. `infra db *` never migrates implicitly. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wantsHelp = args.length === 0 || args.includes('--help') || args.includes('-h') || args.includes('help');
  const migrate = !(args[0] === 'infra' && args[1] === 'db');
  // Help must work even when the embedded database is held by a running server: it boots on a
  // throwaway in-memory database instead (the entry point is the one place allowed to do this).
  const env = wantsHelp ? { ...process.env, DATABASE_URL: 'pglite://memory', REDIS_URL: '' } : undefined;
  await CommandFactory.run(CliModule.forRoot({ migrate, env }), {
    logger: false,
    abortOnError: false,
    cliName: 'systemprompt',
    version: PACKAGE_VERSION,
    errorHandler: (err) => {
      const code = (err as { code?: string }).code;
      if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') process.exit(0);
      process.stderr.write(`error: ${err.message.replace(/^error: /, '').split('\n')[0]}\n`);
      process.exit(1);
    },
  });
}

main().catch((err: unknown) => {
  const message = err instanceof BootstrapError ? err.message : `error: ${(err as Error)?.message ?? String(err)}`;
  process.stderr.write(`${message.split('\n')[0]}\n`);
  process.exit(1);
});
