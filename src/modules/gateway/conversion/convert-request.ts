import { ConversionError } from './conversion.error';

/**
 * Runs a pure request converter on the caller's body. The converters trust the shapes the
 * Anthropic and OpenAI formats promise, and the gateway validates only what routing needs, so a
 * malformed message (a null block, content that is neither text nor a list) surfaces as a
 * TypeError inside the converter: that is the caller's input, a 400, never a 5xx.
 * Found by the fuzz tier (test/fuzz/gateway.fuzz-spec.ts).
 */
export function convertRequest<T>(convert: () => T): T {
  try {
    return convert();
  } catch (err) {
    if (err instanceof TypeError) {
      throw new ConversionError('INVALID_MESSAGE', 'messages: malformed message for this route (each message needs a role, and content that is a string or a list of content blocks)');
    }
    throw err;
  }
}
