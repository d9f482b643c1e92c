import type { Identity } from '../../common/auth/identity';

/** An agent as the manifest lists it: where a desktop client reaches it over A2A. */
export interface ManifestAgent {
  name: string;
  description: string;
  url: string;
}

/** The agents a caller may use; provided by the agent module (exported under AGENT_DIRECTORY). */
export interface AgentDirectory {
  agentsFor(identity: Identity): Promise<ManifestAgent[]>;
}

export const AGENT_DIRECTORY = Symbol('AGENT_DIRECTORY');
