import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { SecretBox } from '../../../common/crypto/secret-box';

/** Seals the manifest signing key at rest; the key id is the additional data. */
@Injectable()
export class SigningKeyCipherService extends SecretBox {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.secrets.jwt_secret, { salt: 'systemprompt-bridge-manifest', info: 'manifest signing key encryption v1' });
  }
}
