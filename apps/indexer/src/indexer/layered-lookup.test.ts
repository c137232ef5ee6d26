import { describe, expect, it } from 'vitest';
import { answerLayered } from './layered-lookup.js';
import type { KeyGroup } from './string-indexer.js';

const group = (orgId: bigint, ...strings: string[]): KeyGroup => ({ useCase: 'spans', orgId, strings });

// Local answers strings starting with "l"; the inner layer answers "inner:<string>"; org 9 is "not mine".
async function run(groups: KeyGroup[]) {
  const innerCalls: string[][] = [];
  const answers = await answerLayered<string>(
    groups,
    (g) => (g.orgId === 9n ? undefined : (s) => (s.startsWith('l') ? `local:${s}` : undefined)),
    async (rest) => {
      innerCalls.push(...rest.map((r) => [...r.strings]));
      return rest.map((r) => r.strings.map((s) => `inner:${s}`));
    },
  );
  return { answers, innerCalls };
}

describe('answerLayered', () => {
  it.each([
    ['all local', [group(1n, 'la', 'lb')], [['local:la', 'local:lb']], []],
    ['all inner', [group(1n, 'a', 'b')], [['inner:a', 'inner:b']], [['a', 'b']]],
    [
      'mixed, in request order',
      [group(1n, 'a', 'la', 'b', 'lb', 'c')],
      [['inner:a', 'local:la', 'inner:b', 'local:lb', 'inner:c']],
      [['a', 'b', 'c']],
    ],
    ['an empty group', [group(1n), group(2n, 'a')], [[], ['inner:a']], [['a']]],
    ['a group that is not mine', [group(9n, 'la', 'a')], [['inner:la', 'inner:a']], [['la', 'a']]],
    [
      'several groups',
      [group(1n, 'la'), group(2n, 'a', 'lb'), group(3n, 'c')],
      [['local:la'], ['inner:a', 'local:lb'], ['inner:c']],
      [['a'], ['c']],
    ],
  ])('answers %s', async (_name, groups, expected, inner) => {
    const { answers, innerCalls } = await run(groups);
    expect(answers).toEqual(expected);
    expect(innerCalls).toEqual(inner);
  });
});
