/** A profile route with its secret resolved: what an upstream needs to make one call. */
export interface ResolvedRoute {
  name: string;
  modelPattern: string;
  provider: string;
  endpoint: string;
  /** null when the route names no secret, or the secret is not configured. */
  apiKey: string | null;
  apiKeySecret: string | null;
  upstreamModel: string | null;
  extraHeaders: Readonly<Record<string, string>>;
  fallbacks: readonly string[];
  timeoutMs: number;
  maxRetries: number;
}
