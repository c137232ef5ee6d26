import { describe, expect, it } from 'vitest';
import { generateOperationsConfig } from './generate-operations-config.js';
import { MetricsApiOrgOption } from './hidden-operations.js';
import { createOperationsConfiguration } from './operations-configuration.js';
import { parseMri } from './parse-mri.js';
import { visibleOperations } from './visible-operations.js';

const PERCENTILES_OFF = { [MetricsApiOrgOption.ACTIVATE_PERCENTILES]: false };
const LAST_ON = { [MetricsApiOrgOption.ACTIVATE_LAST_FOR_GAUGES]: true };

function visible(mri: string, orgOptions = {}) {
  const parsed = parseMri(mri);
  if (parsed === null) throw new Error(`test MRI ${mri} does not parse`);
  return visibleOperations(parsed, generateOperationsConfig(orgOptions));
}

// Spec §3.3: visible ops with default org options, and with percentiles also disabled.
describe('visibleOperations', () => {
  it.each([
    ['c:custom/x@none', ['sum'], ['sum']],
    [
      'd:custom/x@none',
      ['avg', 'count', 'max', 'min', 'p50', 'p75', 'p90', 'p95', 'p99', 'sum'],
      ['avg', 'count', 'max', 'min', 'sum'],
    ],
    ['s:custom/x@none', ['count_unique'], ['count_unique']],
    ['g:custom/x@none', ['avg', 'count', 'max', 'min', 'sum'], ['avg', 'count', 'max', 'min', 'sum']],
    ['c:sessions/session@none', ['sum'], ['sum']],
    ['e:sessions/all@none', [], []],
  ])('shows %s as %j by default and %j without percentiles', (mri, defaults, withoutPercentiles) => {
    expect(visible(mri)).toStrictEqual({ ok: true, operations: defaults });
    expect(visible(mri, PERCENTILES_OFF)).toStrictEqual({ ok: true, operations: withoutPercentiles });
  });

  it('shows last for gauges when the org activates it', () => {
    expect(visible('g:custom/x@none', LAST_ON)).toStrictEqual({
      ok: true,
      operations: ['avg', 'count', 'last', 'max', 'min', 'sum'],
    });
  });

  it('treats a null option as unset', () => {
    expect(visible('d:custom/x@none', { [MetricsApiOrgOption.ACTIVATE_PERCENTILES]: null })).toEqual(
      visible('d:custom/x@none'),
    );
  });

  it('passes the entity error through', () => {
    expect(visible('g:sessions/x@none').ok).toBe(false);
  });

  it('shows everything available when nothing is hidden', () => {
    const parsed = parseMri('c:custom/x@none');
    expect(parsed && visibleOperations(parsed, createOperationsConfiguration())).toStrictEqual({
      ok: true,
      operations: ['max_timestamp', 'min_timestamp', 'sum'],
    });
  });
});

describe('generateOperationsConfig', () => {
  it.each([
    [{}, ['last', 'histogram', 'min_timestamp', 'max_timestamp']],
    [
      PERCENTILES_OFF,
      ['p50', 'p75', 'p90', 'p95', 'p99', 'last', 'histogram', 'min_timestamp', 'max_timestamp'],
    ],
    [{ ...LAST_ON }, ['histogram', 'min_timestamp', 'max_timestamp']],
  ])('with org options %j hides %j', (orgOptions, hidden) => {
    expect(generateOperationsConfig(orgOptions).getHiddenOperations()).toEqual(hidden);
  });
});

describe('createOperationsConfiguration', () => {
  it('starts empty and unions hidden ops', () => {
    const config = createOperationsConfiguration();
    expect(config.getHiddenOperations()).toEqual([]);
    config.hideOperations(['p50', 'p75']);
    config.hideOperations(['p75', 'last']);
    expect(config.getHiddenOperations()).toEqual(['p50', 'p75', 'last']);
    expect(config.isHidden('last')).toBe(true);
    expect(config.isHidden('sum')).toBe(false);
  });
});
