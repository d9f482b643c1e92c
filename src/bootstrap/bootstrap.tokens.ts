/** Injection tokens of the five bootstrap stages, in the order they resolve. */
export const BOOTSTRAP_OPTIONS = Symbol('BOOTSTRAP_OPTIONS');
export const PROFILE = Symbol('PROFILE');
export const SECRETS = Symbol('SECRETS');
export const CREDENTIALS = Symbol('CREDENTIALS');
export const APP_CONFIG = Symbol('APP_CONFIG');
export const APP_CONTEXT = Symbol('APP_CONTEXT');
/** The shared ioredis connection, or null when no `redis_url` is configured. */
export const REDIS = Symbol('REDIS');
