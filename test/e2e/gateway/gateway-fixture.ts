import { startMockAnthropic } from '../../mocks/mock-anthropic';
import { startMockGemini } from '../../mocks/mock-gemini';
import { startMockOpenAi } from '../../mocks/mock-openai';
import type { MockServer } from '../../mocks/mock-server';
import { createTestApp, type TestApp, type TestAppOptions } from '../../utils/test-app';

export const UPSTREAM_KEYS = { anthropic: 'upstream-anthropic-key', openai: 'upstream-openai-key', gemini: 'upstream-gemini-key' };

export interface GatewayFixture {
  t: TestApp;
  anthropic: MockServer;
  openai: MockServer;
  gemini: MockServer;
  close(): Promise<void>;
}

/** The app with routes to three real mock upstreams on 127.0.0.1. */
export async function startGatewayFixture(extra: { profile?: string } & Partial<TestAppOptions> = {}): Promise<GatewayFixture> {
  const [anthropic, openai, gemini] = await Promise.all([startMockAnthropic(), startMockOpenAi(), startMockGemini()]);
  const profile = `gateway:
  routes:
    - { name: flaky, model_pattern: "flaky-*", provider: anthropic, endpoint: "${anthropic.url}/v1", api_key_secret: anthropic, upstream_model: "claude-overloaded", max_retries: 1, fallbacks: [claude] }
    - { name: claude, model_pattern: "claude-*", provider: anthropic, endpoint: "${anthropic.url}/v1", api_key_secret: anthropic }
    - { model_pattern: "renamed-*", provider: anthropic, endpoint: "${anthropic.url}/v1", api_key_secret: anthropic, upstream_model: "claude-upstream-name", extra_headers: { x-extra: "yes" } }
    - { model_pattern: "gpt-*", provider: openai, endpoint: "${openai.url}/v1", api_key_secret: openai }
    - { model_pattern: "gemini-*", provider: gemini, endpoint: "${gemini.url}/v1beta", api_key_secret: gemini }
    - { model_pattern: "nokey-*", provider: openai, endpoint: "${openai.url}/v1", api_key_secret: missing_secret }
  pricing:
    - { model_pattern: "claude-*", input: 3.0, output: 15.0, cache_read: 0.3, cache_write: 3.75 }
    - { model_pattern: "gpt-*", input: 2.5, output: 10.0, cache_read: 1.25 }
${extra.profile ?? ''}`;
  const t = await createTestApp({
    listen: true,
    ...extra,
    profile,
    env: { ANTHROPIC_API_KEY: UPSTREAM_KEYS.anthropic, OPENAI_API_KEY: UPSTREAM_KEYS.openai, GEMINI_API_KEY: UPSTREAM_KEYS.gemini, ...extra.env },
  });
  return {
    t,
    anthropic,
    openai,
    gemini,
    async close() {
      await t.close();
      await Promise.all([anthropic.close(), openai.close(), gemini.close()]);
    },
  };
}
