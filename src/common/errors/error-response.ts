import { STATUS_CODES } from 'node:http';

/** The REST error shape of the contract: `{statusCode, error, message, trace_id}`. */
export interface RestErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  trace_id: string;
}

export function restErrorBody(status: number, message: string | string[], traceId: string): RestErrorBody {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, trace_id: traceId };
}
