// fast-check arbitraries drawn from the OpenAPI document's JSON Schemas: values that follow the schema (so that a
// request reaches the service and the database), mixed with hostile ones (wrong types, huge and negative numbers,
// NUL characters, very long strings, Unicode edge cases, malformed dates, unknown fields, missing fields). Used by
// the fuzzing test (src/server/fuzz.test.ts).
import fc from 'fast-check';

/** The part of JSON Schema the app's OpenAPI document uses (zod-openapi output; no $ref). */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** What the generator may draw from besides the schema: ids that exist, so that requests get past the 404s. */
export interface Pools {
  ids: readonly string[];
}

const nul = '\u0000';

/** Text that has broken servers: control and format characters, astral and combining characters, lone surrogates. */
export const unicodeEdges = [
  '',
  ' ',
  '   \t\n ',
  `a${nul}b`,
  nul,
  '\u202eevil', // right-to-left override
  '\ufeffBOM',
  '\u200b\u200c\u200d', // zero-width
  'Nguyễn Văn A', // precomposed
  'Nguye\u0302\u0303n', // combining marks
  '𝕏🙂👨‍👩‍👧‍👦', // astral, ZWJ sequence
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u0001\u001f\u007f',
  "'; DROP TABLE member; --",
  '%00%27%22',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '\\',
  '"',
  'NaN',
  '-0',
  '1e999',
  '99999999999999999999999',
  'null',
  'true',
  '\u00a0',
  'İıǅ', // case-mapping oddities
];

const malformedDates = [
  '2025-02-30',
  '2025-13-01',
  '2025-00-10',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '10000-01-01',
  '-001-01-01',
  '2025-1-1',
  '01/02/2025',
  '2025-02-28T10:00:00Z',
  '2025-02-29',
  '2024-02-29',
  ' 2025-01-01',
  '2025-01-01 ',
  '１２３４-０１-０１', // full-width digits
  '٢٠٢٥-٠١-٠١', // Arabic-Indic digits (\d in some engines)
];

const hugeNumbers = [
  -1,
  0,
  -0,
  0.5,
  -1.5,
  1e308,
  -1e308,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MIN_VALUE,
  1e21,
];

const hostileIds = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '-1',
  '0',
  '1.5',
  '1e5',
  'null',
  'undefined',
  '%00',
  '..',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
  '00000000-0000-4000-8000-0000000000001',
  '{00000000-0000-4000-8000-000000000000}',
];

/** A value of any JSON type, or a hostile one: what a client that ignores the schema sends. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom<unknown>(null, true, false, [], {}, [[[[[]]]]], { a: { b: { c: {} } } }),
    fc.constantFrom(...hugeNumbers),
    fc.constantFrom(...unicodeEdges),
    fc.constantFrom(...malformedDates),
    fc.constantFrom(...hostileIds),
    fc.constantFrom('x'.repeat(10_001), 'ỗ'.repeat(70_000), `${'a'.repeat(5000)}${nul}`),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.double(),
    fc.integer(),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  );
}

function typesOf(s: JsonSchema): string[] {
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return [];
}

const isDatePattern = (p?: string) => p !== undefined && p.includes('\\d{4}-\\d{2}-\\d{2}');
const isTimePattern = (p?: string) => p !== undefined && p.includes('[0-5]\\d');

function dateArb(): fc.Arbitrary<string> {
  const day = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2100-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const nearToday = fc
    .integer({ min: -400, max: 400 })
    .map((n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10));
  return fc.oneof(
    { weight: 4, arbitrary: nearToday },
    { weight: 3, arbitrary: day },
    { weight: 2, arbitrary: fc.constantFrom(...malformedDates) },
  );
}

function stringArb(s: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  if (s.format === 'uuid') {
    return fc.oneof(
      { weight: 6, arbitrary: pools.ids.length ? fc.constantFrom(...pools.ids) : fc.uuid() },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(...hostileIds) },
    );
  }
  if (s.format === 'email') {
    return fc.oneof(
      fc.emailAddress(),
      fc.constantFrom('a@b', '@', 'a@@b.vn', `${'a'.repeat(300)}@x.vn`, 'ai@xn--vit-nam.vn', 'người@việt.vn'),
    );
  }
  if (isDatePattern(s.pattern)) return dateArb();
  if (isTimePattern(s.pattern)) {
    return fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
      fc.constantFrom('24:00', '23:60', '7:30', '07:30:00', '-1:00'),
    );
  }
  if (s.pattern) {
    // Other patterns (phone numbers, card numbers, years): strings the pattern matches, and near misses.
    let matching: fc.Arbitrary<string>;
    try {
      matching = fc.stringMatching(new RegExp(s.pattern));
    } catch {
      matching = fc.string();
    }
    return fc.oneof(
      { weight: 3, arbitrary: matching.filter((x) => x.length <= (s.maxLength ?? 200)) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    );
  }
  const max = s.maxLength ?? 200;
  const min = s.minLength ?? 0;
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 60), unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 30) }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        ...[max, max + 1].map((n) => 'ễ'.repeat(n)),
        ...[min - 1].filter((n) => n >= 0).map((n) => 'a'.repeat(n)),
      ),
    },
  );
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1_000_000);
  const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1_000_000);
  const inRange = integer
    ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) })
    : fc.double({ min, max, noNaN: true });
  const edges = [min, max, min - 1, max + 1].filter((n) => Number.isFinite(n));
  return fc.oneof(
    { weight: 5, arbitrary: inRange },
    { weight: 2, arbitrary: fc.constantFrom(...edges) },
    { weight: 1, arbitrary: fc.constantFrom(...hugeNumbers) },
  );
}

export interface Mix {
  /** One draw in `hostile` replaces a value by a hostile one (0 for none). */
  hostile: number;
}

/** Values following the schema, with hostile replacements mixed in at every level. */
export function arbitraryOf(
  s: JsonSchema,
  pools: Pools,
  mix: Mix = { hostile: 6 },
  depth = 0,
): fc.Arbitrary<unknown> {
  const valid = followSchema(s, pools, mix, depth);
  if (mix.hostile === 0) return valid;
  return fc.oneof({ weight: mix.hostile, arbitrary: valid }, { weight: 1, arbitrary: hostileValue() });
}

function followSchema(s: JsonSchema, pools: Pools, mix: Mix, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum)
    return fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...s.enum) },
      { weight: 1, arbitrary: fc.constantFrom('', 'KHAC', 'Regular') },
    );
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => arbitraryOf(a, pools, mix, depth)));
  if (s.allOf?.length) return arbitraryOf(Object.assign({}, ...s.allOf) as JsonSchema, pools, mix, depth);
  const types = typesOf(s);
  if (types.length === 0) return depth > 3 ? fc.constant({}) : hostileValue();
  return fc.oneof(
    ...types.map((t): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'null':
          return fc.constant(null);
        case 'boolean':
          return fc.boolean();
        case 'integer':
          return numberArb(s, true);
        case 'number':
          return numberArb(s, false);
        case 'string':
          return stringArb(s, pools);
        case 'array': {
          const maxItems = Math.min(s.maxItems ?? 5, 5);
          const items = s.items ? arbitraryOf(s.items, pools, mix, depth + 1) : hostileValue();
          return fc.oneof(
            {
              weight: 5,
              arbitrary: fc.array(items, {
                minLength: Math.min(s.minItems ?? 0, maxItems),
                maxLength: maxItems,
              }),
            },
            { weight: 1, arbitrary: fc.array(items, { minLength: 0, maxLength: (s.maxItems ?? 50) + 1 }) },
          );
        }
        case 'object':
          return objectArb(s, pools, mix, depth);
        default:
          return hostileValue();
      }
    }),
  );
}

function objectArb(s: JsonSchema, pools: Pools, mix: Mix, depth: number): fc.Arbitrary<unknown> {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  if (props.length === 0) {
    return depth > 3
      ? fc.constant({})
      : fc.dictionary(fc.string({ maxLength: 8 }), hostileValue(), { maxKeys: 3 });
  }
  const fields = props.map(([name, p]) =>
    fc.tuple(
      fc.constant(name),
      arbitraryOf(p, pools, mix, depth + 1),
      // A required field is sometimes missing; an optional one often is.
      fc.integer({ min: 0, max: 19 }).map((n) => (required.has(name) ? n !== 0 : n < 10)),
    ),
  );
  const unknown = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Array<[string, unknown]>>([]) },
    {
      weight: 1,
      arbitrary: fc.array(
        fc.tuple(
          fc.constantFrom(
            '__proto__',
            'constructor',
            'id',
            'isSystemAdmin',
            'provinceId',
            'extra',
            'x'.repeat(500),
          ),
          hostileValue(),
        ),
        { minLength: 1, maxLength: 2 },
      ),
    },
  );
  return fc.tuple(fc.tuple(...fields), unknown).map(([drawn, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [name, value, present] of drawn) if (present) out[name] = value;
    for (const [name, value] of extra)
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    return out;
  });
}
