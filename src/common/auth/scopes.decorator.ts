import { SetMetadata } from '@nestjs/common';
import type { KnownScope } from './scopes';

export const REQUIRED_SCOPES = 'auth:scopes';

/** Scopes a scoped token must carry to call the route (all of them). */
export const Scopes = (...scopes: KnownScope[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopes);
