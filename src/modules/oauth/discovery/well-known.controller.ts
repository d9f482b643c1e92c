import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../common/auth/public.decorator';
import { DiscoveryService } from './discovery.service';

/** Discovery: OpenID configuration, RFC 8414, RFC 9728 and the signing keys. */
@ApiTags('oauth')
@Public()
@Controller('.well-known')
export class WellKnownController {
  constructor(private readonly discovery: DiscoveryService) {}

  @Get('openid-configuration')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'OpenID Provider configuration' })
  @ApiOkResponse({ description: 'OpenID Connect Discovery 1.0 metadata' })
  openidConfiguration(): Record<string, unknown> {
    return this.discovery.authorizationServer();
  }

  @Get('oauth-authorization-server')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'OAuth 2.0 Authorization Server Metadata (RFC 8414)' })
  @ApiOkResponse({ description: 'RFC 8414 metadata' })
  authorizationServer(): Record<string, unknown> {
    return this.discovery.authorizationServer();
  }

  @Get('oauth-protected-resource')
  @ApiOperation({ summary: 'Protected Resource Metadata of the MCP endpoint (RFC 9728)' })
  @ApiOkResponse({ description: 'RFC 9728 metadata' })
  protectedResource(): Record<string, unknown> {
    return this.discovery.protectedResource()!;
  }

  @Get('oauth-protected-resource/*')
  @ApiOperation({ summary: 'Protected Resource Metadata of one MCP server, e.g. /.well-known/oauth-protected-resource/api/v1/mcp/files/mcp' })
  @ApiOkResponse({ description: 'RFC 9728 metadata' })
  @ApiNotFoundResponse()
  protectedResourceAt(@Param('*') path: string): Record<string, unknown> {
    const metadata = this.discovery.protectedResource(path);
    if (!metadata) throw new NotFoundException('No protected resource at that path');
    return metadata;
  }

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=60')
  @ApiOperation({ summary: 'The public keys that verify access and id tokens' })
  @ApiOkResponse({ description: 'JWK Set' })
  jwks(): Promise<{ keys: Record<string, string>[] }> {
    return this.discovery.jwks();
  }
}
