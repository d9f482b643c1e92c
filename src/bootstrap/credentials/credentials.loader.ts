import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BootstrapError } from '../bootstrap.error';
import { describeIssue } from '../zod-issue';

/**
 * Credentials connect this deployment to a systemprompt control plane (fleet registration,
 * managed policy). They are optional: without them the gateway runs local-only.
 */
const credentialsSchema = z.strictObject({
  api_url: z.string().url(),
  api_token: z.string().min(16),
  tenant_id: z.string().min(1).optional(),
  user_email: z.string().email().optional(),
});

export type Credentials = { mode: 'local' } | ({ mode: 'connected'; file: string } & z.infer<typeof credentialsSchema>);

/** Stage 3: `SYSTEMPROMPT_CREDENTIALS` or `<data>/credentials.json`; absent means local-only. */
export function loadCredentials(dataDir: string, env: Readonly<Record<string, string | undefined>>): Credentials {
  const file = env.SYSTEMPROMPT_CREDENTIALS || join(dataDir, 'credentials.json');
  if (!existsSync(file)) {
    if (env.SYSTEMPROMPT_CREDENTIALS) throw new BootstrapError('credentials', file, '(file)', 'file not found');
    return { mode: 'local' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new BootstrapError('credentials', file, '(file)', 'is not valid JSON');
  }
  const result = credentialsSchema.safeParse(parsed);
  if (!result.success) {
    const { field, reason } = describeIssue(result.error.issues[0]!);
    throw new BootstrapError('credentials', file, field, reason);
  }
  return { mode: 'connected', file, ...result.data };
}
