import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { GovernanceDecisionDto } from '../dto/evaluate.dto';
import { GOVERNED_OPTIONS, type GovernedOptions } from './governed-request';
import { BlocklistGuard, RateLimitGuard, ScopeGuard, SecretScanGuard } from './stage.guards';

/**
 * Tool-call governance, in the order the product promises: who may, what it carries, what it
 * does, how often. The first denial ends the chain and is audited.
 */
export function Governed(options: GovernedOptions = {}) {
  return applyDecorators(
    SetMetadata(GOVERNED_OPTIONS, options),
    UseGuards(ScopeGuard, SecretScanGuard, BlocklistGuard, RateLimitGuard),
    ApiForbiddenResponse({ type: GovernanceDecisionDto, description: 'Denied by governance' }),
    ApiTooManyRequestsResponse({ type: GovernanceDecisionDto, description: 'Rate limited by governance' }),
  );
}
