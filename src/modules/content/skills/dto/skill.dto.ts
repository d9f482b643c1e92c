import { ApiProperty } from '@nestjs/swagger';

export class SkillSummaryDto {
  @ApiProperty({ example: 'summarise' }) name: string;
  @ApiProperty({ example: 'Summarise a long text in five bullet points' }) description: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the instructions' }) sha256: string;
}

export class SkillDto extends SkillSummaryDto {
  @ApiProperty({ description: 'The Markdown body: what an agent adds to its system prompt' }) instructions: string;
}

export class SkillListDto {
  @ApiProperty({ type: [SkillSummaryDto] }) items: SkillSummaryDto[];
  @ApiProperty() total: number;
}
