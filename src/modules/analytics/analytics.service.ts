import { Injectable } from '@nestjs/common';
import type { Identity } from '../../common/auth/identity';
import { roleAtLeast } from '../../common/auth/roles';
import { Clock } from '../../common/clock/clock.provider';
import { agentItem, costItem, costTotals, overviewRequests, requestItem, sessionGroupItem, sessionItem, toolCounts, toolItem } from './analytics.mapper';
import { AnalyticsError } from './analytics.errors';
import { type AnalyticsReport, type AnalyticsScope, DEFAULT_GROUP_BY, type GroupBy, type PageRequest, REPORT_GROUP_BY, type TimeRange } from './analytics-query.types';
import type { AnalyticsQueryDto } from './dto/analytics-query.dto';
import type { AgentsReportDto, CostsReportDto, OverviewReportDto, ReportPageDto, RequestsReportDto, SessionsReportDto, ToolsReportDto } from './dto/analytics-response.dto';
import { GovernanceAnalyticsRepository } from './governance-analytics.repository';
import { RequestAnalyticsRepository } from './request-analytics.repository';

const DEFAULT_WINDOW_MS = 30 * 86_400_000;
const DEFAULT_LIMIT = 50;

interface Window {
  range: TimeRange;
  scope: AnalyticsScope;
  page: PageRequest;
  groupBy: GroupBy | null;
}

/**
 * The analytics reports. Auditors and admins see everyone's rows; everyone else their own.
 * Windows are `[from, to)`: from inclusive, to exclusive, so consecutive windows never count
 * a row twice.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly requestsRepo: RequestAnalyticsRepository,
    private readonly governanceRepo: GovernanceAnalyticsRepository,
    private readonly clock: Clock,
  ) {}

  async overview(identity: Identity, query: AnalyticsQueryDto): Promise<OverviewReportDto> {
    const w = this.window('overview', identity, query);
    const [requests, governance] = await Promise.all([this.requestsRepo.overview(w.range, w.scope), this.governanceRepo.totals(w.range, w.scope)]);
    return { ...this.header('overview', w), requests: overviewRequests(requests), governance: toolCounts(governance) };
  }

  async requests(identity: Identity, query: AnalyticsQueryDto): Promise<RequestsReportDto> {
    const w = this.window('requests', identity, query);
    const page = await this.requestsRepo.requests(w.groupBy!, w.range, w.scope, w.page);
    return { ...this.pageHeader('requests', w, page.total), items: page.items.map(requestItem) };
  }

  async costs(identity: Identity, query: AnalyticsQueryDto): Promise<CostsReportDto> {
    const w = this.window('costs', identity, query);
    const [page, totals] = await Promise.all([this.requestsRepo.costs(w.groupBy!, w.range, w.scope, w.page), this.requestsRepo.costTotals(w.range, w.scope)]);
    return { ...this.pageHeader('costs', w, page.total), items: page.items.map(costItem), totals: costTotals(totals) };
  }

  async agents(identity: Identity, query: AnalyticsQueryDto): Promise<AgentsReportDto> {
    const w = this.window('agents', identity, query);
    const page = await this.requestsRepo.agents(w.groupBy!, w.range, w.scope, w.page);
    return { ...this.pageHeader('agents', w, page.total), items: page.items.map(agentItem) };
  }

  async sessions(identity: Identity, query: AnalyticsQueryDto): Promise<SessionsReportDto> {
    const w = this.window('sessions', identity, query);
    if (w.groupBy === null) {
      const page = await this.requestsRepo.sessions(w.range, w.scope, w.page);
      return { ...this.pageHeader('sessions', w, page.total), items: page.items.map(sessionItem) };
    }
    const page = await this.requestsRepo.sessionGroups(w.groupBy, w.range, w.scope, w.page);
    return { ...this.pageHeader('sessions', w, page.total), items: page.items.map(sessionGroupItem) };
  }

  async tools(identity: Identity, query: AnalyticsQueryDto): Promise<ToolsReportDto> {
    const w = this.window('tools', identity, query);
    const page = await this.governanceRepo.tools(w.groupBy!, w.range, w.scope, w.page);
    return { ...this.pageHeader('tools', w, page.total), items: page.items.map(toolItem) };
  }

  private window(report: AnalyticsReport, identity: Identity, query: AnalyticsQueryDto): Window {
    const to = query.to ? new Date(query.to) : this.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WINDOW_MS);
    if (from.getTime() >= to.getTime()) throw new AnalyticsError('INVALID_RANGE', 'from must be earlier than to (the window is [from, to))');
    return {
      range: { from, to },
      scope: roleAtLeast(identity.role, 'auditor') ? { all: true } : { all: false, userId: identity.userId },
      page: { offset: query.offset ?? 0, limit: query.limit ?? DEFAULT_LIMIT },
      groupBy: resolveGroupBy(report, query.group_by),
    };
  }

  private header(report: AnalyticsReport, w: Window) {
    return { report, from: w.range.from.toISOString(), to: w.range.to.toISOString(), scope: w.scope.all ? ('all' as const) : ('own' as const) };
  }

  private pageHeader(report: AnalyticsReport, w: Window, total: number): ReportPageDto {
    return { ...this.header(report, w), group_by: w.groupBy, offset: w.page.offset, limit: w.page.limit, total };
  }
}

function resolveGroupBy(report: AnalyticsReport, requested: GroupBy | undefined): GroupBy | null {
  if (requested === undefined) return DEFAULT_GROUP_BY[report];
  const allowed: readonly GroupBy[] = REPORT_GROUP_BY[report];
  if (allowed.includes(requested)) return requested;
  const hint = allowed.length === 0 ? `${report} takes no group_by` : `use one of: ${allowed.join(', ')}`;
  throw new AnalyticsError('GROUP_BY_NOT_APPLICABLE', `group_by '${requested}' does not apply to ${report}; ${hint}`);
}
