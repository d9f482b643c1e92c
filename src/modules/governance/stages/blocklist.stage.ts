import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { compileBlocklist } from '../blocklist/blocklist-matcher';
import { allow, deny, type GovernanceContext, type GovernanceStage, type StageVerdict } from '../governance.types';

/** What it does: destructive operations (built-in rules, each overridable by id, plus the profile's). */
@Injectable()
export class BlocklistStage implements GovernanceStage {
  readonly name = 'blocklist';
  private readonly matcher: ReturnType<typeof compileBlocklist>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    try {
      this.matcher = compileBlocklist(config.governance.blocklist);
    } catch (err) {
      throw new BootstrapError('config', config.profileFile, 'governance.blocklist', (err as Error).message);
    }
  }

  evaluate({ tool, server, input }: GovernanceContext): StageVerdict {
    const name = server ? `mcp__${server.name}__${tool}` : tool;
    const hit = this.matcher.match(tool, input) ?? (name !== tool ? this.matcher.match(name, input) : null);
    return hit ? deny(this.name, 'BLOCKLISTED', `${hit.reason} (rule ${hit.id})`) : allow;
  }

  /** For prompts: the same rules over free text. */
  matchText(text: string): { id: string; reason: string } | null {
    return this.matcher.match('*', text);
  }
}
