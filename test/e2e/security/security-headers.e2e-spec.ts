import { bearer } from '../../factories/user.factory';
import { createTestApp, type TestApp } from '../../utils/test-app';

/** The CSP directives of a header, by name. */
function csp(header: unknown): Record<string, string[]> {
  return Object.fromEntries(
    String(header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name!, values]),
  );
}

/**
 * Security headers (`@fastify/helmet`) on every response: JSON, errors, streams and pages, with
 * the page-specific policies (dashboard, OAuth pages) kept as their routes set them.
 */
describe('security headers (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ redis: false });
  });
  afterAll(async () => {
    await t.close();
  });

  const baseline = {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-permitted-cross-domain-policies': 'none',
  };

  it.each([
    ['a JSON answer', { method: 'GET' as const, url: '/api/v1/users/me', auth: true }],
    ['a REST error', { method: 'GET' as const, url: '/api/v1/users/me', auth: false }],
    ['an Anthropic error', { method: 'POST' as const, url: '/v1/messages', auth: false }],
    ['a 404', { method: 'GET' as const, url: '/nothing', auth: false }],
    ['the OpenAPI document', { method: 'GET' as const, url: '/docs/openapi.json', auth: false }],
  ])('%s carries the baseline headers and a locked-down CSP', async (_name, req) => {
    const res = await t.inject({ method: req.method, url: req.url, headers: req.auth ? bearer(t.adminToken) : {} });
    expect(res.headers).toMatchObject(baseline);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy).not.toHaveProperty('upgrade-insecure-requests');
    expect(res.headers).not.toHaveProperty('x-powered-by');
  });

  it('Swagger UI gets what it needs and nothing more: scripts from here, inline styles, data: images', async () => {
    const res = await t.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:']);
    expect(policy['connect-src']).toEqual(["'self'"]);
    // Its page has no inline script that the policy would block (the browser test renders it).
    expect(res.body).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  it('the dashboard keeps its own stricter policy, scripts only from this origin', async () => {
    const res = await t.inject({ method: 'GET', url: '/dashboard' });
    expect(res.statusCode).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy['default-src']).toEqual(["'none'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
  });

  it('the OAuth pages keep their nonce-based policy', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/oauth/authorize?client_id=unknown&response_type=code' });
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy['script-src']?.[0]).toMatch(/^'nonce-/);
    expect(policy['style-src']?.[0]).toMatch(/^'nonce-/);
  });
});
