import type { ShapedError } from '../../common/errors/http-error.filter';
import type { GovernanceDecision, GovernanceDenial } from './governance.types';

/** A denial on an HTTP tool-call surface: 403 (429 for rate limits) with the decision body. */
export function denialResponse(decision: GovernanceDecision, denial: GovernanceDenial): ShapedError {
  const headers: Record<string, string> = denial.retryAfterSeconds ? { 'retry-after': String(denial.retryAfterSeconds) } : {};
  return { status: denial.status, body: { ...decision }, headers };
}
