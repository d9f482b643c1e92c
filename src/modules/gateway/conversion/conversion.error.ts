import { DomainError } from '../../../common/errors/domain.error';

/** Why a converter refused an input: each code names a shape the target format cannot carry. */
export type ConversionErrorCode =
  | 'UNSUPPORTED_PARAMETER'
  | 'UNSUPPORTED_CONTENT'
  | 'UNSUPPORTED_TOOL'
  | 'UNKNOWN_TOOL_USE_ID'
  | 'INVALID_MESSAGE';

/** Every code is the caller's input, never an upstream fault, so all map to 400. */
export const CONVERSION_ERROR_STATUS = {
  UNSUPPORTED_PARAMETER: 400,
  UNSUPPORTED_CONTENT: 400,
  UNSUPPORTED_TOOL: 400,
  UNKNOWN_TOOL_USE_ID: 400,
  INVALID_MESSAGE: 400,
} as const satisfies Record<ConversionErrorCode, number>;

/** Thrown by a pure converter for an input it cannot represent; converters never throw on upstream output. */
export class ConversionError extends DomainError<ConversionErrorCode> {
  get status(): number {
    return CONVERSION_ERROR_STATUS[this.code];
  }
}
