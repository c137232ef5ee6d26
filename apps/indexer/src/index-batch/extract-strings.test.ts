import { createUseCaseRegistry } from '@mindex/use-case-registry';
import { describe, expect, it } from 'vitest';
import { bucket, sessionBuckets } from '../../test/support/buckets.js';
import { extractStringGroups, extractStrings } from './extract-strings.js';
import { ingestProfileOf } from './ingest-profile.js';
import { validateBucket, type ValidBucket } from './validate-bucket.js';

const registry = createUseCaseRegistry();
const valid = (b: ReturnType<typeof bucket>): ValidBucket => {
  const result = validateBucket(b, registry);
  if (!result.ok) throw new Error(result.message);
  return result.bucket;
};

describe('extractStrings (spec §7.4)', () => {
  it('collects names, tag keys and tag values of release-health buckets', () => {
    const groups = extractStrings(sessionBuckets().map(valid));
    expect(groups).toHaveLength(1);
    expect(groups[0]!.useCase).toBe('sessions');
    expect(new Set(groups[0]!.strings)).toEqual(
      new Set([
        'c:sessions/session@none',
        'd:sessions/duration@second',
        's:sessions/error@none',
        'environment',
        'session.status',
        'production',
        'init',
        'healthy',
        'errored',
      ]),
    );
  });

  it('leaves tag values out where the pipeline does not index them', () => {
    const generic = sessionBuckets()
      .map(valid)
      .map((b) => ({ ...b, profile: ingestProfileOf('performance') }));
    expect(new Set(extractStrings(generic)[0]!.strings)).toEqual(
      new Set([
        'c:sessions/session@none',
        'd:sessions/duration@second',
        's:sessions/error@none',
        'environment',
        'session.status',
      ]),
    );
  });

  it('splits strings by use case and org', () => {
    const groups = extractStrings([
      valid(bucket({ name: 'c:spans/a@none', orgId: 1n, tags: { k: 'v' } })),
      valid(
        bucket({
          name: 'd:escalating_issues/b@none',
          type: 'd',
          value: { kind: { case: 'distribution', value: { values: [1] } } },
        }),
      ),
      valid(bucket({ name: 'c:spans/a@none', orgId: 2n })),
    ]);
    expect(groups).toEqual([
      { useCase: 'spans', orgId: 1n, strings: ['c:spans/a@none', 'k'] },
      { useCase: 'escalating_issues', orgId: 1n, strings: ['d:escalating_issues/b@none'] },
      { useCase: 'spans', orgId: 2n, strings: ['c:spans/a@none'] },
    ]);
  });

  it('says which group each bucket went to and where each string is in its group', () => {
    const { groups, positions, groupOf } = extractStringGroups([
      valid(bucket({ name: 'c:spans/a@none', orgId: 1n, tags: { k: 'v' } })),
      valid(bucket({ name: 'c:spans/a@none', orgId: 2n })),
      valid(bucket({ name: 'c:spans/b@none', orgId: 1n, tags: { k: 'w' } })),
    ]);
    expect(groupOf).toEqual([0, 1, 0]);
    expect(groups[0]!.strings).toEqual(['c:spans/a@none', 'k', 'c:spans/b@none']);
    expect([...positions[0]!]).toEqual([
      ['c:spans/a@none', 0],
      ['k', 1],
      ['c:spans/b@none', 2],
    ]);
    expect([...positions[1]!]).toEqual([['c:spans/a@none', 0]]);
  });
});
