import { describe, expect, it } from 'vitest';
import { formatMriField } from './format-mri-field.js';
import { isMriField, parseMriField } from './parse-mri-field.js';

type Parts = [entity: string, namespace: string, name: string, unit: string];

// Spec §2.10, MRI-field vectors: [input, op, MRI parts, format_mri_field].
const FIELDS: [string, string, Parts, string][] = [
  ['avg(c:transactions/foo@none)', 'avg', ['c', 'transactions', 'foo', 'none'], 'avg(foo)'],
  ['sum(c:custom/page_click@none)', 'sum', ['c', 'custom', 'page_click', 'none'], 'sum(page_click)'],
  [
    'p95(d:transactions/duration@millisecond)',
    'p95',
    ['d', 'transactions', 'duration', 'millisecond'],
    'p95(duration)',
  ],
  [
    'count_unique(s:sessions/user@none)',
    'count_unique',
    ['s', 'sessions', 'user', 'none'],
    'count_unique(user)',
  ],
  [
    'max_timestamp(d:spans/duration@millisecond)',
    'max_timestamp',
    ['d', 'spans', 'duration', 'millisecond'],
    'max_timestamp(duration)',
  ],
  ['last(g:custom/mem@byte)', 'last', ['g', 'custom', 'mem', 'byte'], 'last(mem)'],
  ['sum(c:custom/a(b)@none)', 'sum', ['c', 'custom', 'a(b)', 'none'], 'sum(a(b))'],
];

const NOT_FIELDS: [string, string][] = [
  ['p100(d:custom/x@none)', 'p100 is not in OP_REGEX in the reference'],
  ['foo(c:custom/x@none)', 'unknown op'],
  ['avg(c:custom/x@none', 'missing )'],
  ['avg(c:custom/x@)', 'empty unit'],
  ['c:custom/x@none', 'not a field'],
  ['avg(foo)', 'not an MRI inside'],
];

describe('parseMriField', () => {
  it.each(FIELDS)('parses %j', (input, op, [entity, namespace, name, unit]) => {
    expect(parseMriField(input)).toStrictEqual({ op, mri: { entity, namespace, name, unit } });
    expect(isMriField(input)).toBe(true);
  });

  it.each(NOT_FIELDS)('rejects %j (%s)', (input) => {
    expect(parseMriField(input)).toBeNull();
    expect(isMriField(input)).toBe(false);
  });

  it.each([null, undefined])('rejects %s', (input) => {
    expect(parseMriField(input)).toBeNull();
  });

  it('accepts every one of the 15 OP_REGEX ops', () => {
    const ops =
      'sum min_timestamp max_timestamp avg count max min p50 p75 p90 p95 p99 histogram count_unique last';
    for (const op of ops.split(' ')) expect(parseMriField(`${op}(d:custom/x@none)`)?.op).toBe(op);
  });

  it('tolerates one trailing newline, as Python $ does', () => {
    expect(parseMriField('avg(c:custom/x@none)\n')?.mri.unit).toBe('none');
    expect(parseMriField('avg(c:custom/x@none)\n\n')).toBeNull();
  });

  it('lets the unit take inner parentheses, backtracking to the last )', () => {
    expect(parseMriField('avg(c:custom/x@a)b)')?.mri.unit).toBe('a)b');
  });
});

describe('formatMriField', () => {
  it.each(FIELDS)('formats %j', (input, _op, _parts, formatted) => {
    expect(formatMriField(input)).toBe(formatted);
  });

  it.each(NOT_FIELDS)('returns %j unchanged (%s)', (input) => {
    expect(formatMriField(input)).toBe(input);
  });
});
