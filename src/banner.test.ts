import { describe, expect, it } from 'vitest';
import { startBanner } from './banner.ts';

describe('the start banner', () => {
  it('names the URL, the data, the demo sign-in and every simulator with its address, aligned', () => {
    const text = startBanner({
      url: 'http://localhost:3000',
      database: 'PGlite in ./data',
      demo: { username: 'admin', password: 'Demo@2026' },
      simulators: [
        { name: 'VNPay', where: 'http://localhost:3000/sim/vnpay' },
        { name: 'SMSC (SMPP)', where: 'port 2775' },
      ],
    });
    expect(text).toContain('QLDV is running at http://localhost:3000');
    expect(text).toContain('http://localhost:3000/docs');
    expect(text).toContain('admin / Demo@2026');
    expect(text).toContain('    VNPay        http://localhost:3000/sim/vnpay');
    expect(text).toContain('    SMSC (SMPP)  port 2775');
  });

  it('says nothing of demo accounts in production, and that the simulators are off', () => {
    const text = startBanner({ url: 'https://qldv.mobifone.vn', database: 'PostgreSQL', simulators: [] });
    expect(text).not.toMatch(/Sign in|Simulators \(/);
    expect(text).toContain('simulators: off');
  });
});
