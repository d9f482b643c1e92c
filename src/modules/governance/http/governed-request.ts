import type { FastifyRequest } from 'fastify';
import type { Identity } from '../../../common/auth/identity';
import type { GovernanceContext, GovernanceDecision, StageName } from '../governance.types';

/** Per-request state of the guard chain: which stages ran, the (possibly redacted) arguments. */
export interface GovernanceState {
  context: GovernanceContext;
  done: Set<StageName>;
  decision?: GovernanceDecision;
}

export type GovernedRequest = FastifyRequest & {
  identity?: Identity | null;
  governance?: GovernanceState;
  params: Record<string, string>;
  body: unknown;
};

export const GOVERNED_OPTIONS = 'sp:governed-options';

export interface GovernedOptions {
  /** Route parameter naming the MCP server (default `server`). */
  serverParam?: string;
  /** Route parameter naming the tool (default `tool`). */
  toolParam?: string;
  /** Field of the body holding the arguments (default `arguments`). */
  argumentsField?: string;
}
