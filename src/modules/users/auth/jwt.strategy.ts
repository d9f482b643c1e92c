import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import type { Identity } from '../../../common/auth/identity';
import { extractCredential } from '../../../common/auth/extract-credential';
import { CredentialService } from '../credential.service';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Passport strategy `jwt`: gateway JWTs (HS256) and OAuth access tokens (by `kid`). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly credentials: CredentialService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Identity | false> {
    const credential = extractCredential(request);
    if (!credential || !JWT_SHAPE.test(credential)) return false;
    const session = request.headers['x-session-id'];
    return (await this.credentials.verifyJwt(credential, typeof session === 'string' ? session : undefined)) ?? false;
  }
}
