import { z } from 'zod';
import { ROLES } from '../../../common/auth/roles';

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** `services/mcp/<name>.yaml`: one MCP server, its upstream, and who may use which tools. */
export const mcpServerPolicySchema = z.strictObject({
  name: z.string().regex(NAME, 'lower-case letters, digits, "-" and "_" (max 63)'),
  description: z.string().default(''),
  upstream: z
    .strictObject({
      url: z.string().url(),
      auth: z.strictObject({ type: z.literal('bearer'), secret: z.string().min(1) }).optional(),
      timeout_ms: z.number().int().positive().default(30_000),
    })
    .optional(),
  access: z
    .strictObject({
      roles: z.array(z.enum(ROLES)).default(['admin']),
      scopes: z.array(z.string().min(1)).default(['mcp:call']),
    })
    .prefault({}),
  tools: z
    .strictObject({
      allow: z.array(z.string().min(1)).default(['*']),
      deny: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  rate_limit: z.strictObject({ calls_per_minute: z.number().int().positive() }).optional(),
});

export type McpServerPolicy = z.infer<typeof mcpServerPolicySchema>;
