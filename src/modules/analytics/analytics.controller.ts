import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentIdentity } from '../../common/auth/current-identity.decorator';
import type { Identity } from '../../common/auth/identity';
import { Scopes } from '../../common/auth/scopes.decorator';
import { AnalyticsService } from './analytics.service';
import { AnalyticsQueryDto } from './dto/analytics-query.dto';
import { AgentsReportDto, CostsReportDto, OverviewReportDto, RequestsReportDto, SessionsReportDto, ToolsReportDto } from './dto/analytics-response.dto';

/** Usage reports over `[from, to)`; the caller's own rows unless auditor or admin. */
@ApiTags('analytics')
@ApiSecurity('bearer')
@ApiUnauthorizedResponse({ description: 'No valid credential' })
@ApiBadRequestResponse({ description: 'Bad from/to, unknown group_by, or a group_by the report does not take' })
@Scopes('analytics:read')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('overview')
  @ApiOperation({ summary: 'Totals: requests, failures, tokens, cost, latency p50/p95, users, sessions, governance verdicts' })
  @ApiOkResponse({ type: OverviewReportDto })
  overview(@CurrentIdentity() identity: Identity, @Query() query: AnalyticsQueryDto): Promise<OverviewReportDto> {
    return this.analytics.overview(identity, query);
  }

  @Get('requests')
  @ApiOperation({ summary: 'Requests, failures, tokens, cost and latency by model, provider, user, tenant, agent, day or hour (default day)' })
  @ApiOkResponse({ type: RequestsReportDto })
  requests(@CurrentIdentity() identity: Identity, @Query() query: AnalyticsQueryDto): Promise<RequestsReportDto> {
    return this.analytics.requests(identity, query);
  }

  @Get('costs')
  @ApiOperation({ summary: 'Tokens and cost (microdollars and dollars) by model, provider, user, tenant, agent, day or hour (default model)' })
  @ApiOkResponse({ type: CostsReportDto })
  costs(@CurrentIdentity() identity: Identity, @Query() query: AnalyticsQueryDto): Promise<CostsReportDto> {
    return this.analytics.costs(identity, query);
  }

  @Get('tools')
  @ApiOperation({ summary: 'Governed tool calls: calls, allowed, denied, by tool, user, tenant, day or hour (default tool)' })
  @ApiOkResponse({ type: ToolsReportDto })
  tools(@CurrentIdentity() identity: Identity, @Query() query: AnalyticsQueryDto): Promise<ToolsReportDto> {
    return this.analytics.tools(identity, query);
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Sessions, most recent first; or counted by user, tenant, agent, day or hour' })
  @ApiOkResponse({ type: SessionsReportDto })
  sessions(@CurrentIdentity() identity: Identity, @Query() query: AnalyticsQueryDto): Promise<SessionsReportDto> {
    return this.analytics.sessions(identity, query);
  }

  @Get('agents')
  @ApiOperation({ summary: 'Requests made by agents, by agent (default), model, provider, user, tenant, day or hour' })
  @ApiOkResponse({ type: AgentsReportDto })
  agents(@CurrentIdentity() identity: Identity, @Query() query: AnalyticsQueryDto): Promise<AgentsReportDto> {
    return this.analytics.agents(identity, query);
  }
}
