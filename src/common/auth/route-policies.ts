import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from './public.decorator';
import type { Role } from './roles';
import { MIN_ROLE } from './roles.decorator';
import { REQUIRED_SCOPES } from './scopes.decorator';

/** What a route asks of its caller, from its handler's and its controller's decorators. */
export interface RoutePolicy {
  readonly isPublic: boolean;
  readonly minRole: Role;
  readonly scopes: readonly string[];
}

/**
 * Route policies read once per (handler, controller) and then kept: decorator metadata never
 * changes after start, and every `Reflect.getMetadata` call of the polyfill leaves garbage that
 * outlives a young-generation GC (three per request were most of what the GC copied).
 */
export class RoutePolicies {
  private readonly byHandler = new WeakMap<object, WeakMap<object, RoutePolicy>>();

  constructor(private readonly reflector: Reflector) {}

  of(handler: object, controller: object): RoutePolicy {
    let byController = this.byHandler.get(handler);
    if (!byController) this.byHandler.set(handler, (byController = new WeakMap()));
    let policy = byController.get(controller);
    if (!policy) byController.set(controller, (policy = this.read(handler, controller)));
    return policy;
  }

  private read(handler: object, controller: object): RoutePolicy {
    const targets = [handler, controller] as Parameters<Reflector['getAllAndOverride']>[1];
    return {
      isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
      minRole: this.reflector.getAllAndOverride<Role>(MIN_ROLE, targets) ?? 'user',
      scopes: this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES, targets) ?? [],
    };
  }
}
