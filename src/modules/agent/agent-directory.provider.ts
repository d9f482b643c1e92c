import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import type { Identity } from '../../common/auth/identity';
import type { AgentDirectory, ManifestAgent } from '../bridge/agent-directory';
import { AgentRegistry } from './registry/agent-registry.service';

/** The agents a caller may use, as the bridge manifest lists them. */
@Injectable()
export class RegistryAgentDirectory implements AgentDirectory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: AgentRegistry,
  ) {}

  async agentsFor(identity: Identity): Promise<ManifestAgent[]> {
    return this.registry
      .list()
      .filter((agent) => this.registry.mayUse(identity, agent))
      .map((agent) => ({ name: agent.name, description: agent.description, url: `${this.config.publicUrl}/api/v1/agents/${agent.name}` }));
  }
}
