import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CredentialVerifier } from '../../../common/auth/credential-verifier';
import type { Identity } from '../../../common/auth/identity';
import { PAT_PATTERN } from '../../../common/auth/personal-access-token';
import { CredentialService } from '../credential.service';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Personal access tokens (`sp-live-…`) and JWTs (gateway HS256 tokens, OAuth access tokens by
 * `kid`), told apart by shape. This replaced two passport strategies: passport's per-request
 * middleware chain (strategy copies, request augmentation, a promise wrapper) was a few percent
 * of every authenticated request's CPU and chose between the two by trying them in turn.
 */
@Injectable()
export class RequestCredentialVerifier extends CredentialVerifier {
  constructor(private readonly credentials: CredentialService) {
    super();
  }

  async verify(credential: string, request: FastifyRequest): Promise<Identity | null> {
    const header = request.headers['x-session-id'];
    const session = typeof header === 'string' ? header : undefined;
    if (PAT_PATTERN.test(credential)) return this.credentials.verifyPat(credential, session);
    if (JWT_SHAPE.test(credential)) return this.credentials.verifyJwt(credential, session);
    return null;
  }
}
