import type { AppConfig } from '../../bootstrap/config/app-config';
import { OauthSettings } from './oauth-settings.provider';

function config(oauth: Partial<AppConfig['oauth']>, custom: Record<string, string> = {}): AppConfig {
  return {
    profileFile: '/etc/sp/profile.yaml',
    publicUrl: 'https://gw.example.com',
    site: { name: 'Acme AI' },
    security: { jwt_issuer: 'systemprompt', jwt_audiences: ['systemprompt'], jwt_access_token_expiration: 3600, jwt_refresh_token_expiration: 86400, auth_failures_per_minute: 20 },
    secrets: { jwt_secret: 'x'.repeat(40), database_url: '', custom },
    oauth: { code_ttl_seconds: 60, session_ttl_seconds: 100, enrolment_ttl_seconds: 100, cowork_token_ttl_seconds: 3600, default_scope: 'openid', ...oauth },
  } as unknown as AppConfig;
}

describe('OauthSettings', () => {
  it('derives the issuer, MCP resource and relying party from the public URL', () => {
    const s = new OauthSettings(config({}));
    expect(s.issuer).toBe('https://gw.example.com');
    expect(s.mcpResource).toBe('https://gw.example.com/api/v1/mcp');
    expect(s.endpoint('token')).toBe('https://gw.example.com/api/v1/oauth/token');
    expect([s.rpId, s.origin, s.secureCookies, s.registrationToken]).toEqual(['gw.example.com', 'https://gw.example.com', true, null]);
  });

  it('lets oauth.issuer override the public URL', () => {
    const s = new OauthSettings(config({ issuer: 'http://localhost:8080/' }));
    expect([s.issuer, s.rpId, s.secureCookies]).toEqual(['http://localhost:8080', 'localhost', false]);
  });

  it('reads the initial access token from the named custom secret', () => {
    expect(new OauthSettings(config({ registration_token_secret: 'dcr' }, { dcr: 'tok' })).registrationToken).toBe('tok');
  });

  it('refuses to start when the named secret is not set, naming the field and the variable', () => {
    expect(() => new OauthSettings(config({ registration_token_secret: 'missing_one' }))).toThrow(
      "Bootstrap failed at stage config: /etc/sp/profile.yaml: oauth.registration_token_secret: names secret 'missing_one', which is not set (SYSTEMPROMPT_SECRET_MISSING_ONE)",
    );
  });
});
