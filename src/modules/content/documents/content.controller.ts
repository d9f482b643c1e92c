import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CurrentIdentity } from '../../../common/auth/current-identity.decorator';
import type { Identity } from '../../../common/auth/identity';
import { Roles } from '../../../common/auth/roles.decorator';
import { Scopes } from '../../../common/auth/scopes.decorator';
import { toContentDocument, toContentSummary } from '../content.mapper';
import { ContentService } from './content.service';
import { ContentDocumentDto, ContentListDto, ContentQueryDto, CreateContentDto, ReplaceContentDto } from './dto/content.dto';

const DEFAULT_LIMIT = 20;

@ApiTags('content')
@ApiSecurity('bearer')
@ApiUnauthorizedResponse({ description: 'No valid credential' })
@Controller('api/v1/content')
export class ContentController {
  constructor(private readonly content: ContentService) {}

  @Get()
  @Scopes('content:read')
  @ApiOperation({ summary: 'Search documents by tag and text; drafts are listed for admins only' })
  @ApiOkResponse({ type: ContentListDto })
  @ApiBadRequestResponse({ description: 'Each bad query parameter named' })
  async list(@CurrentIdentity() identity: Identity, @Query() query: ContentQueryDto): Promise<ContentListDto> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const page = await this.content.list(identity, { tag: query.tag, q: query.q, offset, limit });
    return { items: page.items.map(toContentSummary), total: page.total, offset, limit };
  }

  @Get(':slug')
  @Scopes('content:read')
  @ApiOkResponse({ type: ContentDocumentDto })
  @ApiNotFoundResponse({ description: 'No such document, or a draft and the caller is not an admin' })
  async get(@CurrentIdentity() identity: Identity, @Param('slug') slug: string): Promise<ContentDocumentDto> {
    return toContentDocument(await this.content.get(identity, slug));
  }

  @Post()
  @Roles('admin')
  @Scopes('content:write')
  @ApiCreatedResponse({ type: ContentDocumentDto })
  @ApiBadRequestResponse({ description: 'Each bad field named' })
  @ApiConflictResponse({ description: 'The slug is taken (by a file or a stored document)' })
  @ApiForbiddenResponse({ description: 'Admins only' })
  async create(@CurrentIdentity() actor: Identity, @Body() body: CreateContentDto): Promise<ContentDocumentDto> {
    const { slug, ...fields } = body;
    return toContentDocument(await this.content.create(actor, slug, fields));
  }

  @Put(':slug')
  @Roles('admin')
  @Scopes('content:write')
  @ApiOperation({ summary: 'Replace a document; a file document is overridden by the stored one' })
  @ApiOkResponse({ type: ContentDocumentDto })
  @ApiBadRequestResponse({ description: 'Each bad field named' })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: 'Admins only' })
  async replace(@CurrentIdentity() actor: Identity, @Param('slug') slug: string, @Body() body: ReplaceContentDto): Promise<ContentDocumentDto> {
    return toContentDocument(await this.content.replace(actor, slug, body));
  }

  @Delete(':slug')
  @HttpCode(204)
  @Roles('admin')
  @Scopes('content:write')
  @ApiOperation({ summary: 'Delete a document; a file document is hidden by a tombstone' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: 'Admins only' })
  async remove(@CurrentIdentity() actor: Identity, @Param('slug') slug: string): Promise<void> {
    await this.content.remove(actor, slug);
  }
}
