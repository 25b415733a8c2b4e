import { describe, expect, it } from 'vitest';
import { addressList, listed } from './ip-list.ts';

describe('IPN source allow-list', () => {
  const list = addressList(['113.160.92.202', '203.171.19.0/24', '2001:db8::/32']);

  it('accepts listed addresses and ranges, IPv4-mapped IPv6 read as IPv4', () => {
    expect(listed(list, '113.160.92.202')).toBe(true);
    expect(listed(list, '203.171.19.146')).toBe(true);
    expect(listed(list, '::ffff:203.171.19.7')).toBe(true);
    expect(listed(list, '2001:db8::1')).toBe(true);
  });

  it('refuses everything else', () => {
    expect(listed(list, '113.160.92.203')).toBe(false);
    expect(listed(list, '203.171.20.1')).toBe(false);
    expect(listed(list, '::ffff:10.0.0.1')).toBe(false);
    expect(listed(list, '2001:db9::1')).toBe(false);
  });
});
