/** Migrations contributed by extensions, run after the core's. */
export const EXTENSION_MIGRATIONS = Symbol('EXTENSION_MIGRATIONS');
