import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../src/server/serve-config';
import { clusterlab } from './cli';
import { InstructorClient, startTeamServer, tempDir } from './helpers';

describe('serve settings', () => {
  it('takes defaults, then the config file, then the environment', () => {
    expect(loadConfig({})).toEqual({ ...defaultConfig(), siteDir: resolve(defaultConfig().siteDir) });
    const file = join(tempDir(), 'clusterlab.json');
    writeFileSync(file, JSON.stringify({ port: 9000, teamMode: true, databaseUrl: 'sqlite:/var/lib/clusterlab/team.db', siteDir: 'site', runtime: 'webcontainer' }));
    const config = loadConfig({ CLUSTERLAB_CONFIG: file, PORT: '9100', TEAM_MODE: 'off', WEBCONTAINER_API_KEY: 'wc_api_x', TRUST_PROXY: 'yes' });
    expect(config).toMatchObject({ port: 9100, teamMode: false, databaseUrl: 'sqlite:/var/lib/clusterlab/team.db', siteDir: resolve('site'), runtime: 'webcontainer', webcontainerApiKey: 'wc_api_x', trustProxy: true });
    expect(loadConfig({ LRS_ENDPOINT: 'https://lrs.example.org/xapi', LRS_USERNAME: 'k', LRS_PASSWORD: 's' }).lrs).toEqual({ endpoint: 'https://lrs.example.org/xapi', username: 'k', password: 's' });
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ CLUSTERLAB_RUNTIME: 'turbo' })).toThrow(/^invalid setting runtime: /);
    expect(() => loadConfig({ TEAM_MODE: 'maybe' })).toThrow('invalid setting teamMode: Invalid input: expected boolean, received string');
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^invalid setting port: /);
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ prot: 80 }));
    expect(() => loadConfig({ CLUSTERLAB_CONFIG: file })).toThrow(/^invalid setting \(config\): Unrecognized key: "prot"$/);
    expect(() => loadConfig({ CLUSTERLAB_CONFIG: join(tempDir(), 'missing.json') })).toThrow(/^cannot read config file .*missing\.json: ENOENT/);
  });

  it('makes clusterlab serve exit 2 with the message', async () => {
    expect(await clusterlab(['serve', '--port', '0'], { CLUSTERLAB_RUNTIME: 'turbo' })).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^clusterlab: invalid setting runtime: /) as unknown });
  });
});

describe('behind a proxy', () => {
  it('marks cookies Secure when the site URL is https', async () => {
    const server = await startTeamServer({ siteUrl: 'https://course.example.org' });
    try {
      await server.store.addInstructor('ana@example.org', 'correct horse battery');
      const who = new InstructorClient(server.url);
      await who.login('ana@example.org', 'correct horse battery');
      expect(who.lastSetCookie.every((c) => c.endsWith('; Secure'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('rate-limits by X-Forwarded-For only when told to trust the proxy', async () => {
    const limits = { ipBurst: 1, ipPerSecond: 0, tokenBurst: 100, tokenPerSecond: 0 };
    const statuses = async (url: string) => {
      const get = (ip: string) => fetch(`${url}/api/team/session`, { headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } }).then((r) => r.status);
      return [await get('198.51.100.1'), await get('198.51.100.2'), await get('198.51.100.1')];
    };
    const proxied = await startTeamServer({ rateLimit: limits, trustProxy: true });
    const direct = await startTeamServer({ rateLimit: limits });
    try {
      expect(await statuses(proxied.url)).toEqual([401, 401, 429]);
      expect(await statuses(direct.url)).toEqual([401, 429, 429]);
    } finally {
      await Promise.all([proxied.close(), direct.close()]);
    }
  });
});
