import { resolveCoworkPaths } from './cowork-paths.provider';

describe('resolveCoworkPaths', () => {
  it.each([
    ['linux', {}, '/home/u', '/home/u/.config/systemprompt/cowork.toml', '/home/u/.cache/systemprompt/cowork-token.json'],
    ['linux', { XDG_CONFIG_HOME: '/x/cfg', XDG_CACHE_HOME: '/x/cache' }, '/home/u', '/x/cfg/systemprompt/cowork.toml', '/x/cache/systemprompt/cowork-token.json'],
    ['linux', { XDG_CONFIG_HOME: 'relative', XDG_CACHE_HOME: '' }, '/home/u', '/home/u/.config/systemprompt/cowork.toml', '/home/u/.cache/systemprompt/cowork-token.json'],
    ['freebsd', {}, '/home/u', '/home/u/.config/systemprompt/cowork.toml', '/home/u/.cache/systemprompt/cowork-token.json'],
    [
      'darwin',
      { XDG_CONFIG_HOME: '/ignored' },
      '/Users/u',
      '/Users/u/Library/Application Support/systemprompt/cowork.toml',
      '/Users/u/Library/Caches/systemprompt/cowork-token.json',
    ],
    [
      'win32',
      { APPDATA: 'C:\\Users\\u\\AppData\\Roaming', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' },
      'C:\\Users\\u',
      'C:\\Users\\u\\AppData\\Roaming\\systemprompt\\cowork.toml',
      'C:\\Users\\u\\AppData\\Local\\systemprompt\\cowork-token.json',
    ],
    ['win32', {}, 'C:\\Users\\u', 'C:\\Users\\u\\AppData\\Roaming\\systemprompt\\cowork.toml', 'C:\\Users\\u\\AppData\\Local\\systemprompt\\cowork-token.json'],
  ] as const)('%s %j', (platform, env, home, configFile, cacheFile) => {
    expect(resolveCoworkPaths({ platform, env, home })).toEqual({ configFile, configExplicit: false, cacheFile });
  });

  it('SP_COWORK_CONFIG names the file explicitly', () => {
    const paths = resolveCoworkPaths({ platform: 'linux', env: { SP_COWORK_CONFIG: '/etc/sp/cowork.toml' }, home: '/home/u' });
    expect(paths).toMatchObject({ configFile: '/etc/sp/cowork.toml', configExplicit: true });
  });
});
