import { Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import { Public } from '../../common/auth/public.decorator';
import { AgentCardFactory } from './agent-card.factory';
import { AgentRegistry } from './registry/agent-registry.service';

/** A2A discovery: public agent cards under `/.well-known`. */
@ApiTags('agents')
@Public()
@Controller('.well-known')
export class AgentCardsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: AgentRegistry,
    private readonly cards: AgentCardFactory,
  ) {}

  @Get('agent-card.json')
  @ApiOkResponse({ description: 'The default agent (site.default_agent, else the first agent)' })
  defaultCard() {
    const agent = (this.config.site.default_agent ? this.registry.get(this.config.site.default_agent) : null) ?? this.registry.list()[0];
    if (!agent) throw new NotFoundException('No agents are configured');
    return this.cards.card(agent);
  }

  @Get('agent-cards')
  @ApiOkResponse({ description: 'Every agent card' })
  all() {
    return this.registry.list().map((agent) => this.cards.card(agent));
  }

  @Get('agent-cards/:name')
  one(@Param('name') name: string) {
    const agent = this.registry.get(name);
    if (!agent) throw new NotFoundException(`Agent ${name} not found`);
    return this.cards.card(agent);
  }
}
