import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsDefined, IsOptional, IsString, Length, Matches } from 'class-validator';
import { FlatBody } from '../../../common/validation/flat-body';
import { LenientBody } from '../../../common/validation/lenient-body';

@FlatBody()
export class EvaluateRequestDto {
  @ApiProperty({ example: 'mcp__files__read_file', description: 'Tool name; mcp__<server>__<tool> names are resolved to their server' })
  @IsString()
  @Length(1, 300)
  tool_name: string;

  @ApiProperty({ example: { path: '/tmp/a.txt' }, description: 'The arguments, any JSON value' })
  @IsDefined()
  @Allow()
  tool_input: unknown;

  @ApiPropertyOptional({ example: 'files' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,62}$/)
  server?: string;
}

export class GovernanceDecisionDto {
  @ApiProperty({ enum: ['allow', 'deny'] }) decision: 'allow' | 'deny';
  @ApiPropertyOptional({ enum: ['scope', 'secret_scan', 'blocklist', 'rate_limit'] }) stage?: string;
  @ApiPropertyOptional({ example: 'SECRET_DETECTED' }) code?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() trace_id: string;
  @ApiProperty() policy_version: string;
  @ApiPropertyOptional() retry_after?: number;
  @ApiPropertyOptional({ description: 'The arguments after redaction (secret_scan action redact)' }) tool_input?: unknown;
}

/**
 * Claude Code's PreToolUse hook input. Its format is Claude Code's: fields newer versions add
 * (`tool_use_id`, …) are accepted, only the declared ones are checked.
 */
@LenientBody()
export class ClaudeCodeHookDto {
  @ApiProperty() @IsString() @Length(1, 200) session_id: string;
  @ApiProperty({ example: 'PreToolUse' }) @IsString() @Length(1, 64) hook_event_name: string;
  @ApiProperty({ example: 'Bash' }) @IsString() @Length(1, 300) tool_name: string;
  @ApiProperty({ example: { command: 'ls' } }) @IsDefined() @Allow() tool_input: unknown;
  @ApiPropertyOptional() @IsOptional() @IsString() transcript_path?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cwd?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() permission_mode?: string;
}

export class ClaudeCodeHookOutputDto {
  @ApiProperty({ example: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'secret_scan: …' } })
  hookSpecificOutput: { hookEventName: string; permissionDecision: 'allow' | 'deny'; permissionDecisionReason: string };
}
