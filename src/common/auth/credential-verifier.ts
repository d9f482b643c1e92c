import type { FastifyRequest } from 'fastify';
import type { Identity } from './identity';

/**
 * Turns the credential the guard found on a request into an identity: null when it is not
 * accepted; throws when it could not be checked at all (the database is unreachable). The
 * users module provides it; the global guard depends only on this.
 */
export abstract class CredentialVerifier {
  abstract verify(credential: string, request: FastifyRequest): Promise<Identity | null>;
}
