import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mriString, type ParsedMri } from './parsed-mri.js';
import { isMri, parseMri } from './parse-mri.js';

type Parts = [entity: string, namespace: string, name: string, unit: string];

// Spec §2.10: every vector was checked with Python `re` and the reference pattern.
const PARSING: [number, string, Parts][] = [
  [1, 'c:sessions/session@none', ['c', 'sessions', 'session', 'none']],
  [2, 's:sessions/error@none', ['s', 'sessions', 'error', 'none']],
  [3, 'd:sessions/duration@second', ['d', 'sessions', 'duration', 'second']],
  [4, 'd:transactions/duration@millisecond', ['d', 'transactions', 'duration', 'millisecond']],
  [
    5,
    'd:transactions/measurements.stall_longest_time@millisecond',
    ['d', 'transactions', 'measurements.stall_longest_time', 'millisecond'],
  ],
  [
    6,
    'd:transactions/breakdowns.span_ops.ops.http@millisecond',
    ['d', 'transactions', 'breakdowns.span_ops.ops.http', 'millisecond'],
  ],
  [7, 'c:transactions/measurements.db_calls@none', ['c', 'transactions', 'measurements.db_calls', 'none']],
  [8, 'g:spans/self_time@millisecond', ['g', 'spans', 'self_time', 'millisecond']],
  [9, 'e:sessions/crash_free_rate@ratio', ['e', 'sessions', 'crash_free_rate', 'ratio']],
  [10, 'c:custom/MyMetric.MyService.2@User', ['c', 'custom', 'MyMetric.MyService.2', 'User']],
  [
    11,
    'c:custom/http.client.open_connections@{connection}',
    ['c', 'custom', 'http.client.open_connections', '{connection}'],
  ],
  [
    12,
    'd:transactions/measurements.disk_io@byte/second',
    ['d', 'transactions', 'measurements.disk_io', 'byte/second'],
  ],
  [
    13,
    'dist:my_namespace/organizations/v1/my endpoint@{none}',
    ['dist', 'my_namespace', 'organizations/v1/my endpoint', '{none}'],
  ],
  [14, 't:sessions/error.preaggr@none', ['t', 'sessions', 'error.preaggr', 'none']],
  [15, 'c:custom/foo@bar@baz', ['c', 'custom', 'foo', 'bar@baz']],
  [16, 'c:cus:tom/x@none', ['c', 'cus:tom', 'x', 'none']],
  [17, 'c:custom/a/b/c@none', ['c', 'custom', 'a/b/c', 'none']],
  [18, 'c:spans/ai.total_cost@usd', ['c', 'spans', 'ai.total_cost', 'usd']],
  [19, 'c:custom/x@none\n', ['c', 'custom', 'x', 'none']],
  [20, ' c:custom/x@none', [' c', 'custom', 'x', 'none']],
  [21, 'c:custom/x@none ', ['c', 'custom', 'x', 'none ']],
];

const REJECTED: [number, string | null][] = [
  [22, 'e:sessions/healthy@'],
  [23, 'c:custom/x@'],
  [24, 'c:/x@none'],
  [25, ':custom/x@none'],
  [26, 'c:custom/@none'],
  [27, 'c:custom@none'],
  [28, 'custom/x@none'],
  [29, 'c:custom/x'],
  [30, 'd@transactions/measurements.stall_longest_time'],
  [31, 'd/transactions@breakdowns.span_ops.ops.http:millisecond'],
  [32, 'transactions'],
  [33, ':/@'],
  [34, ''],
  [35, 'sessions.crash_free_rate'],
  [36, null],
];

// Where Python's `re` differs from JS defaults; checked against Python 3.11 `re`.
const PYTHON_SPECIFIC: [string, Parts | null][] = [
  ['c:custom/x@none\n\n', null],
  ['c:custom/x@no\nne', null],
  ['c:custom/x@\n', null],
  ['c:custom/x@a\rb', ['c', 'custom', 'x', 'a\rb']],
  ['c:custom/x@a\u2028b', ['c', 'custom', 'x', 'a\u2028b']],
  ['c\n:cus\ntom/x\ny@none', ['c\n', 'cus\ntom', 'x\ny', 'none']],
  ['c:custom/😀@😀', ['c', 'custom', '😀', '😀']],
];

const toParts = (p: ParsedMri | null): Parts | null =>
  p === null ? null : [p.entity, p.namespace, p.name, p.unit];

describe('parseMri', () => {
  it.each(PARSING)('vector %i: parses %j', (_n, input, expected) => {
    expect(toParts(parseMri(input))).toEqual(expected);
    expect(isMri(input)).toBe(true);
  });

  it.each(REJECTED)('vector %i: rejects %j', (_n, input) => {
    expect(parseMri(input)).toBeNull();
    expect(isMri(input)).toBe(false);
  });

  it('rejects undefined', () => {
    expect(parseMri(undefined)).toBeNull();
  });

  it.each(PYTHON_SPECIFIC)('matches Python re on %j', (input, expected) => {
    expect(toParts(parseMri(input))).toEqual(expected);
  });

  it('returns exactly the four parts', () => {
    expect(parseMri('c:custom/x@none')).toStrictEqual({
      entity: 'c',
      namespace: 'custom',
      name: 'x',
      unit: 'none',
    });
  });
});

describe('mriString', () => {
  it.each(PARSING.filter(([n]) => n !== 19))('vector %i round-trips %j', (_n, input) => {
    const parsed = parseMri(input);
    expect(parsed && mriString(parsed)).toBe(input);
  });

  it('drops the single trailing newline Python tolerates', () => {
    const parsed = parseMri('c:custom/x@none\n');
    expect(parsed && mriString(parsed)).toBe('c:custom/x@none');
  });

  it('parses back any parts the grammar can separate', () => {
    const part = (forbidden: string) =>
      fc.string({ minLength: 1, unit: 'grapheme' }).filter((s) => ![...forbidden].some((c) => s.includes(c)));
    fc.assert(
      fc.property(part(':'), part('/'), part('@'), part('\n'), (entity, namespace, name, unit) => {
        const parts = { entity, namespace, name, unit };
        expect(parseMri(mriString(parts))).toStrictEqual(parts);
      }),
    );
  });
});
