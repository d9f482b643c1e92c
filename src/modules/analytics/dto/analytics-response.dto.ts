import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GROUP_BY_VALUES, type GroupBy, REPORTS, type AnalyticsReport } from '../analytics-query.types';

/** Token usage and cost; cost in exact integer microdollars (1e-6 USD) and in dollars. */
export class UsageDto {
  @ApiProperty() input_tokens: number;
  @ApiProperty() output_tokens: number;
  @ApiProperty() cache_read_tokens: number;
  @ApiProperty() cache_write_tokens: number;
  @ApiProperty({ description: 'Exact, in 1e-6 USD' }) cost_microdollars: number;
  @ApiProperty({ description: 'cost_microdollars / 1 000 000' }) cost_usd: number;
}

export class CostItemDto extends UsageDto {
  @ApiProperty({ type: String, nullable: true, description: 'The group: a model, provider, user id, tenant id, agent, or a UTC day (YYYY-MM-DD) / hour (YYYY-MM-DDTHH:00Z)' })
  key: string | null;
  @ApiProperty() requests: number;
}

export class RequestItemDto extends CostItemDto {
  @ApiProperty({ description: 'Requests answered with status ≥ 400 or an error' }) failed: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Median latency of successful requests (percentile_cont)' }) latency_p50_ms: number | null;
  @ApiProperty({ type: Number, nullable: true }) latency_p95_ms: number | null;
}

export class AgentItemDto extends RequestItemDto {
  @ApiProperty() users: number;
  @ApiProperty() sessions: number;
}

export class SessionGroupItemDto extends CostItemDto {
  @ApiProperty() sessions: number;
}

export class SessionItemDto extends UsageDto {
  @ApiProperty() session_id: string;
  @ApiProperty({ type: String, nullable: true }) user_id: string | null;
  @ApiProperty() requests: number;
  @ApiProperty() first_at: string;
  @ApiProperty() last_at: string;
}

export class ToolItemDto {
  @ApiProperty({ type: String, nullable: true }) key: string | null;
  @ApiProperty({ description: 'Distinct tool calls judged (trace, session, tool)' }) calls: number;
  @ApiProperty() allowed: number;
  @ApiProperty() denied: number;
  @ApiProperty({ description: 'Stage verdicts recorded (one per stage that ran)' }) decisions: number;
}

export class ReportWindowDto {
  @ApiProperty({ enum: REPORTS }) report: AnalyticsReport;
  @ApiProperty({ description: 'Inclusive' }) from: string;
  @ApiProperty({ description: 'Exclusive' }) to: string;
  @ApiProperty({ enum: ['own', 'all'], description: 'all: auditor and admin; own: the caller’s rows only' }) scope: 'own' | 'all';
}

export class ReportPageDto extends ReportWindowDto {
  @ApiProperty({ enum: GROUP_BY_VALUES, nullable: true }) group_by: GroupBy | null;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
  @ApiProperty({ description: 'Number of groups (rows) in the whole window' }) total: number;
}

export class RequestsReportDto extends ReportPageDto {
  @ApiProperty({ type: [RequestItemDto] }) items: RequestItemDto[];
}

export class CostsReportDto extends ReportPageDto {
  @ApiProperty({ type: [CostItemDto] }) items: CostItemDto[];
  @ApiProperty({ type: UsageDto, description: 'Over the whole window, all groups' }) totals: UsageDto & { requests: number };
}

export class AgentsReportDto extends ReportPageDto {
  @ApiProperty({ type: [AgentItemDto] }) items: AgentItemDto[];
}

export class SessionsReportDto extends ReportPageDto {
  @ApiProperty({ description: 'SessionItemDto rows without group_by, SessionGroupItemDto rows with it', type: 'array', items: { type: 'object' } })
  items: (SessionItemDto | SessionGroupItemDto)[];
}

export class ToolsReportDto extends ReportPageDto {
  @ApiProperty({ type: [ToolItemDto] }) items: ToolItemDto[];
}

export class OverviewRequestsDto extends UsageDto {
  @ApiProperty() requests: number;
  @ApiProperty() failed: number;
  @ApiProperty({ type: Number, nullable: true }) latency_p50_ms: number | null;
  @ApiProperty({ type: Number, nullable: true }) latency_p95_ms: number | null;
  @ApiProperty() users: number;
  @ApiProperty() sessions: number;
}

export class OverviewGovernanceDto {
  @ApiProperty() calls: number;
  @ApiProperty() allowed: number;
  @ApiProperty() denied: number;
  @ApiProperty() decisions: number;
}

export class OverviewReportDto extends ReportWindowDto {
  @ApiProperty({ type: OverviewRequestsDto }) requests: OverviewRequestsDto;
  @ApiPropertyOptional({ type: OverviewGovernanceDto }) governance: OverviewGovernanceDto;
}
