/** JSON-RPC 2.0 and A2A error codes, and the error object the agent surface answers with. */
export const JSON_RPC_ERRORS = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  TASK_NOT_FOUND: -32001,
  TASK_NOT_CANCELABLE: -32002,
  UNSUPPORTED_OPERATION: -32004,
  CONTENT_TYPE_NOT_SUPPORTED: -32005,
  ACCESS_DENIED: -32003,
} as const;

export type JsonRpcErrorCode = keyof typeof JSON_RPC_ERRORS;

export class JsonRpcError extends Error {
  constructor(
    readonly code: JsonRpcErrorCode,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
  }

  toJson(id: string | number | null) {
    return { jsonrpc: '2.0' as const, id, error: { code: JSON_RPC_ERRORS[this.code], message: this.message, ...(this.data === undefined ? {} : { data: this.data }) } };
  }
}
