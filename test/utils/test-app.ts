import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { SystempromptModule, type SystempromptModuleOptions } from '../../src/app.module';
import { generatePat } from '../../src/common/auth/personal-access-token';
import { configureApp } from '../../src/common/http/configure-app';
import { createFastifyAdapter } from '../../src/common/http/fastify-adapter.factory';
import { createTestDatabase, redisUrlForTests, type TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';

export interface TestAppOptions {
  /** Extra profile YAML appended to the base test profile (top-level sections). */
  profile?: string;
  env?: Record<string, string | undefined>;
  /** Use the suite's Redis (REDIS_URL) when available. Default true. */
  redis?: boolean;
  /** Share an existing database (two instances on one database). */
  database?: TestDatabase;
  extensions?: SystempromptModuleOptions['extensions'];
  /** Listen on a real loopback port (for SDK clients). */
  listen?: boolean;
  /** Write these files under the services folder before start (relative path → content). */
  services?: Record<string, string>;
  /** The first admin's PAT (SYSTEMPROMPT_ADMIN_PAT); generated when absent. */
  adminToken?: string;
  /** Capture JSON log lines (sets log_level to info unless the profile says otherwise). */
  logDestination?: { write(line: string): unknown };
}

export interface TestApp {
  app: NestFastifyApplication;
  database: TestDatabase;
  dir: string;
  /** Base URL when `listen` was set. */
  url: string;
  /** The bootstrap admin's personal access token. */
  adminToken: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  get<T>(token: unknown): T;
  close(): Promise<void>;
}

function baseProfile(dir: string, logLevel: string, port: number): string {
  return `server:
  host: 127.0.0.1
  port: ${port}
paths:
  services: ${join(dir, 'services')}
  data: ${join(dir, 'data')}
secrets:
  source: env
  validation: strict
runtime:
  log_level: ${logLevel}
`;
}

/** Boots the whole application exactly as `main.ts` does, on a database of its own. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-test-'));
  for (const [file, content] of Object.entries(options.services ?? {})) {
    const path = join(dir, 'services', file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  const ownsDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  // A real port chosen up front, so the public URL in cards and metadata is the one clients use.
  const port = options.listen ? await freePort() : 0;
  // Suites share one Redis and one source address: failed-login counting would let one suite's
  // deliberate bad tokens lock out another's, so it is relaxed unless a test sets it itself.
  const relaxedLogins = options.profile?.includes('security:') ? '' : 'security:\n  auth_failures_per_minute: 1000000\n';
  const profileText = `${baseProfile(dir, options.logDestination ? 'debug' : 'silent', port)}${relaxedLogins}${options.profile ?? ''}`;
  writeFileSync(join(dir, 'profile.yaml'), profileText);
  const useRedis = options.redis ?? true;
  const adminToken = options.adminToken ?? generatePat().token;
  const env = {
    SYSTEMPROMPT_ADMIN_PAT: adminToken,
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: database.url,
    REDIS_URL: useRedis ? redisUrlForTests() : undefined,
    ...options.env,
  };
  const policy = { trustProxy: false, bodyLimit: 1024 * 1024 };
  const app = await NestFactory.create<NestFastifyApplication>(
    SystempromptModule.forRoot({ profilePath: join(dir, 'profile.yaml'), env, extensions: options.extensions, logDestination: options.logDestination }),
    createFastifyAdapter(policy),
    { logger: false, abortOnError: false, rawBody: true },
  );
  await configureApp(app, policy);
  let url = '';
  if (options.listen) {
    await app.listen({ port, host: '127.0.0.1' });
    url = await app.getUrl();
    url = url.replace('[::1]', '127.0.0.1');
  }
  return {
    app,
    database,
    dir,
    url,
    adminToken,
    inject: (o) => app.getHttpAdapter().getInstance().inject(o),
    get: <T>(token: unknown) => app.get<T>(token as never),
    async close() {
      await app.close();
      if (ownsDatabase) await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
