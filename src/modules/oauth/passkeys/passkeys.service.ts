import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Identity } from '../../../common/auth/identity';
import { hashPat } from '../../../common/auth/personal-access-token';
import { Clock } from '../../../common/clock/clock.provider';
import { DomainEventPublisher } from '../../../common/events/domain-event.publisher';
import { OauthSettings } from '../oauth-settings.provider';
import { type OauthUser, UserDirectoryService } from '../user-directory.service';
import type { EnrolmentEntity } from './enrolment.entity';
import { PasskeysError } from './passkeys.errors';
import { PasskeysRepository } from './passkeys.repository';

const CHALLENGE_TTL_MS = 5 * 60_000;
/** ES256 and RS256: what platform authenticators and security keys offer. */
const ALGORITHMS = [-7, -257];

/**
 * Passkey ceremonies with @simplewebauthn/server: registration through a one-time enrolment
 * link, and authentication with a discoverable credential (no user name typed). Challenges are
 * stored and consumed once; counters must grow.
 */
@Injectable()
export class PasskeysService {
  private readonly logger = new Logger('Passkeys');

  constructor(
    private readonly repository: PasskeysRepository,
    private readonly users: UserDirectoryService,
    private readonly settings: OauthSettings,
    private readonly events: DomainEventPublisher,
    private readonly clock: Clock,
  ) {}

  async registrationOptions(token: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const { enrolment, user } = await this.enrolment(token);
    const existing = await this.repository.listPasskeys(user.id);
    const options = await generateRegistrationOptions({
      rpName: this.settings.rpName,
      rpID: this.settings.rpId,
      userName: user.email,
      userDisplayName: user.name,
      userID: new TextEncoder().encode(user.id),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports ?? undefined })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      supportedAlgorithmIDs: ALGORITHMS,
    });
    await this.repository.insertChallenge({ challenge: options.challenge, purpose: 'registration', enrolmentId: enrolment.id, expiresAt: this.expiry() });
    return options;
  }

  async register(token: string, response: RegistrationResponseJSON): Promise<{ credential_id: string; user_id: string }> {
    const { enrolment, user } = await this.enrolment(token);
    const challenge = await this.challenge(response.response.clientDataJSON, 'registration', enrolment.id);
    let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.settings.origin,
        expectedRPID: this.settings.rpId,
        requireUserVerification: false,
        supportedAlgorithmIDs: ALGORITHMS,
      });
    } catch (err) {
      throw new PasskeysError('PASSKEY_REJECTED', `registration refused: ${(err as Error).message}`);
    }
    if (!verified.verified) throw new PasskeysError('PASSKEY_REJECTED', 'registration refused');
    if (!(await this.repository.useEnrolment(enrolment.id, this.clock.now()))) throw new PasskeysError('ENROLMENT_INVALID', 'this enrolment link was already used');
    const { credential } = verified.registrationInfo;
    await this.repository.insertPasskey({ id: credential.id, userId: user.id, publicKey: Buffer.from(credential.publicKey), counter: credential.counter, transports: credential.transports ?? null });
    this.logger.log(`passkey registered for user ${user.id}`);
    return { credential_id: credential.id, user_id: user.id };
  }

  async authenticationOptions(): Promise<{ options: PublicKeyCredentialRequestOptionsJSON; challengeId: string }> {
    const options = await generateAuthenticationOptions({ rpID: this.settings.rpId, userVerification: 'preferred', allowCredentials: [] });
    const row = await this.repository.insertChallenge({ challenge: options.challenge, purpose: 'authentication', enrolmentId: null, expiresAt: this.expiry() });
    return { options, challengeId: row.id };
  }

  /** The user the passkey belongs to; the challenge must be the one this browser was given. */
  async authenticate(challengeId: string | null, response: AuthenticationResponseJSON, traceId: string): Promise<OauthUser> {
    const challenge = await this.challenge(response.response.clientDataJSON, 'authentication', null, challengeId);
    const passkey = await this.repository.findPasskey(response.id);
    if (!passkey) return this.reject('unknown passkey', traceId, null);
    let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
    try {
      verified = await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: this.settings.origin,
        expectedRPID: this.settings.rpId,
        credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports ?? undefined },
        requireUserVerification: false,
      });
    } catch (err) {
      return this.reject((err as Error).message, traceId, passkey.userId);
    }
    if (!verified.verified) return this.reject('signature not verified', traceId, passkey.userId);
    if (!(await this.repository.advanceCounter(passkey.id, verified.authenticationInfo.newCounter, this.clock.now()))) {
      return this.reject('signature counter did not increase (cloned authenticator?)', traceId, passkey.userId);
    }
    const user = await this.users.activeUser(passkey.userId);
    if (!user) return this.reject('user is not active', traceId, passkey.userId);
    this.events.emit('auth.login', { trace_id: traceId, user_id: user.id, tenant_id: user.tenantId, method: 'passkey', outcome: 'success' });
    return user;
  }

  /** A one-time enrolment link for a user; the token is shown once. */
  async issueEnrolment(userRef: string, actor: Identity): Promise<{ id: string; user_id: string; url: string; expires_at: string }> {
    const user = await this.users.activeUser(userRef);
    if (!user || user.tenantId !== actor.tenantId) throw new PasskeysError('USER_NOT_FOUND', `User ${userRef} not found or not active`);
    const createdBy = actor.userId;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.nowMs() + this.settings.enrolmentTtl * 1000);
    const row = await this.repository.insertEnrolment({ tokenHash: hashPat(token), userId: user.id, createdBy, expiresAt });
    return { id: row.id, user_id: user.id, url: `${this.settings.endpoint('enrol')}#token=${token}`, expires_at: expiresAt.toISOString() };
  }

  private async enrolment(token: string): Promise<{ enrolment: EnrolmentEntity; user: OauthUser }> {
    const enrolment = await this.repository.findEnrolment(hashPat(token));
    if (!enrolment || enrolment.usedAt || enrolment.expiresAt.getTime() <= this.clock.nowMs()) {
      throw new PasskeysError('ENROLMENT_INVALID', 'this enrolment link is invalid, expired or already used');
    }
    const user = await this.users.activeUser(enrolment.userId);
    if (!user) throw new PasskeysError('ENROLMENT_INVALID', 'the user of this enrolment link is not active');
    return { enrolment, user };
  }

  private async challenge(clientDataJSON: string, purpose: 'registration' | 'authentication', enrolmentId: string | null, challengeId?: string | null): Promise<string> {
    let value: unknown;
    try {
      value = (JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown }).challenge;
    } catch {
      value = undefined;
    }
    if (typeof value !== 'string') throw new PasskeysError('CHALLENGE_INVALID', 'clientDataJSON carries no challenge');
    const row = await this.repository.consumeChallenge(value, purpose, this.clock.now());
    const stale = !row || row.expiresAt.getTime() <= this.clock.nowMs() || row.enrolmentId !== enrolmentId || (challengeId !== undefined && row.id !== challengeId);
    if (stale) throw new PasskeysError('CHALLENGE_INVALID', 'the challenge is unknown, expired, already used or was issued to another browser');
    return value;
  }

  private reject(reason: string, traceId: string, userId: string | null): never {
    this.events.emit('auth.login', { trace_id: traceId, user_id: userId, tenant_id: null, method: 'passkey', outcome: 'failure' });
    throw new PasskeysError('PASSKEY_REJECTED', `passkey sign-in refused: ${reason}`);
  }

  private expiry(): Date {
    return new Date(this.clock.nowMs() + CHALLENGE_TTL_MS);
  }
}
