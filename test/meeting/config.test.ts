import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('Meeting media configuration', () => {
  it('no JANUS_URLS: none (npm start launches a local Janus when installed)', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).meeting).toMatchObject({ guestJoinsPerMinute: 20, janusUrls: [], janusPublicUrls: [], janusBin: 'janus', iceEnforceList: [], janusAdminKey: undefined, publicIp: undefined, rtpPorts: undefined });
  });
  it('several instances, their public addresses in the same order, the NAT settings', () => {
    const m = loadConfig({
      NODE_ENV: 'test',
      JANUS_URLS: 'http://10.0.0.5:8088/janus/, http://10.0.0.6:8088/janus',
      JANUS_PUBLIC_URLS: 'https://j1.meet.example/janus,https://j2.meet.example/janus',
      JANUS_ADMIN_KEY: 'room-admin-key',
      JANUS_ICE_ENFORCE_LIST: 'eth1,10.0.',
      JANUS_PUBLIC_IP: '203.0.113.7',
      JANUS_RTP_PORTS: '20000-40000',
    }).meeting;
    expect(m.janusUrls).toEqual(['http://10.0.0.5:8088/janus', 'http://10.0.0.6:8088/janus']);
    expect(m.janusPublicUrls).toEqual(['https://j1.meet.example/janus', 'https://j2.meet.example/janus']);
    expect(m.iceEnforceList).toEqual(['eth1', '10.0.']);
    expect(m).toMatchObject({ janusAdminKey: 'room-admin-key', publicIp: '203.0.113.7', rtpPorts: '20000-40000' });
  });
  it('refuses bad values, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', JANUS_URLS: 'ftp://x' })).toThrow(/JANUS_URLS/);
    expect(() => loadConfig({ NODE_ENV: 'test', JANUS_URLS: 'http://a/janus', JANUS_PUBLIC_URLS: 'http://p1/janus,http://p2/janus' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', JANUS_RTP_PORTS: 'many' })).toThrow(/JANUS_RTP_PORTS/);
    expect(() => loadConfig({ NODE_ENV: 'test', JANUS_ICE_ENFORCE_LIST: 'eth0; rm -rf' })).toThrow(/JANUS_ICE_ENFORCE_LIST/);
  });
});
