import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSharedStrings, SharedStringsTableError } from './shared-strings.js';
import { SHARED_STRING_GROUPS, SHARED_STRING_PREFIX } from './shared-strings-table.js';

const shared = createSharedStrings();

describe('the static shared strings table (spec §4.4, Appendix A)', () => {
  it('holds 163 strings in the reference groups', () => {
    expect(shared.size).toBe(163);
    expect(
      Object.fromEntries(Object.entries(SHARED_STRING_GROUPS).map(([name, e]) => [name, e.length])),
    ).toEqual({
      SESSION_METRIC_NAMES: 4,
      TRANSACTION_METRICS_NAMES: 49,
      SPAN_METRICS_NAMES: 23,
      ESCALATING_ISSUES_METRIC_NAMES: 1,
      PROFILING_METRIC_NAMES: 1,
      BUNDLE_ANALYSIS_METRIC_NAMES: 1,
      METRIC_STATS_METRIC_NAMES: 2,
      SHARED_TAG_STRINGS: 82,
    });
  });

  it('is unchanged, entry for entry ("DO NOT CHANGE THESE VALUES")', () => {
    const lines = Object.entries(SHARED_STRING_GROUPS).flatMap(([group, entries]) =>
      entries.map(([string, offset]) => `${group}\t${JSON.stringify(string)}\t${offset}`),
    );
    const digest = createHash('sha256').update(lines.join('\n')).digest('hex');
    expect(digest).toBe(PINNED_TABLE_DIGEST);
  });

  it.each([
    ['c:sessions/session@none', 9223372036854775809n],
    ['s:sessions/error@none', 9223372036854775810n],
    ['s:sessions/user@none', 9223372036854775811n],
    ['d:sessions/duration@second', 9223372036854775812n],
    ['s:transactions/user@none', 9223372036854775908n],
    ['d:transactions/duration@millisecond', 9223372036854775909n],
    ['d:transactions/measurements.fcp@millisecond', 9223372036854775910n],
    ['d:transactions/measurements.lcp@millisecond', 9223372036854775911n],
    ['c:transactions/count_per_root_project@none', 9223372036854775933n],
    ['c:transactions/on_demand@none', 9223372036854775936n],
    ['g:transactions/alert@none', 9223372036854775943n],
    ['c:transactions/usage@none', 9223372036854775945n],
    ['d:transactions/measurements.score.weight.ttfb@ratio', 9223372036854775956n],
    ['abnormal', 9223372036854776008n],
    ['crashed', 9223372036854776009n],
    ['environment', 9223372036854776010n],
    ['errored', 9223372036854776011n],
    ['exited', 9223372036854776012n],
    ['healthy', 9223372036854776013n],
    ['init', 9223372036854776014n],
    ['production', 9223372036854776015n],
    ['release', 9223372036854776016n],
    ['session.status', 9223372036854776017n],
    ['staging', 9223372036854776018n],
    ['transaction', 9223372036854776020n],
    ['transaction.status', 9223372036854776021n],
    ['transaction.op', 9223372036854776022n],
    ['http.method', 9223372036854776023n],
    ['ok', 9223372036854776027n],
    ['sdk', 9223372036854776038n],
    ['<< unparameterized >>', 9223372036854776039n],
    ['span.op', 9223372036854776050n],
    ['http.status_code', 9223372036854776058n],
    ['geo.country_code', 9223372036854776059n],
    ['group', 9223372036854776071n],
    ['mri', 9223372036854776081n],
    ['cardinality.scope', 9223372036854776088n],
    ['', 9223372036854776808n],
    ['s:transactions/span.user@none', 9223372036854776208n],
    ['d:spans/duration@millisecond', 9223372036854776212n],
    ['c:spans/count_per_root_project@none', 9223372036854776230n],
    ['c:escalating_issues/event_ingested@none', 9223372036854776308n],
    ['d:profiles/function.duration@millisecond', 9223372036854776408n],
    ['d:bundle_analysis/bundle_size@byte', 9223372036854776508n],
    ['c:metric_stats/volume@none', 9223372036854776608n],
    ['g:metric_stats/cardinality@none', 9223372036854776609n],
  ])('maps %j to %s and back', (string, id) => {
    expect(shared.idOf(string)).toBe(id);
    expect(shared.stringOf(id)).toBe(string);
  });

  it('gives every static id PREFIX + offset, at or above 2^63', () => {
    for (const entries of Object.values(SHARED_STRING_GROUPS)) {
      for (const [string, offset] of entries) {
        expect(shared.idOf(string)).toBe(SHARED_STRING_PREFIX + BigInt(offset));
        expect(shared.idOf(string)! >= 1n << 63n).toBe(true);
      }
    }
  });

  it('lists every shared string with the id idOf gives', () => {
    const entries = [...shared.entries()];
    expect(entries).toHaveLength(163);
    expect(entries.filter(([string, id]) => shared.idOf(string) !== id)).toEqual([]);
  });

  it('answers unknown strings and ids with nothing', () => {
    expect(shared.idOf('not-shared')).toBeUndefined();
    expect(shared.stringOf(1n)).toBeUndefined();
    expect(shared.stringOf(SHARED_STRING_PREFIX)).toBeUndefined();
  });

  it('refuses a table with a duplicate string or id', () => {
    expect(() => createSharedStrings({ A: [['x', 1]], B: [['x', 2]] })).toThrow(SharedStringsTableError);
    expect(() => createSharedStrings({ A: [['x', 1]], B: [['y', 1]] })).toThrow(SharedStringsTableError);
  });
});

const PINNED_TABLE_DIGEST = 'b60d9f08a162b8a8b513bf471da155e05700246f3b57bc841142f0c14d858333';
