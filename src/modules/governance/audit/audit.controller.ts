import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiSecurity, ApiTags, ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Roles } from '../../../common/auth/roles.decorator';
import { Scopes } from '../../../common/auth/scopes.decorator';
import { AuditQueryService, type AuditEventView } from './audit-query.service';

export class AuditQueryDto {
  @ApiProperty() @IsString() @Length(1, 128) trace_id: string;
}

export class AuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty() trace_id: string;
  @ApiProperty() seq: number;
  @ApiProperty({ enum: ['identity', 'agent_context', 'permissions', 'tool_execution', 'result'] }) point: string;
  @ApiProperty({ nullable: true }) user_id: string | null;
  @ApiProperty() principal: string;
  @ApiProperty({ nullable: true }) agent: string | null;
  @ApiProperty({ nullable: true }) server: string | null;
  @ApiProperty({ nullable: true }) tool: string | null;
  @ApiProperty({ nullable: true }) outcome: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty() created_at: string;
}

/** The audit trail of one trace, for auditors and admins. */
@ApiTags('audit')
@ApiSecurity('bearer')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @Roles('auditor')
  @Scopes('audit:read')
  @ApiOkResponse({ type: [AuditEventDto] })
  byTrace(@Query() query: AuditQueryDto): Promise<AuditEventView[]> {
    return this.audit.byTrace(query.trace_id);
  }
}
