import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const MIN_ROLE = 'auth:min-role';

/** The lowest role allowed to call the route (higher tiers included). */
export const Roles = (minimum: Role): MethodDecorator & ClassDecorator => SetMetadata(MIN_ROLE, minimum);
