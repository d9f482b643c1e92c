import { z } from 'zod';
import { ROLES } from '../../../common/auth/roles';

/** `services/agents/<name>.yaml`: one A2A agent. */
export const agentDefinitionSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, "-" and "_" (max 63)'),
  description: z.string().min(1),
  version: z.string().default('1.0.0'),
  model: z.string().min(1),
  system_prompt: z.string().default(''),
  skills: z.array(z.string().min(1)).default([]),
  mcp_servers: z.array(z.string().min(1)).default([]),
  access: z.strictObject({ roles: z.array(z.enum(ROLES)).default(['admin']) }).prefault({}),
  max_steps: z.number().int().min(1).max(50).default(8),
  max_tokens: z.number().int().min(1).max(200_000).default(2048),
});

export type AgentDefinition = z.infer<typeof agentDefinitionSchema> & { file: string };
