import { describe, expect, it } from 'vitest';
import { metaTimeRange } from './meta-time-range.js';

const now = new Date('2026-11-24T12:00:00Z');
const d = (iso: string) => new Date(iso);

describe('metaTimeRange', () => {
  it.each([
    ['no bounds', undefined, undefined, '2026-08-26T12:00:00Z', '2026-11-25T12:00:00Z'],
    ['an end only', undefined, '2026-10-01T00:00:00Z', '2026-07-03T00:00:00Z', '2026-10-01T00:00:00Z'],
    ['a start only', '2026-11-01T00:00:00Z', undefined, '2026-11-01T00:00:00Z', '2026-11-25T12:00:00Z'],
    [
      'both bounds',
      '2026-01-01T00:00:00Z',
      '2026-02-01T00:00:00Z',
      '2026-01-01T00:00:00Z',
      '2026-02-01T00:00:00Z',
    ],
  ])('with %s reads [%s, %s)', (_name, start, end, expectedStart, expectedEnd) => {
    expect(metaTimeRange(now, start ? d(start) : undefined, end ? d(end) : undefined)).toEqual({
      ok: true,
      start: d(expectedStart),
      end: d(expectedEnd),
    });
  });

  it.each([
    ['2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z'],
    ['2026-03-01T00:00:00Z', '2026-02-01T00:00:00Z'],
  ])('rejects start %s not before end %s', (start, end) => {
    expect(metaTimeRange(now, d(start), d(end))).toEqual({ ok: false, reason: 'start must be before end' });
  });
});
