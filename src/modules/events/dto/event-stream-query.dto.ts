import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DOMAIN_EVENT_NAMES } from '../../../common/events/domain-events';

export class EventStreamQueryDto {
  @ApiPropertyOptional({ description: `Comma-separated event names; default all. One of: ${DOMAIN_EVENT_NAMES.join(', ')}`, example: 'ai.request.completed,governance.decision' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  types?: string;

  @ApiPropertyOptional({ description: 'Resume after this event id (the Last-Event-ID header takes precedence)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  last_event_id?: string;
}
