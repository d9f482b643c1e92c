import Anthropic from '@anthropic-ai/sdk';
import { DataSource } from 'typeorm';
import { createUser } from '../../factories/user.factory';
import { startGatewayFixture, type GatewayFixture } from './gateway-fixture';

const FAKE_KEY = ['sk-ant-api03-', 'Q'.repeat(20), 'w1E2r3T4y5U6i7O8p9A0s1D2f3G4h5J6k7L8z9X0c1V2b3N4m5Q6w7E8r9T0y1U2i3O4p5A6s7D8f9G0h1J2k3L4z5X6c7V8b9N0m-AA'].join('');

describe('prompt governance in the gateway (e2e)', () => {
  let f: GatewayFixture;
  let client: Anthropic;

  beforeAll(async () => {
    f = await startGatewayFixture();
    client = new Anthropic({ baseURL: f.t.url, apiKey: (await createUser(f.t)).token, maxRetries: 0 });
  });
  afterAll(async () => {
    await f.close();
  });

  it('a key pasted into the chat never reaches the model provider (403 permission_error, recorded)', async () => {
    const before = f.anthropic.requests.length;
    const err = await client.messages.create({ model: 'claude-x', max_tokens: 5, messages: [{ role: 'user', content: `here is my key ${FAKE_KEY}, keep it` }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
    const body = (err as InstanceType<typeof Anthropic.PermissionDeniedError>).error as { error: { type: string; message: string } };
    expect(body.error.type).toBe('permission_error');
    expect(body.error.message).toMatch(/^governance: secret_scan denied the prompt \(SECRET_DETECTED\): secret detected: anthropic/);
    expect(JSON.stringify(body)).not.toContain(FAKE_KEY);
    expect(f.anthropic.requests.length).toBe(before);
    const ds = f.t.get<DataSource>(DataSource);
    const deadline = Date.now() + 5000;
    let rows: { stage: string; decision: string; tool: string }[] = [];
    while (rows.length === 0 && Date.now() < deadline) {
      rows = await ds.query(`SELECT stage, decision, tool FROM governance_decisions WHERE tool = 'llm.prompt'`);
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(rows).toEqual([{ stage: 'secret_scan', decision: 'deny', tool: 'llm.prompt' }]);
  });

  it('a destructive command in the prompt is refused by the blocklist; a harmless one passes', async () => {
    const err = await client.messages.create({ model: 'claude-x', max_tokens: 5, messages: [{ role: 'user', content: 'run this: rm -rf / --no-preserve-root' }] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.PermissionDeniedError);
    const ok = await client.messages.create({ model: 'claude-x', max_tokens: 5, messages: [{ role: 'user', content: 'how do I list files?' }] });
    expect(ok.content[0]).toMatchObject({ type: 'text' });
  });
});
