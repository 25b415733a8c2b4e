import { describe, expect, it } from 'vitest';
import { janusConfigFiles } from './janus-config.ts';

const base = { configsFolder: '/data/janus', httpPort: 18088, httpIp: '127.0.0.1', adminPort: 17088, adminSecret: 'adm"in', roomAdminKey: 'roomkey' };

describe('generated Janus config', () => {
  it('HTTP and admin on the given local ports, VideoRoom only, rooms by admin key', () => {
    const f = janusConfigFiles(base);
    expect(Object.keys(f).sort()).toEqual(['janus.jcfg', 'janus.plugin.videoroom.jcfg', 'janus.transport.http.jcfg']);
    expect(f['janus.transport.http.jcfg']).toMatch(/port = 18088\n\tip = "127\.0\.0\.1"/);
    expect(f['janus.transport.http.jcfg']).toMatch(/admin_http = true\n\tadmin_port = 17088/);
    expect(f['janus.plugin.videoroom.jcfg']).toContain('admin_key = "roomkey"');
    expect(f['janus.jcfg']).toContain('configs_folder = "/data/janus"');
    expect(f['janus.jcfg']).toContain('admin_secret = "adm\\"in"');
    expect(f['janus.jcfg']).toMatch(/plugins: \{\n\tdisable = "[^"]*libjanus_streaming\.so[^"]*"/);
    expect(f['janus.jcfg']).not.toMatch(/disable = "[^"]*libjanus_videoroom/);
    expect(f['janus.jcfg']).not.toContain('stun_server');
  });
  it('NAT settings: enforced interfaces, 1:1 mapping, RTP ports', () => {
    const plain = janusConfigFiles(base)['janus.jcfg'];
    expect(plain).not.toContain('ice_enforce_list');
    expect(plain).not.toContain('nat_1_1_mapping');
    const f = janusConfigFiles({ ...base, iceEnforceList: ['veth0'], publicIp: '203.0.113.7', rtpPortRange: '20000-20999' })['janus.jcfg'];
    expect(f).toContain('ice_enforce_list = "veth0"');
    expect(f).toContain('nat_1_1_mapping = "203.0.113.7"');
    expect(f).toContain('rtp_port_range = "20000-20999"');
  });
});
