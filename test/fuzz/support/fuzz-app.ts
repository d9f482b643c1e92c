/**
 * Profile sections shared by the fuzzed apps: limits high enough that generated traffic reaches
 * validation and the handlers instead of stopping at a rate limit.
 */
export const FUZZ_LIMITS_PROFILE = `security:
  auth_failures_per_minute: 1000000
`;

export function fuzzGovernanceProfile(extra = ''): string {
  return `governance:
  rate_limits: { tool_calls_per_minute: 1000000, gateway_requests_per_minute: 1000000 }
${extra}`;
}

/** Inputs per endpoint family: 10 000 by default, `FUZZ_INPUTS` for longer runs. */
export const INPUTS_PER_FAMILY = Number(process.env.FUZZ_INPUTS ?? 10_000);

/** Jest timeout for one family, generous for a loaded 2-core machine. */
export const FAMILY_TIMEOUT_MS = Math.max(300_000, INPUTS_PER_FAMILY * 40);
