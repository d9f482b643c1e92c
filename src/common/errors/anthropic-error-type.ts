/** Anthropic's error `type` for an HTTP status, as used on every `/v1/*` error. */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

export interface AnthropicErrorBody extends Record<string, unknown> {
  type: 'error';
  error: { type: string; message: string };
}

export function anthropicErrorBody(status: number, message: string, type?: string): AnthropicErrorBody {
  return { type: 'error', error: { type: type ?? anthropicErrorType(status), message } };
}
