import { describe, expect, it } from 'vitest';
import { convertToMrisToProjectIdsMapping } from './convert-to-mris-to-project-ids-mapping.js';

describe('convertToMrisToProjectIdsMapping', () => {
  it('inverts the spec §3.4 vector, keeping first-seen order', () => {
    const input = new Map([
      [1, ['m1', 'm2', 'm3']],
      [2, ['m1', 'm4', 'm5', 'm6']],
      [3, ['m1', 'm6']],
    ]);
    expect([...convertToMrisToProjectIdsMapping(input)]).toEqual([
      ['m1', [1, 2, 3]],
      ['m2', [1]],
      ['m3', [1]],
      ['m4', [2]],
      ['m5', [2]],
      ['m6', [2, 3]],
    ]);
  });

  it('keeps numeric-looking MRIs in insertion order and accepts bigint projects', () => {
    expect([...convertToMrisToProjectIdsMapping([[7n, ['2', '1']]])]).toEqual([
      ['2', [7n]],
      ['1', [7n]],
    ]);
  });

  it('maps nothing to nothing', () => {
    expect(convertToMrisToProjectIdsMapping([]).size).toBe(0);
  });
});
