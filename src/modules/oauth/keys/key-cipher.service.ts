import { Injectable } from '@nestjs/common';
import { SecretBox } from '../../../common/crypto/secret-box';
import { OauthSettings } from '../oauth-settings.provider';

/** Seals the OAuth signing keys at rest; the `kid` is the additional data. */
@Injectable()
export class KeyCipherService extends SecretBox {
  constructor(settings: OauthSettings) {
    super(settings.jwtSecret, { salt: 'systemprompt-oauth-keys', info: 'oauth signing key encryption v1' });
  }
}
