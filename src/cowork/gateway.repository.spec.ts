import { describeResponse } from './gateway.repository';

describe('describeResponse', () => {
  it.each([
    [501, { error: 'not_implemented', message: 'mtls is not available yet' }, 'HTTP 501: not_implemented: mtls is not available yet'],
    [401, { type: 'error', error: { type: 'authentication_error', message: 'invalid token' } }, 'HTTP 401: authentication_error: invalid token'],
    [404, { statusCode: 404, error: 'Not Found', message: 'Cannot POST /x', trace_id: 't' }, 'HTTP 404: Not Found: Cannot POST /x'],
    [502, '<html>\n  bad gateway\n</html>', 'HTTP 502: <html> bad gateway </html>'],
    [500, '', 'HTTP 500'],
    [500, [1, 2], 'HTTP 500'],
  ])('%d %j', (status, body, expected) => {
    expect(describeResponse({ status, body })).toBe(expected);
  });
});
