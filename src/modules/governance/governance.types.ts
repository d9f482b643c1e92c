import type { Identity } from '../../common/auth/identity';
import type { GovernanceStageName } from '../../bootstrap/profile/profile.schema';
import type { McpServerPolicy } from './policy/mcp-server.policy';

export type StageName = GovernanceStageName | (string & {});

/** One tool call to judge: who, which tool on which server, with what arguments. */
export interface GovernanceContext {
  identity: Identity;
  traceId: string;
  /** The tool's own name (`read_file`, `Bash`); `mcp__<server>__<tool>` names are split by the caller. */
  tool: string;
  /** The server's policy when the tool belongs to a known MCP server. */
  server: McpServerPolicy | null;
  input: unknown;
  agent?: string | null;
}

/** A stage's refusal: which stage, a machine code, and a reason for humans (never a secret). */
export interface GovernanceDenial {
  stage: StageName;
  code: string;
  reason: string;
  /** HTTP status of the denial: 403, or 429 for rate limits (503 when a limiter is down). */
  status: number;
  retryAfterSeconds?: number;
}

export interface StageVerdict {
  denial: GovernanceDenial | null;
  /** A stage may rewrite the arguments (secret scan in `redact` mode). */
  input?: unknown;
}

/** One ordered step of the pipeline: one job, one verdict. */
export interface GovernanceStage {
  readonly name: StageName;
  evaluate(context: GovernanceContext): Promise<StageVerdict> | StageVerdict;
}

export interface GovernanceDecision {
  decision: 'allow' | 'deny';
  stage?: StageName;
  code?: string;
  reason?: string;
  trace_id: string;
  policy_version: string;
  retry_after?: number;
  /** Present when a stage rewrote the arguments (redaction). */
  tool_input?: unknown;
}

export const allow: StageVerdict = { denial: null };

export function deny(stage: StageName, code: string, reason: string, status = 403, retryAfterSeconds?: number): StageVerdict {
  return { denial: { stage, code, reason, status, retryAfterSeconds } };
}
