import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../bootstrap/bootstrap.tokens';
import { restErrorBody } from '../../common/errors/error-response';

/**
 * A 401 on an MCP endpoint tells the host where to get a token (RFC 9728): the
 * `WWW-Authenticate` header names the protected-resource metadata.
 */
@Catch(UnauthorizedException)
export class McpUnauthorizedFilter implements ExceptionFilter {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  catch(exception: UnauthorizedException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const metadata = `${this.config.publicUrl}/.well-known/oauth-protected-resource`;
    void reply
      .status(401)
      .header('www-authenticate', `Bearer resource_metadata="${metadata}"`)
      .send(restErrorBody(401, exception.message, String(request.id)));
  }
}
