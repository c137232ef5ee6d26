import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { createServiceHarness } from '../../test/support/service-harness.js';

const { client, configuration } = createServiceHarness();

describe('QueryService MRI operations', () => {
  it.each([
    ['c:sessions/session@none', ['c', 'sessions', 'session', 'none']],
    [
      'd:transactions/measurements.disk_io@byte/second',
      ['d', 'transactions', 'measurements.disk_io', 'byte/second'],
    ],
    [
      'dist:my_namespace/organizations/v1/my endpoint@{none}',
      ['dist', 'my_namespace', 'organizations/v1/my endpoint', '{none}'],
    ],
    ['c:custom/foo@bar@baz', ['c', 'custom', 'foo', 'bar@baz']],
    ['c:cus:tom/x@none', ['c', 'cus:tom', 'x', 'none']],
    [' c:custom/x@none', [' c', 'custom', 'x', 'none']],
    ['c:custom/x@none\n', ['c', 'custom', 'x', 'none']],
  ])('ParseMri(%j) gives %j and the rebuilt MRI', async (mri, [entity, namespace, name, unit]) => {
    const { parsed } = await client.parseMri({ mri });
    expect(parsed).toMatchObject({
      entity,
      namespace,
      name,
      unit,
      mri: `${entity}:${namespace}/${name}@${unit}`,
    });
  });

  it.each(['e:sessions/healthy@', 'c:/x@none', ':custom/x@none', 'c:custom@none', 'transactions', ':/@', ''])(
    'ParseMri(%j) has no result',
    async (mri) => {
      expect((await client.parseMri({ mri })).parsed).toBeUndefined();
    },
  );

  it.each([
    ['avg(c:transactions/foo@none)', 'avg', 'foo', 'avg(foo)'],
    ['count_unique(s:sessions/user@none)', 'count_unique', 'user', 'count_unique(user)'],
    ['last(g:custom/mem@byte)', 'last', 'mem', 'last(mem)'],
    ['sum(c:custom/a(b)@none)', 'sum', 'a(b)', 'sum(a(b))'],
  ])('ParseMriField and FormatMriField of %j', async (field, op, name, formatted) => {
    const { parsed } = await client.parseMriField({ field });
    expect([parsed?.op, parsed?.mri?.name]).toEqual([op, name]);
    expect((await client.formatMriField({ field })).formatted).toBe(formatted);
  });

  it.each([
    'p100(d:custom/x@none)',
    'foo(c:custom/x@none)',
    'avg(c:custom/x@none',
    'c:custom/x@none',
    'avg(foo)',
  ])('%j is not a field and formats unchanged', async (field) => {
    expect((await client.parseMriField({ field })).parsed).toBeUndefined();
    expect((await client.formatMriField({ field })).formatted).toBe(field);
  });

  it.each([
    ['avg(d:transactions/duration@second)', '60', '1 minute'],
    ['c:custom/x@none', '60', '60'],
  ])('FormatMriFieldValue(%j, %j) is %j', async (field, value, formatted) => {
    expect((await client.formatMriFieldValue({ field, value })).formatted).toBe(formatted);
  });

  it.each([
    ['c:custom/x@none', ['max_timestamp', 'min_timestamp', 'sum']],
    ['s:sessions/user@none', ['count_unique', 'max_timestamp', 'min_timestamp']],
    ['g:spans/mem@byte', ['avg', 'count', 'last', 'max', 'min', 'sum']],
    ['e:sessions/crash_free_rate@ratio', []],
  ])('GetAvailableOperations(%j) lists every operation of its entity', async (mri, operations) => {
    expect((await client.getAvailableOperations({ mri })).operations).toEqual(operations);
  });

  it('GetAvailableOperations with an organization removes the operations it hides', async () => {
    configuration.hidden.set(7n, [
      'p50',
      'p75',
      'p90',
      'p95',
      'p99',
      'histogram',
      'min_timestamp',
      'max_timestamp',
    ]);
    const { operations } = await client.getAvailableOperations({ mri: 'd:custom/x@none', orgId: 7n });
    expect(operations).toEqual(['avg', 'count', 'max', 'min', 'sum']);
  });

  it.each([
    ['not an mri', 'mri: not a valid MRI'],
    ['g:sessions/x@none', 'mri: The entity "g" of the MRI has no release-health metrics entity'],
    ['dist:custom/x@none', 'mri: The entity "dist" of the MRI has no generic metrics entity'],
  ])('GetAvailableOperations(%j) is INVALID_ARGUMENT', async (mri, message) => {
    const error = await client.getAvailableOperations({ mri }).catch((e: unknown) => ConnectError.from(e));
    expect(error).toMatchObject({ code: Code.InvalidArgument, rawMessage: message });
  });
});
