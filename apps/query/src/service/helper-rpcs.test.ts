import { Code, ConnectError } from '@connectrpc/connect';
import { invalidArgument } from '@mindex/rpc-server';
import { beforeEach, describe, expect, it } from 'vitest';
import { DependencyError } from '../dependencies/dependency-error.js';
import { createServiceHarness, type ServiceHarness } from '../../test/support/service-harness.js';

const STATIC_RELEASE = 9223372036854776016n;

describe('QueryService query-time helpers (§8)', () => {
  let h: ServiceHarness;
  const fail = (e: unknown) => ConnectError.from(e);
  beforeEach(() => {
    h = createServiceHarness();
    h.indexer.add('transactions', 1n, 'transaction', 2001n);
    h.indexer.add('sessions', 1n, 'release', STATIC_RELEASE);
    h.indexer.add('sessions', 1n, '1.0', 3001n);
  });

  it('Resolve answers the id, and NOT_FOUND "Unknown string: \'<s>\'" with Python quoting', async () => {
    expect((await h.client.resolve({ useCase: 'transactions', orgId: 1n, string: 'transaction' })).id).toBe(
      2001n,
    );
    const error = await h.client.resolve({ useCase: 'transactions', orgId: 1n, string: "it's" }).catch(fail);
    expect(error).toMatchObject({ code: Code.NotFound, rawMessage: `Unknown string: "it's"` });
    const other = await h.client
      .resolve({ useCase: 'transactions', orgId: 2n, string: 'transaction' })
      .catch(fail);
    expect(other).toMatchObject({ code: Code.NotFound, rawMessage: "Unknown string: 'transaction'" });
  });

  it('Resolve accepts a use-case key value (spec §1.5)', async () => {
    expect((await h.client.resolve({ useCase: 'performance', orgId: 1n, string: 'transaction' })).id).toBe(
      2001n,
    );
  });

  it('ResolveWeak answers "-1" for an unknown string and ids beyond 2^63 exactly', async () => {
    expect((await h.client.resolveWeak({ useCase: 'sessions', orgId: 1n, string: 'nope' })).id).toBe('-1');
    expect((await h.client.resolveWeak({ useCase: 'sessions', orgId: 1n, string: 'release' })).id).toBe(
      '9223372036854776016',
    );
  });

  it.each([
    ['transactions', 'transaction', 'tags_raw[2001]'],
    ['release-health', 'release', `tags[${STATIC_RELEASE}]`],
    ['sessions', 'release', `tags[${STATIC_RELEASE}]`],
  ])('ResolveTagKey(%s, %s) is %s', async (useCase, tagKey, column) => {
    expect((await h.client.resolveTagKey({ useCase, orgId: 1n, tagKey })).column).toBe(column);
  });

  it('ResolveTagKey of an unknown key is NOT_FOUND', async () => {
    const error = await h.client.resolveTagKey({ useCase: 'sessions', orgId: 1n, tagKey: 'x' }).catch(fail);
    expect(error).toMatchObject({ code: Code.NotFound, rawMessage: "Unknown string: 'x'" });
  });

  it.each([
    ['transactions', 'anything', { case: 'raw', value: 'anything' }],
    ['sessions', '1.0', { case: 'id', value: '3001' }],
    ['sessions', 'unknown', { case: 'id', value: '-1' }],
  ])('ResolveTagValue(%s, %s) is %o', async (useCase, tagValue, value) => {
    expect((await h.client.resolveTagValue({ useCase, orgId: 1n, tagValue })).value).toEqual(value);
  });

  it.each([
    ['sessions', 200, { case: 'id', value: '-1' }],
    ['release-health', 200, { case: 'id', value: '-1' }],
    ['transactions', 1000, { case: 'raw', value: 'a'.repeat(1000) }],
  ])('ResolveTagValue(%s) accepts a value of %i code points', async (useCase, length, value) => {
    const tagValue = 'a'.repeat(length);
    expect((await h.client.resolveTagValue({ useCase, orgId: 1n, tagValue })).value).toEqual(value);
  });

  it.each([
    ['sessions', 'a'.repeat(201), 'tag_value: longer than 200 code points'],
    ['sessions', '😀'.repeat(201), 'tag_value: longer than 200 code points'],
    ['transactions', 'a'.repeat(1001), 'tag_value: longer than 1000 code points'],
  ])(
    'ResolveTagValue(%s) rejects an overlong value before asking the indexer',
    async (useCase, tagValue, message) => {
      const error = await h.client.resolveTagValue({ useCase, orgId: 5n, tagValue }).then(() => null, fail);
      expect([error?.code, error?.rawMessage, h.indexer.calls]).toEqual([Code.InvalidArgument, message, []]);
    },
  );

  it('ReverseResolve answers the string; weak id 0 has no string', async () => {
    expect(
      (await h.client.reverseResolve({ useCase: 'sessions', orgId: 1n, id: STATIC_RELEASE })).string,
    ).toBe('release');
    const weak = await h.client.reverseResolve({ useCase: 'sessions', orgId: 1n, id: 0n, weak: true });
    expect(weak.string).toBeUndefined();
  });

  it('ReverseResolve of id 0 is INVALID_ARGUMENT and of an unknown id NOT_FOUND', async () => {
    const zero = await h.client.reverseResolve({ useCase: 'sessions', orgId: 1n, id: 0n }).catch(fail);
    expect(zero).toMatchObject({ code: Code.InvalidArgument, rawMessage: 'id: must be positive' });
    const unknown = await h.client
      .reverseResolve({ useCase: 'sessions', orgId: 2n, id: 3001n, weak: true })
      .catch(fail);
    expect(unknown).toMatchObject({ code: Code.NotFound, rawMessage: 'Unknown id: 3001' });
  });

  it.each([
    [{ useCase: 'foo' }, 'use_case: The use case foo does not exist'],
    [{ orgId: 2n ** 63n }, 'org_id: must be at most 9223372036854775807'],
    [{ string: 'x'.repeat(201) }, 'string: longer than 200 code points'],
  ])('Resolve rejects %o', async (init, message) => {
    const error = await h.client
      .resolve({ useCase: 'sessions', orgId: 1n, string: 's', ...init })
      .catch(fail);
    expect(error).toMatchObject({ code: Code.InvalidArgument, rawMessage: message });
  });

  it("answers the indexer's INVALID_ARGUMENT refusal as INVALID_ARGUMENT, not INTERNAL", async () => {
    h.indexer.resolve = async () => {
      throw new DependencyError('indexer service', 'invalid_argument', invalidArgument('string', 'too odd'));
    };
    const error = await h.client.resolveWeak({ useCase: 'sessions', orgId: 1n, string: 'x' }).catch(fail);
    expect(error).toMatchObject({ code: Code.InvalidArgument, rawMessage: 'string: too odd' });
  });

  it('is UNAVAILABLE naming the indexer when it is down', async () => {
    h.indexer.down = true;
    const error = await h.client.resolveWeak({ useCase: 'sessions', orgId: 1n, string: 'x' }).catch(fail);
    expect(error).toMatchObject({ code: Code.Unavailable, rawMessage: 'indexer service unavailable' });
  });
});
