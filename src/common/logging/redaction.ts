/** Log fields that may hold credentials; pino replaces them with `[REDACTED]`. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.token',
  '*.access_token',
  '*.refresh_token',
  '*.password',
  '*.secret',
  '*.api_key',
  '*.jwt_secret',
];
