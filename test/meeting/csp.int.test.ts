/**
 * The Content-Security-Policy lets the room page reach what it needs in production headers: the live
 * WebSocket (ws:/wss: origin of PUBLIC_BASE_URL, besides 'self') and every Janus the browsers call
 * directly (JANUS_PUBLIC_URLS, by origin); nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspConnectSources } from '../../src/http/server.ts';
import { driver, freshDatabaseUrl, noDatabase } from '../system.ts';
import { startLiveSystem, type LiveTestSystem } from './live-system.ts';

const connectSrc = async (baseUrl: string) => {
  const r = await fetch(`${baseUrl}/healthz`);
  const csp = r.headers.get('content-security-policy') ?? '';
  const directive = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src ')) ?? '';
  return directive.split(/\s+/).slice(1);
};

describe.skipIf(noDatabase)(`CSP connect-src for the meeting room page (${driver})`, () => {
  let direct: LiveTestSystem;
  let proxied: LiveTestSystem;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([
      startLiveSystem({
        databaseUrl: await freshDatabaseUrl(),
        env: {
          PUBLIC_BASE_URL: 'https://meeting.qldv.example.vn',
          JANUS_URLS: 'http://10.255.0.1:8088/janus,http://10.255.0.2:8088/janus',
          JANUS_PUBLIC_URLS: 'https://janus1.example.vn/janus,https://janus2.example.vn:8089/janus/',
        },
      }),
      startLiveSystem({ databaseUrl: await freshDatabaseUrl() }),
    ]);
    // Two whole systems boot here: slow on a busy 2-core machine.
  }, 180_000);
  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  it('allows the configured JANUS_PUBLIC_URLS and the hub (wss: behind https)', async () => {
    expect(await connectSrc(direct.baseUrl)).toEqual(["'self'", 'wss://meeting.qldv.example.vn', 'https://janus1.example.vn', 'https://janus2.example.vn:8089']);
  });

  it('without JANUS_PUBLIC_URLS (our proxy, same origin): only self and the hub (ws: behind http)', async () => {
    expect(await connectSrc(proxied.baseUrl)).toEqual(["'self'", `ws://${new URL(proxied.baseUrl).host}`]);
  });

  it('cspConnectSources: origins only, no duplicates', () => {
    expect(cspConnectSources('http://localhost:3000/', ['http://localhost:8088/janus', 'http://localhost:8088/other'])).toEqual(['ws://localhost:3000', 'http://localhost:8088']);
  });
});
