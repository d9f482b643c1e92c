import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROOT } from '../../utils/built-dist';
import type { TestApp } from '../../utils/test-app';
import { describeRequest, type FuzzRequest } from './arbitraries';
import { contractProblem, type Surface } from './contract-shapes';

/**
 * Runs generated requests against one app and checks each response against the contract.
 * Requests go through Fastify's in-process injection, several at a time per property run (the
 * app answers concurrent clients in production too), from a documentation address so the
 * failed-authentication counter of a shared Redis never blocks other suites.
 */

const FUZZ_SOURCE = '192.0.2.77';
/** Every request is answered (or refused) promptly: a hang is a failure like a 5xx. */
const ANSWER_WITHIN_MS = 15_000;
const COUNTS_FILE = join(ROOT, 'test-output', 'fuzz-counts.jsonl');

/** `FUZZ_COLLECT=1`: report every distinct problem instead of stopping at the first (for triage). */
const COLLECT = process.env.FUZZ_COLLECT === '1';
const collected = new Set<string>();
function collect(problem: string): void {
  const [what, , response] = problem.split('\n');
  const key = `${what} ${response?.replace(/[0-9a-f-]{36}/g, '').slice(0, 160)}`;
  if (collected.has(key)) return;
  collected.add(key);
  process.stdout.write(`\nFUZZ PROBLEM ${problem}\n`);
}

export interface FamilyRun {
  family: string;
  surface: Surface;
  requests: fc.Arbitrary<FuzzRequest>;
  /** Generated inputs to try in total (rounded up to whole batches). */
  inputs: number;
  /** Requests sent concurrently in one property run. */
  batch?: number;
  /** Extra per-response checks (e.g. "the upstream was never called with this"). */
  check?: (request: FuzzRequest, response: { statusCode: number; body: string; headers: Record<string, unknown> }) => string | null;
  /** The endpoint a request is counted under (default: method and path); ids and names folded. */
  endpointOf?: (request: FuzzRequest) => string;
}

/** `FUZZ_SEED=<n>` replays a run (fast-check prints the seed of a failing one). */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

export interface FuzzTally {
  /** Requests sent per family. */
  readonly counts: Map<string, number>;
  /** Wall time per family, milliseconds. */
  readonly elapsed: Map<string, number>;
  /** Statuses seen per family, for the report (how deep did the inputs get?). */
  readonly statuses: Map<string, Map<number, number>>;
  /** Requests per endpoint within each family, and how many carried a query string. */
  readonly endpoints: Map<string, Map<string, number>>;
  readonly withQuery: Map<string, number>;
}

export function createTally(): FuzzTally {
  return { counts: new Map(), elapsed: new Map(), statuses: new Map(), endpoints: new Map(), withQuery: new Map() };
}

const bump = <K>(map: Map<K, number>, key: K, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

function requestText(request: FuzzRequest): string {
  const payload = request.payload === undefined ? '' : request.payload.toString();
  return `${request.url}\n${Object.values(request.headers).join('\n')}\n${payload}`;
}

/** Sends one request; a problem is returned as a message naming the request and the response. */
async function probe(t: TestApp, run: FamilyRun, tally: FuzzTally, request: FuzzRequest): Promise<string | null> {
  const injected = t.inject({ method: request.method, url: request.url, headers: request.headers, payload: request.payload, remoteAddress: FUZZ_SOURCE });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ANSWER_WITHIN_MS);
  });
  const res = await Promise.race([injected, deadline]).finally(() => clearTimeout(timer));
  if (res === null) return `no response within ${ANSWER_WITHIN_MS} ms\n  request:  ${describeRequest(request)}`;
  bump(tally.statuses.get(run.family)!, res.statusCode);
  const observed = { method: request.method, url: request.url, statusCode: res.statusCode, headers: res.headers, body: res.body };
  const problem = contractProblem(run.surface, observed, requestText(request)) ?? run.check?.(request, res) ?? null;
  return problem ? `${problem}\n  request:  ${describeRequest(request)}\n  response: ${res.statusCode} ${res.body.slice(0, 500)}` : null;
}

/**
 * The property of one endpoint family: for every generated request, no 5xx, a JSON (or SSE)
 * body in the surface's error shape, no stack trace; and the app still healthy afterwards.
 */
export async function fuzzFamily(t: TestApp, run: FamilyRun, tally: FuzzTally): Promise<void> {
  const batch = run.batch ?? 8;
  const numRuns = Math.ceil(run.inputs / batch);
  bump(tally.counts, run.family, 0);
  if (!tally.statuses.has(run.family)) tally.statuses.set(run.family, new Map());
  if (!tally.endpoints.has(run.family)) tally.endpoints.set(run.family, new Map());
  const endpointOf = run.endpointOf ?? ((r: FuzzRequest) => `${r.method} ${r.url.split('?')[0]}`);
  let runs = 0;
  const started = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(run.requests, { minLength: batch, maxLength: batch }), async (requests) => {
        bump(tally.counts, run.family, requests.length);
        for (const r of requests) {
          bump(tally.endpoints.get(run.family)!, endpointOf(r));
          if (/\?./.test(r.url)) bump(tally.withQuery, run.family);
        }
        const problems = (await Promise.all(requests.map((r) => probe(t, run, tally, r)))).filter((p): p is string => p !== null);
        if (problems.length > 0 && COLLECT) return void problems.forEach(collect);
        if (problems.length > 0) throw new Error(problems[0]);
        if (++runs % 100 === 0) await expectHealthy(t);
      }),
      { numRuns, seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== '1' },
    );
  } finally {
    tally.elapsed.set(run.family, Date.now() - started);
  }
  if (COLLECT && collected.size > 0) throw new Error(`${collected.size} distinct problem(s), printed above`);
  await expectHealthy(t);
}

export async function expectHealthy(t: TestApp): Promise<void> {
  const res = await t.inject({ method: 'GET', url: '/health' });
  if (res.statusCode !== 200) throw new Error(`GET /health answered ${res.statusCode} after fuzzing: ${res.body.slice(0, 300)}`);
}

/**
 * Prints one line per family (inputs tried, how many were answered 5xx, time, inputs per
 * endpoint, statuses met), and appends the same to test-output/fuzz-counts.jsonl so a whole
 * run can be summed and quoted.
 */
export function reportTally(file: string, tally: FuzzTally): void {
  mkdirSync(join(ROOT, 'test-output'), { recursive: true });
  const lines: string[] = [];
  for (const [family, inputs] of tally.counts) {
    const seen = [...(tally.statuses.get(family) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
    const statuses = Object.fromEntries(seen);
    const fiveHundreds = seen.filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
    const endpoints = Object.fromEntries([...(tally.endpoints.get(family) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]));
    const withQuery = tally.withQuery.get(family) ?? 0;
    const seconds = Math.round((tally.elapsed.get(family) ?? 0) / 1000);
    lines.push(`fuzz ${family}: ${inputs} inputs, ${fiveHundreds} 5xx, ${seconds} s; ${withQuery} with a query string; by endpoint ${JSON.stringify(endpoints)}; statuses ${JSON.stringify(statuses)}`);
    appendFileSync(COUNTS_FILE, `${JSON.stringify({ file, family, inputs, fiveHundreds, seconds, withQuery, endpoints, statuses, at: new Date().toISOString() })}\n`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n`);
}

/** Unhandled rejections would stop a production process (Node's default): none may occur. */
export function watchUnhandledRejections(): { readonly errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const listener = (reason: unknown) => errors.push(reason);
  process.on('unhandledRejection', listener);
  return { errors, stop: () => process.off('unhandledRejection', listener) };
}
