export type BlocklistRuleErrorCode = 'INVALID_PATTERN' | 'DUPLICATE_ID';

/**
 * A blocklist rule that cannot be compiled. Thrown at startup so the app refuses to run with a
 * rule it would silently ignore; the message names the rule id (patterns are configuration,
 * never secrets, so quoting the regex error is safe).
 */
export class BlocklistRuleError extends Error {
  constructor(
    readonly code: BlocklistRuleErrorCode,
    readonly ruleId: string,
    detail: string,
  ) {
    super(`blocklist rule "${ruleId}": ${detail}`);
    this.name = 'BlocklistRuleError';
  }
}
