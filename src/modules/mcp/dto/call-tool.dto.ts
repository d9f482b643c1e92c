import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

/** `POST /api/v1/mcp/{server}/tools/{tool}`: a governed tool call over plain REST. */
export class CallToolDto {
  @ApiPropertyOptional({ example: { path: '/tmp/a.txt' } })
  @IsOptional()
  @IsObject()
  arguments?: Record<string, unknown>;
}
