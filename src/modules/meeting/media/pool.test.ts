import { describe, expect, it } from 'vitest';
import { chooseInstance } from './pool.ts';

const a = 'http://janus-a:8088/janus';
const b = 'http://janus-b:8088/janus';
const c = 'http://janus-c:8088/janus';

describe('Janus pool choice', () => {
  it('picks the least-loaded instance that answers', () => {
    expect(chooseInstance([{ url: a, up: true, rooms: 5 }, { url: b, up: true, rooms: 2 }, { url: c, up: true, rooms: 9 }], 'm1')).toBe(b);
    expect(chooseInstance([{ url: a, up: true, rooms: 5 }, { url: b, up: false, rooms: 0 }], 'm1')).toBe(a);
  });
  it('none up: none', () => {
    expect(chooseInstance([{ url: a, up: false, rooms: 0 }], 'm1')).toBeNull();
    expect(chooseInstance([], 'm1')).toBeNull();
  });
  it('ties are broken the same way by every process, and spread meetings over the instances', () => {
    const loads = [{ url: a, up: true, rooms: 1 }, { url: b, up: true, rooms: 1 }, { url: c, up: true, rooms: 1 }];
    const first = chooseInstance(loads, 'meeting-42');
    expect(chooseInstance([...loads].reverse(), 'meeting-42')).toBe(first);
    const chosen = new Set(Array.from({ length: 60 }, (_, i) => chooseInstance(loads, `m${i}`)));
    expect(chosen).toEqual(new Set([a, b, c]));
  });
});
