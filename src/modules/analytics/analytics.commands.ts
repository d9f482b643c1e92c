import { Command, Option, SubCommand } from 'nest-commander';
import { systemIdentity } from '../../common/auth/identity';
import { CliCommand, CliError, CliGroup } from '../../cli/cli-command';
import { formatTable } from '../../cli/print-table';
import { GROUP_BY_VALUES, type GroupBy } from './analytics-query.types';
import { AnalyticsService } from './analytics.service';
import { type AnalyticsQueryDto, MAX_PAGE_SIZE } from './dto/analytics-query.dto';
import type { ReportPageDto, UsageDto } from './dto/analytics-response.dto';

const actor = () => systemIdentity('cli');

/** `--from`, `--to`, `--group-by`, `--limit`, shared by every report command. */
abstract class AnalyticsReportCommand extends CliCommand {
  protected query(o: Record<string, unknown>): AnalyticsQueryDto {
    const groupBy = o.groupBy === undefined ? undefined : String(o.groupBy);
    if (groupBy !== undefined && !(GROUP_BY_VALUES as readonly string[]).includes(groupBy)) throw new CliError(`--group-by must be one of ${GROUP_BY_VALUES.join(', ')}`);
    const limit = o.limit === undefined ? 50 : Number(o.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new CliError(`--limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    return { from: instant(o.from, '--from'), to: instant(o.to, '--to'), group_by: groupBy as GroupBy | undefined, limit };
  }

  protected header(report: ReportPageDto & { items: unknown[] }): void {
    this.out(`${report.report} by ${report.group_by ?? '-'}, [${report.from}, ${report.to}), ${report.total} group(s)${report.total > report.items.length ? `, first ${report.items.length} shown` : ''}`);
  }

  @Option({ flags: '--from <iso>', description: 'window start, inclusive (ISO 8601; default: 30 days before --to)' })
  from(v: string) { return v; }
  @Option({ flags: '--to <iso>', description: 'window end, exclusive (ISO 8601; default: now)' })
  to(v: string) { return v; }
  @Option({ flags: '--group-by <dimension>', description: `one of ${GROUP_BY_VALUES.join(', ')} (each report accepts a subset)` })
  groupBy(v: string) { return v; }
  @Option({ flags: '--limit <n>', description: `rows to print (1-${MAX_PAGE_SIZE}, default 50)` })
  limit(v: string) { return v; }
}

@SubCommand({ name: 'costs', description: 'Tokens and cost by model (default), provider, user, tenant, agent, day or hour' })
export class AnalyticsCostsCommand extends AnalyticsReportCommand {
  constructor(private readonly analytics: AnalyticsService) {
    super();
  }
  protected async execute(_: string[], o: Record<string, unknown>): Promise<void> {
    const report = await this.analytics.costs(actor(), this.query(o));
    this.header(report);
    const row = (key: string | null, u: UsageDto & { requests: number }) => [key, u.requests, u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens, u.cost_microdollars, usd(u.cost_usd)];
    this.out(formatTable(['group', 'requests', 'input', 'output', 'cache_read', 'cache_write', 'cost_µ$', 'cost_usd'], [...report.items.map((i) => row(i.key, i)), row('TOTAL', report.totals)]));
  }
}

@SubCommand({ name: 'requests', description: 'Requests, failures, tokens, cost and latency by day (default), hour, model, provider, user, tenant or agent' })
export class AnalyticsRequestsCommand extends AnalyticsReportCommand {
  constructor(private readonly analytics: AnalyticsService) {
    super();
  }
  protected async execute(_: string[], o: Record<string, unknown>): Promise<void> {
    const report = await this.analytics.requests(actor(), this.query(o));
    this.header(report);
    const rows = report.items.map((i) => [i.key, i.requests, i.failed, i.input_tokens, i.output_tokens, usd(i.cost_usd), ms(i.latency_p50_ms), ms(i.latency_p95_ms)]);
    this.out(formatTable(['group', 'requests', 'failed', 'input', 'output', 'cost_usd', 'p50_ms', 'p95_ms'], rows));
  }
}

@SubCommand({ name: 'tools', description: 'Governed tool calls (allowed, denied) by tool (default), user, tenant, day or hour' })
export class AnalyticsToolsCommand extends AnalyticsReportCommand {
  constructor(private readonly analytics: AnalyticsService) {
    super();
  }
  protected async execute(_: string[], o: Record<string, unknown>): Promise<void> {
    const report = await this.analytics.tools(actor(), this.query(o));
    this.header(report);
    this.out(formatTable(['group', 'calls', 'allowed', 'denied', 'decisions'], report.items.map((i) => [i.key, i.calls, i.allowed, i.denied, i.decisions])));
  }
}

/** Top-level `systemprompt analytics …`; registered by the CLI module. */
@Command({ name: 'analytics', description: 'Usage reports: costs, requests, tools', subCommands: [AnalyticsCostsCommand, AnalyticsRequestsCommand, AnalyticsToolsCommand] })
export class AnalyticsCommand extends CliGroup {}

export const ANALYTICS_COMMANDS = [AnalyticsCostsCommand, AnalyticsRequestsCommand, AnalyticsToolsCommand];

function instant(value: unknown, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new CliError(`${flag} must be an ISO 8601 date or date-time`);
  return date.toISOString();
}

function usd(value: number): string {
  return `$${value.toFixed(6)}`;
}

function ms(value: number | null): string {
  return value === null ? '-' : String(Math.round(value));
}
