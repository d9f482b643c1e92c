import { OAuthError } from '../oauth.errors';
import { presentedClient } from './client-credentials.decorator';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('client authentication on a request', () => {
  it('reads client_secret_basic, form-decoding id and secret', () => {
    expect(presentedClient(basic('app', 'p@ss:word'), {})).toEqual({ method: 'client_secret_basic', clientId: 'app', secret: 'p@ss:word' });
  });

  it('reads client_secret_post and none', () => {
    expect(presentedClient(undefined, { client_id: 'app', client_secret: 's' })).toEqual({ method: 'client_secret_post', clientId: 'app', secret: 's' });
    expect(presentedClient(undefined, { client_id: 'app' })).toEqual({ method: 'none', clientId: 'app', secret: null });
    expect(presentedClient('Bearer x', {})).toBeNull();
  });

  it.each([
    ['two methods at once', basic('app', 's'), { client_secret: 's' }, 'invalid_request'],
    ['a body client_id differing from Basic', basic('app', 's'), { client_id: 'other' }, 'invalid_request'],
    ['a secret without an id', undefined, { client_secret: 's' }, 'invalid_request'],
    ['a repeated client_id', undefined, { client_id: ['a', 'b'] }, 'invalid_request'],
    ['malformed Basic', 'Basic bm9jb2xvbg', {}, 'invalid_client'],
  ])('refuses %s', (_name, header, body, error) => {
    let thrown: unknown;
    try {
      presentedClient(header, body as Record<string, unknown>);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(OAuthError);
    expect((thrown as OAuthError).body.error).toBe(error);
  });
});
