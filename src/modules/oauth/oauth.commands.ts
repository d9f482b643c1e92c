import { SubCommand } from 'nest-commander';
import { systemIdentity } from '../../common/auth/identity';
import { CliCommand, CliGroup } from '../../cli/cli-command';
import { SigningKeysService } from './keys/signing-keys.service';
import { PasskeysService } from './passkeys/passkeys.service';

@SubCommand({ name: 'rotate-keys', description: 'Create a new signing key; older keys keep verifying until their tokens expire' })
export class OauthRotateKeysCommand extends CliCommand {
  constructor(private readonly keys: SigningKeysService) {
    super();
  }
  protected async execute(): Promise<void> {
    const { kid, retired } = await this.keys.rotate();
    this.out(`signing key ${kid} is active${retired.length > 0 ? `; retired ${retired.join(', ')}` : ''}`);
  }
}

@SubCommand({ name: 'enrol', arguments: '<user>', description: 'Issue a one-time passkey enrolment link (user: id or email)' })
export class OauthEnrolCommand extends CliCommand {
  constructor(private readonly passkeys: PasskeysService) {
    super();
  }
  protected async execute([ref]: string[]): Promise<void> {
    const link = await this.passkeys.issueEnrolment(ref!, systemIdentity('cli'));
    process.stderr.write(`enrolment link for user ${link.user_id}, valid until ${link.expires_at} (shown once):\n`);
    this.out(link.url);
  }
}

@SubCommand({ name: 'oauth', description: 'OAuth: signing keys and passkey enrolment', subCommands: [OauthRotateKeysCommand, OauthEnrolCommand] })
export class OauthCommand extends CliGroup {}

export const OAUTH_COMMANDS = [OauthCommand, OauthRotateKeysCommand, OauthEnrolCommand];
