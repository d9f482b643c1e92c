import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { allow, deny, type GovernanceContext, type GovernanceStage, type StageVerdict } from '../governance.types';
import { SecretScanner } from '../secret-scan/secret-scanner';
import type { SecretFinding } from '../secret-scan/secret-scan.types';

/**
 * What it carries: credentials in the arguments (keys and values, nested, one level of base64
 * and URL encoding). `action: deny` refuses the call; `redact` lets it through with each secret
 * replaced by `[REDACTED:<kind>]`. Findings are reported by kind and position only.
 */
@Injectable()
export class SecretScanStage implements GovernanceStage {
  readonly name = 'secret_scan';
  readonly scanner = new SecretScanner();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  evaluate({ input }: GovernanceContext): StageVerdict {
    const settings = this.config.governance.secret_scan;
    if (!settings.enabled) return allow;
    if (settings.action === 'redact') {
      const { value, findings } = this.scanner.redact(input);
      return findings.length === 0 ? allow : { denial: null, input: value };
    }
    const findings = this.scanner.scan(input);
    return findings.length === 0 ? allow : deny(this.name, 'SECRET_DETECTED', describeFindings(findings));
  }
}

export function describeFindings(findings: SecretFinding[]): string {
  const shown = findings.slice(0, 5).map((f) => `${f.kind} at ${f.path}[${f.start}..${f.end}]${f.encoding ? ` (${f.encoding})` : ''}`);
  const more = findings.length > 5 ? ` and ${findings.length - 5} more` : '';
  return `secret detected: ${shown.join(', ')}${more}`;
}
