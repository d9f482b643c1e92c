/**
 * Surfaces with their own error wire format (JSON-RPC endpoints) register a renderer here; the
 * global filter uses it for errors raised before their handler runs (e.g. unparseable JSON).
 */
export interface ErrorSurface {
  matches(method: string, url: string): boolean;
  render(status: number, message: string): { status: number; body: Record<string, unknown> };
}

const surfaces: ErrorSurface[] = [];

export function registerErrorSurface(surface: ErrorSurface): void {
  surfaces.push(surface);
}

export function errorSurfaceFor(method: string, url: string): ErrorSurface | null {
  return surfaces.find((s) => s.matches(method, url)) ?? null;
}

/** JSON-RPC 2.0 rendering: bad JSON is -32700, other client errors -32600. */
export function jsonRpcSurface(pattern: RegExp): ErrorSurface {
  return {
    matches: (method, url) => method === 'POST' && pattern.test(url.split('?')[0]!),
    render: (status, message) => ({
      status: status === 415 ? 415 : 200,
      body: { jsonrpc: '2.0', id: null, error: { code: /JSON/i.test(message) && status === 400 ? -32700 : -32600, message } },
    }),
  };
}
