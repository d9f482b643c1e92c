import { Inject, Injectable, Optional } from '@nestjs/common';
import { timeOrderedId } from '../../common/database/time-ordered-id';
import { isShapedError } from '../../common/errors/http-error.filter';
import type { AnthropicMessage, AnthropicMessagesRequest } from './anthropic/anthropic.types';
import { BudgetService } from './budgets/budget.service';
import { GatewayRateLimiter } from './budgets/gateway-rate-limiter';
import { deliverAnthropic, type DeliveryOutcome } from './delivery/anthropic-delivery';
import { deliverOpenAi } from './delivery/openai-delivery';
import { GatewayError } from './gateway.errors';
import type { GatewayRequest } from './gateway-request';
import { PROMPT_INSPECTOR, type PromptInspector } from './prompt-inspector';
import { CostCalculator } from './pricing/cost-calculator';
import { type AiRequestRecord, RequestRecorder } from './recording/request-recorder';
import { ModelRouter } from './routing/model-router';
import type { ResolvedRoute } from './routing/resolved-route';
import { ClientCancellation } from './upstream/client-cancellation';
import type { UpstreamOutcome, UpstreamResult } from './upstream/gateway-upstream';
import { type RunResult, UpstreamCallRunner } from './upstream/upstream-call.runner';
import { UpstreamError } from './upstream/upstream.error';
import { upstreamErrorResponse } from './upstream/upstream-error-response';

type Endpoint = 'messages' | 'chat_completions';

/** Internal callers have no HTTP reply; nothing ever writes to or aborts through this one. */
const DETACHED_REPLY = { raw: { once: () => undefined, writableFinished: true } } as unknown as GatewayRequest['reply'];

/**
 * One gateway request, start to end: route, per-user rate limit, budget, prompt governance,
 * the upstream call (retries, fallbacks), delivery to the client, then recording and charging
 * off the response path.
 */
@Injectable()
export class GatewayService {
  constructor(
    private readonly router: ModelRouter,
    private readonly runner: UpstreamCallRunner,
    private readonly limiter: GatewayRateLimiter,
    private readonly budgets: BudgetService,
    private readonly costs: CostCalculator,
    private readonly recorder: RequestRecorder,
    @Optional() @Inject(PROMPT_INSPECTOR) private readonly inspector?: PromptInspector,
  ) {}

  async messages(req: GatewayRequest, body: AnthropicMessagesRequest): Promise<void> {
    await this.handle(req, body, 'messages', (result) => deliverAnthropic(req.reply, result, req.traceId));
  }

  async chatCompletions(req: GatewayRequest, body: AnthropicMessagesRequest, includeUsage: boolean): Promise<void> {
    await this.handle(req, body, 'chat_completions', (result) => deliverOpenAi(req.reply, result, { traceId: req.traceId, model: body.model, includeUsage }));
  }

  /**
   * A non-streamed call made by the gateway itself (agents): same routing, limits, governance
   * of the prompt, retries and recording as an HTTP request, with the message returned.
   */
  async complete(req: Omit<GatewayRequest, 'reply' | 'rawBody' | 'headers'>, body: AnthropicMessagesRequest): Promise<AnthropicMessage> {
    let message: AnthropicMessage | null = null;
    const capture = async (result: UpstreamResult): Promise<DeliveryOutcome> => {
      if (result.kind !== 'json') throw new UpstreamError(502, 'expected a non-streamed response', false);
      message = JSON.parse(result.body.toString('utf8')) as AnthropicMessage;
      return { error: null, clientAborted: false };
    };
    const headers = { 'x-call-source': req.callSource };
    await this.handle({ ...req, headers, rawBody: null, reply: DETACHED_REPLY }, { ...body, stream: false }, 'messages', capture);
    return message!;
  }

  /** The route for a model, or the contract's 404. */
  route(model: string): ResolvedRoute {
    const route = this.router.resolve(model);
    if (!route) throw new GatewayError('ROUTE_NOT_FOUND', `model: no gateway route matches '${model}'`);
    if (route.apiKeySecret && !route.apiKey) throw new GatewayError('NO_UPSTREAM_CREDENTIAL', `The route for '${model}' has no upstream credential configured (secret '${route.apiKeySecret}')`);
    return route;
  }

  private async handle(req: GatewayRequest, body: AnthropicMessagesRequest, endpoint: Endpoint, deliver: (r: UpstreamResult) => Promise<DeliveryOutcome>): Promise<void> {
    let route: ResolvedRoute | null = null;
    let run: RunResult | null = null;
    try {
      route = this.route(body.model);
      await this.limiter.check(req.identity);
      if (this.budgets.enabled) await this.budgets.check(req.identity, req.traceId);
      if (this.inspector) {
        const rewritten = await this.inspector.inspect(body, req.identity, req.traceId);
        if (rewritten) {
          body = rewritten;
          req = { ...req, rawBody: null };
        }
      }
      const cancellation = new ClientCancellation();
      req.reply.raw.once('close', () => {
        if (!req.reply.raw.writableFinished) cancellation.abort();
      });
      run = await this.runner.run({ route, request: body, rawBody: req.rawBody, stream: body.stream === true, headers: req.headers, cancellation, traceId: req.traceId });
      const delivered = await deliver(run.result);
      const outcome = run.result.kind === 'json' ? run.result.outcome : run.result.outcome();
      const firstByteAt = run.result.kind === 'stream' ? run.result.firstByteAt() : null;
      const error = delivered.error ?? (delivered.clientAborted ? { type: 'client_closed', message: 'client closed the stream' } : null);
      this.record(req, body, endpoint, run, { ...outcome, error }, run.result.status, firstByteAt);
    } catch (err) {
      const status = err instanceof UpstreamError || err instanceof GatewayError || isShapedError(err) ? err.status : 500;
      const errorType = err instanceof UpstreamError ? err.type : err instanceof GatewayError ? err.code.toLowerCase() : isShapedError(err) ? 'governance_denied' : 'api_error';
      this.recordFailure(req, body, endpoint, route, run, status, errorType);
      if (err instanceof UpstreamError) {
        if (err.status === 499) return;
        throw upstreamErrorResponse(err);
      }
      throw err;
    }
  }

  private record(req: GatewayRequest, body: AnthropicMessagesRequest, endpoint: Endpoint, run: RunResult, outcome: UpstreamOutcome, status: number, firstByteAt: number | null): void {
    const cost = outcome.error ? 0 : this.costs.costMicrodollars([run.upstreamModel, body.model], outcome.usage);
    const recordedStatus = outcome.error ? (outcome.error.type === 'client_closed' ? 499 : 502) : status;
    this.recorder.record(this.row(req, body, endpoint, run.route, run.upstreamModel, recordedStatus, outcome.error?.type ?? null, outcome, cost, firstByteAt ? firstByteAt - req.startedAt : null));
    if (cost > 0 && this.budgets.enabled) void this.budgets.charge(req.identity, cost);
  }

  private recordFailure(req: GatewayRequest, body: AnthropicMessagesRequest, endpoint: Endpoint, route: ResolvedRoute | null, run: RunResult | null, status: number, errorType: string): void {
    this.recorder.record(this.row(req, body, endpoint, route, run?.upstreamModel ?? route?.upstreamModel ?? null, status, errorType, null, 0, null));
  }

  /** One literal with every column: spreading a base row into a 27-field object was a measurable share of a request's CPU. */
  private row(req: GatewayRequest, body: AnthropicMessagesRequest, endpoint: Endpoint, route: ResolvedRoute | null, upstreamModel: string | null, status: number, errorType: string | null, outcome: UpstreamOutcome | null, cost: number, ttftMs: number | null): AiRequestRecord {
    const now = Date.now();
    const model = typeof body.model === 'string' ? body.model.slice(0, 200) : '';
    const usage = outcome?.usage;
    return {
      id: timeOrderedId(),
      traceId: req.traceId,
      userId: req.identity.userId,
      tenantId: req.identity.tenantId,
      sessionId: req.identity.sessionId,
      clientId: req.identity.clientId,
      callSource: req.callSource,
      model,
      upstreamModel: upstreamModel ?? (typeof body.model === 'string' ? model : null),
      provider: route?.provider ?? null,
      route: route?.name ?? null,
      endpoint,
      streamed: body.stream === true,
      status,
      errorType,
      stopReason: outcome?.stopReason ?? null,
      inputTokens: usage?.input_tokens ?? 0,
      outputTokens: usage?.output_tokens ?? 0,
      cacheReadTokens: usage?.cache_read_input_tokens ?? 0,
      cacheWriteTokens: usage?.cache_creation_input_tokens ?? 0,
      costMicrodollars: cost,
      latencyMs: now - req.startedAt,
      ttftMs,
      agent: req.agent,
      createdAt: new Date(now),
    };
  }

}
