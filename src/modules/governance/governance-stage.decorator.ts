import { SetMetadata } from '@nestjs/common';

export const GOVERNANCE_STAGE_TAG = 'sp:governance-stage';

/**
 * Contributes a governance stage from any module (an extension's own check). Contributed
 * stages run after the profile's `governance.order`, in registration order.
 */
export const GovernanceStageProvider = (): ClassDecorator => SetMetadata(GOVERNANCE_STAGE_TAG, true);
