import { homedir } from 'node:os';
import { runCowork } from './cowork.commands';

/**
 * Entry of `systemprompt-cowork` (bin/systemprompt-cowork.js). A standalone client: it imports
 * nothing from Nest or src/modules, so it starts in milliseconds on every token refresh.
 * This is the only file that touches the process; the exit status is set, not forced, so
 * stdout is fully flushed before the process ends.
 */
void runCowork(process.argv.slice(2), {
  env: process.env,
  io: {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  platform: process.platform,
  home: homedir(),
  cwd: process.cwd(),
  now: () => Date.now() / 1000,
}).then((status) => {
  process.exitCode = status;
});
