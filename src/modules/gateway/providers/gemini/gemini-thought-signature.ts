/**
 * A Gemini thought signature rides to the client inside an Anthropic thinking block's `signature`
 * and comes back with the conversation history. The prefix tells it apart from a real Anthropic
 * signature, which Gemini would reject as corrupted.
 */
export const GEMINI_SIGNATURE_PREFIX = 'gemini:';

export function signatureForAnthropic(thoughtSignature: string): string {
  return `${GEMINI_SIGNATURE_PREFIX}${thoughtSignature}`;
}

/** The Gemini signature inside an Anthropic one, or undefined when it came from another provider. */
export function signatureForGemini(signature: string): string | undefined {
  return signature.startsWith(GEMINI_SIGNATURE_PREFIX) ? signature.slice(GEMINI_SIGNATURE_PREFIX.length) : undefined;
}
