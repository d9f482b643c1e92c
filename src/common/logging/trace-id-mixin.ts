import { ClsServiceManager } from 'nestjs-cls';

/** pino mixin: the current request's trace id on every line written while serving it. */
export function traceIdOfCurrentRequest(): Record<string, string> {
  const cls = ClsServiceManager.getClsService();
  const id = cls.isActive() ? (cls.getId() as string | undefined) : undefined;
  return id ? { trace_id: id } : {};
}
