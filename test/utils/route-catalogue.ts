import type { INestApplication } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../../src/common/auth/public.decorator';
import type { Role } from '../../src/common/auth/roles';
import { MIN_ROLE } from '../../src/common/auth/roles.decorator';
import { REQUIRED_SCOPES } from '../../src/common/auth/scopes.decorator';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

export interface RouteRequirement {
  method: string;
  path: string;
  isPublic: boolean;
  minRole: Role;
  scopes: string[];
  /** Responses that stream (SSE): only their refusals are checked. */
  streams: boolean;
}

/** Every registered route and what it requires, read from the controllers' metadata. */
export function routeCatalogue(app: INestApplication): RouteRequirement[] {
  const reflector = new Reflector();
  const routes: RouteRequirement[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const base = normalise(Reflect.getMetadata('path', controller) as string | string[] | undefined);
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name] as unknown;
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata('path', handler) as string | string[] | undefined;
        const method = Reflect.getMetadata('method', handler) as number | undefined;
        if (path === undefined || method === undefined) continue;
        const targets = [handler as () => unknown, controller];
        routes.push({
          method: METHODS[method]!,
          path: `/${[base, normalise(path)].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1'),
          isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
          minRole: reflector.getAllAndOverride<Role>(MIN_ROLE, targets) ?? 'user',
          scopes: reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES, targets) ?? [],
          streams: Reflect.getMetadata('__sse__', handler) === true || Reflect.getMetadata('sp:streams', handler) === true,
        });
      }
    }
  }
  return routes;
}

function normalise(path: string | string[] | undefined): string {
  const value = Array.isArray(path) ? path[0] : path;
  return (value ?? '').replace(/^\/|\/$/g, '');
}
