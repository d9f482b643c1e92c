import { CLOUD_PROVIDER_DETECTORS } from './cloud-provider.patterns';
import { DEVELOPER_PLATFORM_DETECTORS } from './developer-platform.patterns';
import { highEntropyDetector } from './high-entropy.patterns';
import { MESSAGING_PAYMENT_DETECTORS } from './messaging-payment.patterns';
import type { SecretDetector } from './secret-scan.types';
import { STRUCTURAL_DETECTORS } from './structural-secret.patterns';

/**
 * The detector table. Order matters only as a tie-break between equally specific findings
 * over the same span; specificity (see SecretDetector) decides the rest.
 */
export const SECRET_DETECTORS: readonly SecretDetector[] = [
  ...CLOUD_PROVIDER_DETECTORS,
  ...DEVELOPER_PLATFORM_DETECTORS,
  ...MESSAGING_PAYMENT_DETECTORS,
  ...STRUCTURAL_DETECTORS,
];

/** Every detector, the entropy catch-all last, with its threshold (bits per character). */
export function secretDetectors(entropyThreshold?: number): readonly SecretDetector[] {
  return [...SECRET_DETECTORS, highEntropyDetector(entropyThreshold)];
}

export type { SecretDetector, SecretFinding } from './secret-scan.types';
