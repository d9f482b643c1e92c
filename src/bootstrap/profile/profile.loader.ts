import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { BootstrapError } from '../bootstrap.error';
import { describeIssue } from '../zod-issue';
import { substituteEnv } from './env-substitution';
import { type Profile, profileSchema } from './profile.schema';

export const DEFAULT_PROFILE_PATH = 'config/profiles/local.yaml';

/** A validated profile plus where it came from; all paths in it are absolute. */
export interface LoadedProfile {
  file: string;
  dir: string;
  profile: Profile;
}

export interface ProfileSource {
  /** Path of the YAML file; relative paths resolve against `cwd`. */
  path: string;
  /** In-memory YAML text instead of reading `path` (tests and embedding apps). */
  text?: string;
  env: Readonly<Record<string, string | undefined>>;
  cwd?: string;
}

/** Stage 1: read the YAML, substitute the environment, validate strictly, resolve paths. */
export function loadProfile(source: ProfileSource): LoadedProfile {
  const file = resolve(source.cwd ?? process.cwd(), source.path);
  const raw = source.text ?? readProfileText(file);
  const { text, missing } = substituteEnv(raw, source.env);
  if (missing.length > 0) {
    const first = missing[0]!;
    throw new BootstrapError('profile', file, `line ${first.line}`, `environment variable ${first.name} is not set and has no default`);
  }
  const parsed = parseYaml(file, text);
  const result = profileSchema.safeParse(parsed ?? {});
  if (!result.success) {
    const { field, reason } = describeIssue(result.error.issues[0]!);
    throw new BootstrapError('profile', file, field, reason);
  }
  const dir = dirname(file);
  return { file, dir, profile: resolvePaths(result.data, dir) };
}

function readProfileText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new BootstrapError('profile', file, '(file)', code === 'ENOENT' ? 'file not found' : `cannot read (${code})`);
  }
}

function parseYaml(file: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line ?? 0;
    throw new BootstrapError('profile', file, `line ${line}`, `invalid YAML: ${error.message.split('\n')[0]}`);
  }
  return doc.toJS();
}

function resolvePaths(profile: Profile, dir: string): Profile {
  const abs = (p: string): string => (isAbsolute(p) ? p : resolve(dir, p));
  return {
    ...profile,
    paths: { services: abs(profile.paths.services), data: abs(profile.paths.data) },
    secrets: { ...profile.secrets, path: profile.secrets.path === undefined ? undefined : abs(profile.secrets.path) },
  };
}
