import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Scopes } from '../../../common/auth/scopes.decorator';
import { toSkillDto, toSkillSummary } from '../content.mapper';
import { SkillDto, SkillListDto } from './dto/skill.dto';
import { SkillsService } from './skills.service';

@ApiTags('content')
@ApiSecurity('bearer')
@ApiUnauthorizedResponse({ description: 'No valid credential' })
@Controller('api/v1/content/skills')
export class SkillsController {
  constructor(private readonly skills: SkillsService) {}

  @Get()
  @Scopes('content:read')
  @ApiOperation({ summary: 'The skills of services/skills, by name' })
  @ApiOkResponse({ type: SkillListDto })
  list(): SkillListDto {
    const items = this.skills.list().map(toSkillSummary);
    return { items, total: items.length };
  }

  @Get(':name')
  @Scopes('content:read')
  @ApiOperation({ summary: 'One skill with its instructions' })
  @ApiOkResponse({ type: SkillDto })
  @ApiNotFoundResponse({ description: 'No skill of that name' })
  get(@Param('name') name: string): SkillDto {
    return toSkillDto(this.skills.require(name));
  }
}
