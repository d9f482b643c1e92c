// Jest runs in CommonJS mode: NestJS 12, jose and a few fastify helpers are ESM-only, so they
// are down-compiled by SWC (Node 20 cannot require() ESM inside Jest's module system).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
    // The build's .swcrc excludes specs; Jest must compile them.
    swcrc: false,
  },
];
const esmOnly = ['@nestjs', 'jose', 'content-disposition', 'cookie', 'file-type', 'openid-client', 'oauth4webapi', '@simplewebauthn', '@peculiar', '@levischuck', '@hexagon'];
const tiers = {
  unit: ['/src/.*\\.spec\\.ts$', '/examples/.*\\.spec\\.ts$'],
  integration: ['/test/integration/.*\\.int-spec\\.ts$'],
  e2e: ['/test/e2e/.*\\.e2e-spec\\.ts$', '/examples/.*\\.e2e-spec\\.ts$'],
  cluster: ['/test/cluster/.*\\.cluster-spec\\.ts$'],
  fuzz: ['/test/fuzz/.*\\.fuzz-spec\\.ts$'],
};
const selected = process.env.JEST_TIER ? process.env.JEST_TIER.split(',') : ['unit', 'integration', 'e2e', 'fuzz'];
module.exports = {
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: selected.flatMap((t) => tiers[t]),
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(.*/)?(${esmOnly.join("|")})/)`],
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
