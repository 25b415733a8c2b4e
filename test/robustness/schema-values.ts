import fc from 'fast-check';

/**
 * Values from an OpenAPI 3.0 (JSON Schema) schema, as fast-check arbitraries: `valid` stays inside
 * the schema, `boundary` sits on or just past one of its limits, `garbage` is anything hostile
 * (wrong types, missing fields, huge and deep values). The fuzzer samples them with a fixed seed.
 */
export type Schema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  default?: unknown;
  const?: unknown;
};

const DATE = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
const NEAR = fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true });
/** Text as people type it (Vietnamese letters, digits, inner spaces), never blank at its ends: it passes `.trim().min(n)`. */
const text = (min: number, max: number) =>
  fc
    .string({ unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐ0123456789 _-.,'), minLength: min, maxLength: Math.min(max, Math.max(min, 40)) })
    .map((v) => (v.length === 0 ? v : `${v.trim()}${'x'.repeat(v.length - v.trim().length)}`));

export function valid(s: Schema | undefined): fc.Arbitrary<unknown> {
  if (!s || typeof s !== 'object') return fc.constant('x');
  const base = validInner(s);
  return s.nullable ? fc.oneof({ arbitrary: base, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 }) : base;
}

function validInner(s: Schema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map(valid));
  if (s.allOf) return valid(Object.assign({}, ...s.allOf));
  switch (s.type) {
    case 'string': {
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 60;
      if (s.format === 'date') return fc.oneof(DATE, NEAR).map((d) => d.toISOString().slice(0, 10));
      if (s.format === 'date-time') return fc.oneof(DATE, NEAR).map((d) => d.toISOString());
      if (s.format === 'email') return fc.constantFrom('a@example.vn', 'khach.hang@mobifone.vn', 'x+y@example.com');
      if (s.format === 'uri') return fc.constantFrom('https://example.vn/a', 'http://127.0.0.1/x');
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= max);
      return text(min, max);
    }
    case 'integer': {
      const min = Math.max(s.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER);
      const max = Math.min(s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valid(s.items), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, Math.max(s.minItems ?? 0, 4)) });
    case 'object':
    case undefined: {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const rec: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) rec[k] = valid(v);
      const optional = Object.keys(props).filter((k) => !required.has(k));
      return fc.record(rec, { requiredKeys: [...required].filter((k) => k in props) }).chain((o) =>
        fc.subarray(optional).map((keep) => Object.fromEntries(Object.entries(o as object).filter(([k]) => required.has(k) || keep.includes(k)))),
      );
    }
    default:
      return fc.constant('x');
  }
}

/** A valid value with one place pushed to (or just past) a limit of the schema. */
export function boundary(s: Schema | undefined): fc.Arbitrary<unknown> {
  if (!s || typeof s !== 'object') return fc.constant('');
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map(boundary));
  switch (s.type) {
    case 'string': {
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 1000;
      return fc.constantFrom(
        'a'.repeat(max),
        'a'.repeat(max + 1),
        'ữ'.repeat(max),
        'a'.repeat(Math.max(0, min - 1)),
        '',
        ' ',
        '0',
        '-1',
        '9'.repeat(19),
        '1e309',
        '2026-02-29',
        '2100-12-31',
        '1999-12-31',
        '2026-13-01',
        '2026-03-02T00:00:00',
        '0000-00-00T00:00:00Z',
      );
    }
    case 'integer':
    case 'number': {
      const lim = [s.minimum, s.maximum].filter((x): x is number => typeof x === 'number');
      return fc.constantFrom(...lim, ...lim.map((x) => x - 1), ...lim.map((x) => x + 1), 0, -1, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, 1e308);
    }
    case 'array':
      return fc.constantFrom(0, s.maxItems ?? 1000, (s.maxItems ?? 1000) + 1).chain((n) => fc.array(valid(s.items), { minLength: Math.min(n, 2000), maxLength: Math.min(n, 2000) }));
    case 'object':
    case undefined: {
      const props = Object.entries(s.properties ?? {});
      if (props.length === 0) return fc.constant({});
      return fc.tuple(valid(s), fc.constantFrom(...props)).chain(([o, [k, v]]) => boundary(v).map((b) => ({ ...(o as object), [k]: b })));
    }
    default:
      return valid(s);
  }
}

const HOSTILE_STRINGS = [
  "' or 1=1 --",
  '"; drop table identity.users; --',
  '../../../../etc/passwd',
  '%2e%2e%2f',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '\u202e\u200b\ufeff',
  '🇻🇳🧑‍💻',
  'a\u0301'.repeat(5000),
  '\\u0000',
  'NaN',
  'Infinity',
  '-0',
  '1e400',
  '0x10',
  'true',
  'null',
  '[]',
  '{}',
  '__proto__',
];

/** Any JSON value, hostile ones first. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS),
  fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -1e308, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}, [null], { '': '' }),
  fc.constantFrom('x'.repeat(200_000), 'ệ'.repeat(100_000)),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A JSON text nested `depth` levels deep (objects and arrays), built as text: no stack is needed to make it. */
export const deepJson = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A value that breaks the schema on purpose: a wrong type, a missing required field, a foreign key, huge or deep. */
export function garbage(s: Schema | undefined): fc.Arbitrary<unknown> {
  const props = Object.entries(s?.properties ?? {});
  const options: fc.Arbitrary<unknown>[] = [hostile];
  if (props.length > 0) {
    options.push(
      // one field of the wrong type or hostile
      fc.tuple(valid(s), fc.constantFrom(...props), hostile).map(([o, [k], h]) => ({ ...(o as object), [k]: h })),
      // a required field missing
      valid(s).map((o) => {
        const copy = { ...(o as Record<string, unknown>) };
        for (const r of s?.required ?? []) {
          delete copy[r];
          break;
        }
        return copy;
      }),
      // an unknown field, prototype keys
      valid(s).map((o) => ({ ...(o as object), unknownField: 1 })),
      valid(s).map((o) => {
        const rest = JSON.stringify(o);
        return JSON.parse(`{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}${rest === '{}' ? '}' : `,${rest.slice(1)}`}`);
      }),
      // a field nested deeply or as a huge array
      fc.tuple(valid(s), fc.constantFrom(...props)).map(([o, [k]]) => ({ ...(o as object), [k]: Array.from({ length: 50_000 }, (_, i) => i) })),
      fc.tuple(valid(s), fc.constantFrom(...props)).map(([o, [k]]) => ({ ...(o as object), [k]: JSON.parse(deepJson(500, 'object')) })),
    );
  }
  return fc.oneof(...options);
}

/** Draws `n` values of an arbitrary with a fixed seed. */
export const draw = <T>(arb: fc.Arbitrary<T>, seed: number, n: number): T[] => fc.sample(arb, { seed, numRuns: n });
