import type { OutgoingHttpHeaders } from 'node:http';
import { Controller, Get, Query, Req, Res, SetMetadata } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiSecurity, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentIdentity } from '../../common/auth/current-identity.decorator';
import type { Identity } from '../../common/auth/identity';
import { Scopes } from '../../common/auth/scopes.decorator';
import { EventStreamQueryDto } from './dto/event-stream-query.dto';
import { EventStreamService } from './event-stream.service';

/** `GET /api/v1/events/stream`: the caller's visible governance and gateway events over SSE. */
@ApiTags('events')
@ApiSecurity('bearer')
@ApiUnauthorizedResponse({ description: 'No valid credential' })
@Controller('api/v1/events')
export class EventsController {
  constructor(private readonly streams: EventStreamService) {}

  @Get('stream')
  @Scopes('events:read')
  @SetMetadata('sp:streams', true)
  @ApiOperation({
    summary: 'Server-sent events: `id`, `event` (the domain event name) and `data` (its JSON payload); heartbeat comments keep the connection open',
    description: 'Users see events about themselves; auditors and admins see all. Resume with the Last-Event-ID header.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An SSE stream that stays open' })
  @ApiBadRequestResponse({ description: 'Unknown event type in `types`, or a malformed Last-Event-ID' })
  @ApiServiceUnavailableResponse({ description: 'This replica has reached observability.events.max_subscribers' })
  stream(@CurrentIdentity() identity: Identity, @Query() query: EventStreamQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const header = request.headers['last-event-id'];
    const lastEventId = (Array.isArray(header) ? header[0] : header) ?? query.last_event_id ?? null;
    const prepared = this.streams.prepare(query.types, lastEventId);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n: connected\n\n');
    const subscriber = this.streams.open(identity, raw, prepared);
    raw.on('close', () => subscriber.close());
  }
}
