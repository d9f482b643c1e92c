import { parseArgs } from 'node:util';
import type { CoworkPaths } from './config/cowork-paths.provider';
import { CoworkError, describeError } from './cowork.errors';
import { type CoworkContext, CoworkFactory } from './cowork.factory';

/** The parsed options every command may receive; each command accepts only its own. */
interface CommandOptions {
  readonly help: boolean;
  readonly noCache: boolean;
  readonly target: string | null;
}

interface CommandSpec {
  readonly name: 'token' | 'sync' | 'validate' | 'uninstall';
  readonly usage: string;
  /** One line for the command list of the top-level help. */
  readonly summary: string;
  readonly description: string;
  readonly accepts: ReadonlyArray<'no-cache' | 'target'>;
  /** Returns the JSON object printed on stdout, the command's only output there. */
  run(options: CommandOptions, factory: CoworkFactory): Promise<object>;
}

const TOKEN: CommandSpec = {
  name: 'token',
  usage: 'systemprompt-cowork [token] [--no-cache]',
  summary: 'print {token, ttl, headers} for Claude for Work (the default)',
  description:
    'Prints one JSON object {"token", "ttl", "headers"} for the configured gateway: a cached token while it has\n' +
    'more than 60 s left, else a fresh one from the first provider that succeeds (mtls, session, pat).',
  accepts: ['no-cache'],
  async run(options, factory) {
    const gateway = factory.gateway();
    try {
      const { token, ttl, headers } = await factory.tokenService(gateway, !options.noCache).obtain();
      return { token, ttl, headers };
    } finally {
      await gateway.close();
    }
  },
};

const SYNC: CommandSpec = {
  name: 'sync',
  usage: 'systemprompt-cowork sync --target <dir>',
  summary: 'fetch, verify and install the signed manifest into <dir>',
  description:
    'Fetches the signed manifest and the gateway public key, verifies the Ed25519 signature (and the pinned\n' +
    'key, when [manifest] public_key is set), then writes <dir>/manifest.json and <dir>/manifest.sig.json.',
  accepts: ['target'],
  async run(options, factory) {
    const target = requireTarget(options, this.name);
    const gateway = factory.gateway();
    try {
      // A PAT is the manifest credential; without one, the token of the provider chain stands in.
      const bearer = factory.config.pat ?? (await factory.tokenService(gateway, true).obtain()).token;
      return await factory.manifestService(target).sync(gateway, bearer);
    } finally {
      await gateway.close();
    }
  },
};

const VALIDATE: CommandSpec = {
  name: 'validate',
  usage: 'systemprompt-cowork validate --target <dir>',
  summary: 're-verify the installed manifest offline',
  description: 'Re-verifies <dir>/manifest.json against <dir>/manifest.sig.json, offline. Exit 0 when valid, 1 when not.',
  accepts: ['target'],
  run(options, factory) {
    return factory.manifestService(requireTarget(options, this.name)).validate();
  },
};

const UNINSTALL: CommandSpec = {
  name: 'uninstall',
  usage: 'systemprompt-cowork uninstall --target <dir>',
  summary: 'remove the installed manifest and the token cache',
  description: 'Removes <dir>/manifest.json, <dir>/manifest.sig.json and the token cache.',
  accepts: ['target'],
  async run(options, factory) {
    const store = factory.manifestStore(requireTarget(options, this.name));
    const cache = factory.tokenCache();
    const removed = await store.remove();
    if (await cache.remove()) removed.push(cache.file);
    return { command: 'uninstall', status: 'ok', target: store.dir, removed };
  },
};

const ALL_COMMANDS = [TOKEN, SYNC, VALIDATE, UNINSTALL] as const;
const COMMANDS: Readonly<Record<string, CommandSpec | undefined>> = Object.fromEntries(ALL_COMMANDS.map((c) => [c.name, c]));

/**
 * Runs one invocation and returns its exit status. stdout gets the command's result as one
 * line of JSON (or the usage, for --help) and nothing else: Claude for Work parses it.
 */
export async function runCowork(argv: readonly string[], ctx: CoworkContext): Promise<number> {
  try {
    const [first, ...rest] = argv;
    const named = first !== undefined && !first.startsWith('-');
    const command = named ? COMMANDS[first] : TOKEN;
    if (command === undefined) throw new CoworkError('USAGE', `unknown command '${first}' (see systemprompt-cowork --help)`);
    const options = parseOptions(named ? rest : argv, command);
    const factory = new CoworkFactory(ctx);
    if (options.help) {
      ctx.io.out(helpText(command, factory.paths));
      return 0;
    }
    ctx.io.out(JSON.stringify(await command.run(options, factory)));
    return 0;
  } catch (error) {
    if (error instanceof CoworkError) {
      ctx.io.err(`systemprompt-cowork: ${error.message}`);
      return error.exitStatus;
    }
    ctx.io.err(`systemprompt-cowork: unexpected error: ${describeError(error)}`);
    return 1;
  }
}

function parseOptions(args: readonly string[], command: CommandSpec): CommandOptions {
  try {
    const { values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        ...(command.accepts.includes('no-cache') ? { 'no-cache': { type: 'boolean', default: false } } : {}),
        ...(command.accepts.includes('target') ? { target: { type: 'string' } } : {}),
      },
    });
    const target = values.target;
    return { help: values.help === true, noCache: values['no-cache'] === true, target: typeof target === 'string' ? target : null };
  } catch (error) {
    // Node's parseArgs explains at length; the first sentence names the offending argument.
    const reason = describeError(error).split('. ')[0] ?? '';
    throw new CoworkError('USAGE', `${reason} (see ${invocation(command)} --help)`);
  }
}

function requireTarget(options: CommandOptions, command: CommandSpec['name']): string {
  if (options.target === null || options.target.trim() === '') {
    throw new CoworkError('USAGE', `${command} needs --target <dir> (see systemprompt-cowork ${command} --help)`);
  }
  return options.target;
}

function invocation(command: CommandSpec): string {
  return command === TOKEN ? 'systemprompt-cowork' : `systemprompt-cowork ${command.name}`;
}

function helpText(command: CommandSpec, paths: CoworkPaths): string {
  const lines = [`Usage: ${command.usage}`, '', command.description, ''];
  if (command === TOKEN) {
    lines.push(
      'Commands:',
      ...ALL_COMMANDS.map((spec) => `  ${spec.name.padEnd(10)} ${spec.summary}`),
      '',
    );
  }
  lines.push(
    'Options:',
    ...(command.accepts.includes('no-cache') ? ['  --no-cache      neither read nor write the token cache'] : []),
    ...(command.accepts.includes('target') ? ['  --target <dir>  the folder holding manifest.json and manifest.sig.json'] : []),
    '  -h, --help      show this help',
    '',
    `Configuration: ${paths.configFile} (override with SP_COWORK_CONFIG);`,
    'SP_COWORK_GATEWAY_URL and SP_COWORK_PAT override the file.',
    `Token cache: ${paths.cacheFile}`,
    'Exit status: 0 success; 1 the gateway or a verification failed; 2 usage or configuration error.',
  );
  return lines.join('\n');
}
