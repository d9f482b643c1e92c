import { redirectUriProblem, redirectUriRegistered } from './redirect-uri';

describe('redirect URIs', () => {
  it.each([
    ['https://claude.ai/api/mcp/auth_callback', true],
    ['http://127.0.0.1/callback', true],
    ['http://[::1]:8080/cb', true],
    ['http://localhost:33418/callback', true],
    ['com.example.app:/oauth', true],
    ['http://evil.example.com/cb', false],
    ['https://app.example.com/cb#frag', false],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['myapp:/cb', false],
    ['/relative', false],
  ])('%s may be registered: %s', (uri, ok) => {
    expect(redirectUriProblem(uri) === null).toBe(ok);
  });

  it.each([
    [['https://a.example/cb'], 'https://a.example/cb', true],
    [['https://a.example/cb'], 'https://a.example/cb/', false],
    [['https://a.example/cb'], 'https://a.example:8443/cb', false],
    [['http://127.0.0.1/cb'], 'http://127.0.0.1:51234/cb', true],
    [['http://127.0.0.1:1000/cb'], 'http://127.0.0.1:2000/cb', true],
    [['http://[::1]/cb'], 'http://[::1]:9/cb', true],
    [['http://127.0.0.1/cb'], 'http://127.0.0.1:51234/other', false],
    [['http://127.0.0.1/cb'], 'http://[::1]:51234/cb', false],
    [['http://127.0.0.1/cb'], 'http://user@127.0.0.1:5/cb', false],
  ])('%j accepts %s: %s', (registered, requested, ok) => {
    expect(redirectUriRegistered(registered, requested)).toBe(ok);
  });
});
