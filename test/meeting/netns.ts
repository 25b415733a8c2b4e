/**
 * A network namespace for WebRTC tests (see ../shared/reference/meeting-ekyc.md §2.5): loopback plus a
 * veth pair (10.99.0.1 on veth0, 10.99.0.2 on veth1), no route out. Janus gathers on veth0 only
 * (libnice will not use lo); browsers and servers run inside, so no media leaves the machine's namespace.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

export interface Netns {
  name: string;
  /** Runs a command inside the namespace: prefix for spawn. */
  exec: string[];
  remove(): void;
}

/** Why a namespace cannot be made here (null: it can). */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'not root (ip netns needs CAP_NET_ADMIN)';
  if (spawnSync('ip', ['-V']).status !== 0) return 'iproute2 is missing (apt-get install iproute2)';
  return null;
}

export function janusMissing(): string | null {
  const found = ['/usr/bin/janus', spawnSync('sh', ['-c', 'command -v janus'], { encoding: 'utf8' }).stdout.trim()].find((p) => p && existsSync(p));
  return found ? null : 'janus is not installed (apt-get install janus)';
}

/** A fresh namespace; the default name carries the pid and a random suffix (other test runs may hold theirs at the same time). */
export function createNetns(name = `qldv-meet-${process.pid}-${randomBytes(3).toString('hex')}`): Netns {
  const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
  const inside = (...args: string[]) => ip('netns', 'exec', name, 'ip', ...args);
  spawnSync('ip', ['netns', 'del', name]);
  ip('netns', 'add', name);
  try {
    inside('link', 'set', 'lo', 'up');
    inside('link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', 'veth1');
    inside('addr', 'add', '10.99.0.1/24', 'dev', 'veth0');
    inside('addr', 'add', '10.99.0.2/24', 'dev', 'veth1');
    inside('link', 'set', 'veth0', 'up');
    inside('link', 'set', 'veth1', 'up');
  } catch (err) {
    spawnSync('ip', ['netns', 'del', name]);
    throw err;
  }
  return { name, exec: ['ip', 'netns', 'exec', name], remove: () => void spawnSync('ip', ['netns', 'del', name]) };
}
