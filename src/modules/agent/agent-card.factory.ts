import { Inject, Injectable, Optional } from '@nestjs/common';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import { A2A_PROTOCOL_VERSION } from './a2a/a2a.types';
import { SKILL_LOOKUP, type SkillLookup } from './agent.tokens';
import type { AgentDefinition } from './registry/agent-definition.schema';

/** The A2A agent card of an agent, as `@a2a-js/sdk` and other A2A clients read it (v0.3). */
@Injectable()
export class AgentCardFactory {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(SKILL_LOOKUP) private readonly skills?: SkillLookup,
  ) {}

  card(agent: AgentDefinition) {
    const base = this.config.publicUrl;
    const skills = agent.skills.length
      ? agent.skills.map((name) => ({ id: name, name, description: this.skills?.instructions(name)?.split('\n')[0]?.slice(0, 200) || name, tags: ['skill'] }))
      : [{ id: agent.name, name: agent.name, description: agent.description, tags: ['agent'] }];
    return {
      name: agent.name,
      description: agent.description,
      url: `${base}/api/v1/agents/${agent.name}`,
      version: agent.version,
      protocolVersion: A2A_PROTOCOL_VERSION,
      preferredTransport: 'JSONRPC',
      provider: { organization: this.config.site.name, url: base },
      capabilities: { streaming: true, pushNotifications: false, stateTransitionHistory: true },
      defaultInputModes: ['text/plain', 'application/json'],
      defaultOutputModes: ['text/plain'],
      skills,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Personal access token or OAuth access token' },
        oauth: { type: 'openIdConnect', openIdConnectUrl: `${base}/.well-known/openid-configuration` },
      },
      security: [{ bearer: [] }],
    };
  }
}
