import { describe, expect, it } from 'vitest';
import { ErrorsMri } from './errors-mri.js';
import { parseMri } from './parse-mri.js';
import { SessionMri } from './session-mri.js';
import { SpanMri } from './span-mri.js';
import { TransactionMri } from './transaction-mri.js';

const ENUMS = { SessionMri, TransactionMri, SpanMri, ErrorsMri };

describe('known MRIs (spec §2.8)', () => {
  it.each(Object.entries(ENUMS))('every %s value parses with a known entity letter', (_name, values) => {
    for (const value of Object.values(values)) {
      expect(['c', 's', 'd', 'g', 'e']).toContain(parseMri(value)?.entity);
    }
  });

  it.each([
    ['SessionMri', Object.keys(SessionMri).length, 31],
    ['TransactionMri', Object.keys(TransactionMri).length, 48],
    ['SpanMri', Object.keys(SpanMri).length, 26],
    ['ErrorsMri', Object.keys(ErrorsMri).length, 1],
  ])('%s has %i members (expected %i)', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    [SessionMri.RAW_SESSION, 'c:sessions/session@none'],
    [SessionMri.RAW_DURATION, 'd:sessions/duration@second'],
    [SessionMri.DURATION, 'd:sessions/duration.exited@second'],
    [
      TransactionMri.MEASUREMENTS_TTFB_REQUEST_TIME,
      'd:transactions/measurements.ttfb.requesttime@millisecond',
    ],
    [SpanMri.ALL_LIGHT, 'e:spans_light/all@none'],
    [SpanMri.AI_TOTAL_COST, 'c:spans/ai.total_cost@usd'],
    [ErrorsMri.EVENT_INGESTED, 'c:escalating_issues/event_ingested@none'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('has no duplicate value within one enum', () => {
    for (const values of Object.values(ENUMS)) {
      const all = Object.values(values);
      expect(new Set(all).size).toBe(all.length);
    }
  });
});
