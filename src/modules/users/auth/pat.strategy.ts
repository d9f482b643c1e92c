import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { Strategy } from 'passport-custom';
import type { Identity } from '../../../common/auth/identity';
import { extractCredential } from '../../../common/auth/extract-credential';
import { PAT_PATTERN } from '../../../common/auth/personal-access-token';
import { CredentialService } from '../credential.service';

/** Passport strategy `pat`: personal access tokens (`sp-live-…`). */
@Injectable()
export class PatStrategy extends PassportStrategy(Strategy, 'pat') {
  constructor(private readonly credentials: CredentialService) {
    super();
  }

  async validate(request: FastifyRequest): Promise<Identity | false> {
    const credential = extractCredential(request);
    if (!credential || !PAT_PATTERN.test(credential)) return false;
    const session = request.headers['x-session-id'];
    return (await this.credentials.verifyPat(credential, typeof session === 'string' ? session : undefined)) ?? false;
  }
}
