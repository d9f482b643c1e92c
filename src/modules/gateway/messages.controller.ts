import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthenticatedRequest } from '../../common/auth/auth.guard';
import { Scopes } from '../../common/auth/scopes.decorator';
import { TracingService } from '../../common/tracing/tracing.service';
import { LenientBodyPipe } from '../../common/validation/lenient-body';
import type { AnthropicMessagesRequest } from './anthropic/anthropic.types';
import { ChatCompletionsRequestDto, CountTokensRequestDto, MessagesRequestDto } from './dto/messages-request.dto';
import { fromOpenAiRequest } from './inbound/openai/from-openai-request';
import type { OpenAiChatRequest } from './providers/openai/openai.types';
import { callSourceOf, type GatewayRequest } from './gateway-request';
import { GatewayService } from './gateway.service';
import { traceGatewayRequest } from './gateway-request.span';
import { TokenCountService } from './token-count.service';
import { ModelsService } from './models.service';
import { ConversionError } from './conversion/conversion.error';
import { convertRequest } from './conversion/convert-request';
import { GatewayError } from './gateway.errors';

/** The Anthropic- and OpenAI-compatible LLM gateway (`/v1/*`). */
@ApiTags('gateway')
@ApiSecurity('bearer')
@ApiSecurity('x-api-key')
@Controller('v1')
export class MessagesController {
  constructor(
    private readonly gateway: GatewayService,
    private readonly tokens: TokenCountService,
    private readonly models: ModelsService,
    private readonly tracing: TracingService,
  ) {}

  @Post('messages')
  @Scopes('gateway:invoke')
  @ApiOperation({ summary: 'Anthropic Messages API, routed by model; streaming with "stream": true' })
  @ApiBody({ type: MessagesRequestDto })
  @ApiOkResponse({ description: 'An Anthropic message, or an SSE stream of Anthropic events' })
  async messages(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body(LenientBodyPipe) body: MessagesRequestDto): Promise<void> {
    const req = gatewayRequest(request, reply);
    const anthropic = body as unknown as AnthropicMessagesRequest;
    await traceGatewayRequest(this.tracing, req, anthropic, 'messages', () => this.gateway.messages(req, anthropic));
  }

  @Post('messages/count_tokens')
  @HttpCode(200)
  @Scopes('gateway:invoke')
  @ApiOperation({ summary: 'Input token count: exact from Anthropic routes, estimated (and marked) elsewhere' })
  @ApiBody({ type: CountTokensRequestDto })
  async countTokens(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body(LenientBodyPipe) body: CountTokensRequestDto): Promise<void> {
    const counted = await this.tokens.count(gatewayRequest(request, reply), body as unknown as AnthropicMessagesRequest);
    if (counted.estimated) void reply.header('x-token-count-estimated', 'true');
    await reply.status(counted.status).header('content-type', 'application/json').send(counted.body);
  }

  @Get('models')
  @Scopes('gateway:invoke')
  @ApiOperation({ summary: 'The models the routes expose (Anthropic list format)' })
  listModels() {
    return this.models.list();
  }

  @Post('chat/completions')
  @Scopes('gateway:invoke')
  @ApiOperation({ summary: 'OpenAI Chat Completions over the same routes; streaming with "stream": true' })
  @ApiBody({ type: ChatCompletionsRequestDto })
  async chatCompletions(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body(LenientBodyPipe) body: ChatCompletionsRequestDto): Promise<void> {
    const openai = body as unknown as OpenAiChatRequest;
    let anthropic: AnthropicMessagesRequest;
    try {
      anthropic = convertRequest(() => fromOpenAiRequest(openai));
    } catch (err) {
      if (err instanceof ConversionError) throw new GatewayError('INVALID_REQUEST', err.message);
      throw err;
    }
    const includeUsage = openai.stream_options?.include_usage === true;
    const req = { ...gatewayRequest(request, reply), rawBody: null };
    await traceGatewayRequest(this.tracing, req, anthropic, 'chat_completions', () => this.gateway.chatCompletions(req, anthropic, includeUsage));
  }
}

function gatewayRequest(request: FastifyRequest, reply: FastifyReply): GatewayRequest {
  const identity = (request as AuthenticatedRequest).identity!;
  const agent = request.headers['x-agent-name'];
  return {
    identity,
    traceId: String(request.id),
    headers: request.headers,
    rawBody: (request as FastifyRequest & { rawBody?: Buffer }).rawBody ?? null,
    reply,
    callSource: callSourceOf(request.headers),
    agent: typeof agent === 'string' ? agent.slice(0, 200) : null,
    startedAt: Date.now(),
  };
}
