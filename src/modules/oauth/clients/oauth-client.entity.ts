import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../../common/auth/roles';

export const CLIENT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];
export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** A registered OAuth client (RFC 7591). Only the SHA-256 of a confidential client's secret is kept. */
@Entity({ name: 'oauth_clients' })
export class OauthClientEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'id' })
  id: string;

  @Column({ type: 'char', length: 64, name: 'secret_hash', nullable: true })
  secretHash: string | null;

  @Column({ type: 'varchar', length: 200, name: 'name', nullable: true })
  name: string | null;

  @Column({ type: 'text', array: true, name: 'redirect_uris' })
  redirectUris: string[];

  @Column({ type: 'text', array: true, name: 'grant_types' })
  grantTypes: GrantType[];

  @Column({ type: 'varchar', length: 32, name: 'token_endpoint_auth_method' })
  tokenEndpointAuthMethod: ClientAuthMethod;

  /** Space-separated scopes the client may ask for. */
  @Column({ type: 'text', name: 'scope' })
  scope: string;

  /** First-party clients skip the consent screen. Only an authorized registration may set it. */
  @Column({ type: 'boolean', name: 'first_party', default: false })
  firstParty: boolean;

  /** The role of client_credentials tokens; null = the client may not use that grant. */
  @Column({ type: 'varchar', length: 32, name: 'service_role', nullable: true })
  serviceRole: Role | null;

  /** The rest of the RFC 7591 metadata as registered (client_uri, logo_uri, contacts, …). */
  @Column({ type: 'jsonb', name: 'metadata', default: {} })
  metadata: Record<string, unknown>;

  @Column({ type: 'uuid', name: 'registered_by', nullable: true })
  registeredBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
