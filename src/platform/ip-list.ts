import { BlockList, isIPv6 } from 'node:net';

/** A list of addresses or CIDR ranges (v4 or v6), e.g. VNPAY_IPN_ALLOWED_IPS, to check sources against. */
export function addressList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split('/');
    const type = isIPv6(addr) ? 'ipv6' : 'ipv4';
    if (bits) list.addSubnet(addr, Number(bits), type);
    else list.addAddress(addr, type);
  }
  return list;
}

/** Whether an address (IPv4-mapped IPv6 read as IPv4) is on the list. */
export function listed(list: BlockList, ip: string): boolean {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  return v4 ? list.check(v4, 'ipv4') : list.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
}
