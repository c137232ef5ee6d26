import { Code, ConnectError } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { decodeBadRequest } from './error-details.js';
import {
  codeName,
  invalidArgument,
  invalidArguments,
  isUnavailableError,
  notFound,
  resourceExhausted,
  toConnectError,
  unavailable,
} from './error-mapping.js';

const named = (name: string, message = 'driver detail: 10.0.0.7:27017') =>
  Object.assign(new Error(message), { name });

class MongoServerError extends Error {
  override name = 'MongoServerError';
  constructor(private readonly labels: string[]) {
    super('not primary');
  }
  hasErrorLabel(label: string): boolean {
    return this.labels.includes(label);
  }
}

describe('toConnectError', () => {
  it('passes a ConnectError through unchanged', () => {
    const err = new ConnectError('bad', Code.FailedPrecondition);
    expect(toConnectError(err)).toBe(err);
  });

  it.each([
    'MongoServerSelectionError',
    'MongoNetworkError',
    'MongoNetworkTimeoutError',
    'MongoNotConnectedError',
    'MongoPoolClearedError',
    'MongoTopologyClosedError',
    'MongoOperationTimeoutError',
  ])('maps %s to UNAVAILABLE with a generic message', (name) => {
    const err = toConnectError(named(name));
    expect([err.code, err.rawMessage]).toEqual([Code.Unavailable, 'service temporarily unavailable']);
  });

  it('keeps the driver error as the cause, for server-side logs only', () => {
    const cause = named('MongoNetworkError');
    const err = toConnectError(cause);
    expect([err.cause, err.message.includes('10.0.0.7')]).toEqual([cause, false]);
  });

  it('finds an unreachable database in the cause chain of a wrapped error', () => {
    const err = toConnectError(new Error('store failed', { cause: named('MongoServerSelectionError') }));
    expect(err.code).toBe(Code.Unavailable);
  });

  it.each([
    [['RetryableWriteError'], Code.Unavailable],
    [['NoWritesPerformed'], Code.Internal],
  ])('maps a server error labelled %j to %s', (labels, code) => {
    expect(toConnectError(new MongoServerError(labels)).code).toBe(code);
  });

  it.each([
    ['an Error', new Error('secret: password=hunter2')],
    ['a TypeError', new TypeError('cannot read x of undefined')],
    ['a duplicate-key error', named('MongoServerError', 'E11000 duplicate key')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('maps %s to INTERNAL "internal error"', (_label, thrown) => {
    const err = toConnectError(thrown);
    expect([err.code, err.rawMessage, err.cause]).toEqual([Code.Internal, 'internal error', thrown]);
  });
});

describe('isUnavailableError', () => {
  it.each([
    [named('MongoNetworkError'), true],
    [new Error('x', { cause: new Error('y', { cause: named('MongoPoolClearedError') }) }), true],
    [named('MongoServerError'), false],
    [{ name: 'MongoNetworkError' }, false],
    [null, false],
  ])('says %o → %s', (err, expected) => {
    expect(isUnavailableError(err)).toBe(expected);
  });
});

// Shapes the MongoDB driver produces when the connection is cut under concurrent writes (chaos suite B1):
// only the first failed write carries ResetPool; the others look like these.
class MongoBulkWriteError extends Error {
  override name = 'MongoBulkWriteError';
  constructor(
    readonly writeErrors: unknown[],
    extra: Record<string, unknown> = {},
  ) {
    super('connection closed');
    Object.assign(this, extra);
  }
}

describe('isUnavailableError on driver write failures', () => {
  const withCode = (name: string, code: number) => Object.assign(named(name), { code });
  it.each([
    ['a bulk write error without write errors', new MongoBulkWriteError([]), true],
    [
      'a bulk write error copied from a network error',
      new MongoBulkWriteError([], { beforeHandshake: false }),
      true,
    ],
    ['a write concern error without write errors', named('MongoWriteConcernError'), true],
    ['a bulk write error with a duplicate key', new MongoBulkWriteError([{ code: 11000 }]), false],
    [
      'a bulk write error wrapping a pool cleared error',
      new MongoBulkWriteError([{ code: 11000 }], { cause: named('PoolClearedError') }),
      true,
    ],
    ['PoolClearedError', named('PoolClearedError'), true],
    ['MongoPoolClosedError', named('MongoPoolClosedError'), true],
    ['MongoServerSelectionError', named('MongoServerSelectionError'), true],
    ['MongoNetworkError', named('MongoNetworkError'), true],
    ['MongoNetworkTimeoutError', named('MongoNetworkTimeoutError'), true],
    ['MongoNotConnectedError', named('MongoNotConnectedError'), true],
    ['MongoTopologyClosedError', named('MongoTopologyClosedError'), true],
    ['a server error ShutdownInProgress (91)', withCode('MongoServerError', 91), true],
    ['a server error NotWritablePrimary (10107)', withCode('MongoServerError', 10107), true],
    ['a server error with a duplicate key (11000)', withCode('MongoServerError', 11000), false],
    ['a non-driver error with code 91', withCode('Error', 91), false],
    [
      'a non-driver error with beforeHandshake',
      Object.assign(new Error('x'), { beforeHandshake: true }),
      false,
    ],
    [
      'a network error three causes deep',
      new Error('a', {
        cause: new Error('b', { cause: new Error('c', { cause: named('MongoNetworkError') }) }),
      }),
      true,
    ],
  ])('%s → %s', (_label, err, expected) => {
    expect(isUnavailableError(err)).toBe(expected);
  });

  it('maps 4 concurrent writes cut mid-flight to UNAVAILABLE, not only the labelled first one', () => {
    const failures = [
      new MongoServerError(['ResetPool']),
      new MongoBulkWriteError([]),
      new MongoBulkWriteError([], { beforeHandshake: true }),
      new MongoBulkWriteError([]),
    ];
    expect(failures.map((err) => toConnectError(err).code)).toEqual(Array(4).fill(Code.Unavailable));
  });
});

describe('error helpers', () => {
  it('invalidArgument names the field in the message and in a BadRequest detail', () => {
    const err = invalidArgument('buckets[3].name', 'must be a valid MRI');
    const detail = err.details[0];
    expect([err.code, err.rawMessage]).toEqual([
      Code.InvalidArgument,
      'buckets[3].name: must be a valid MRI',
    ]);
    expect(
      detail !== undefined && 'type' in detail ? [detail.type, decodeBadRequest(detail.value)] : [],
    ).toEqual(['google.rpc.BadRequest', [{ field: 'buckets[3].name', description: 'must be a valid MRI' }]]);
  });

  it('invalidArguments lists every violation', () => {
    const err = invalidArguments([
      { field: 'org_id', description: 'must be set' },
      { field: 'use_case', description: 'unknown' },
    ]);
    const detail = err.details[0];
    expect(err.rawMessage).toBe('org_id: must be set; use_case: unknown');
    expect(detail !== undefined && 'type' in detail ? decodeBadRequest(detail.value).length : 0).toBe(2);
  });

  it('invalidArguments clips descriptions that quote huge input, by code points', () => {
    const err = invalidArguments([
      { field: 'use_case', description: `unknown use case ${'💩'.repeat(5000)}` },
    ]);
    const detail = err.details[0];
    const [violation] = detail !== undefined && 'type' in detail ? decodeBadRequest(detail.value) : [];
    expect([...(violation?.description ?? '')].length).toBe(501);
    expect(violation?.description.endsWith('💩…')).toBe(true);
    expect(err.rawMessage).toBe(`use_case: ${violation?.description}`);
  });

  it('invalidArguments keeps the list within a budget and says how many more there were', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ field: `f${i}`, description: 'x'.repeat(450) }));
    const err = invalidArguments(many);
    const detail = err.details[0];
    const listed = detail !== undefined && 'type' in detail ? decodeBadRequest(detail.value) : [];
    expect(listed.map((v) => v.field)).toEqual(['f0', 'f1', 'f2', 'f3', '(more)']);
    expect(listed[4]?.description).toBe('6 more problem(s) not listed');
  });

  it.each([
    [notFound('use case "custom"'), Code.NotFound, 'use case "custom" not found'],
    [unavailable('configuration service'), Code.Unavailable, 'configuration service unavailable'],
    [resourceExhausted('writes limit exceeded'), Code.ResourceExhausted, 'writes limit exceeded'],
  ])('%s has its code and message', (err, code, message) => {
    expect([err.code, err.rawMessage]).toEqual([code, message]);
  });
});

describe('codeName', () => {
  it.each([
    [0, 'OK'],
    [Code.Canceled, 'Canceled'],
    [Code.InvalidArgument, 'InvalidArgument'],
    [Code.DeadlineExceeded, 'DeadlineExceeded'],
    [Code.Unavailable, 'Unavailable'],
    [Code.Unauthenticated, 'Unauthenticated'],
  ] as const)('names code %i %s, as grpc-go does', (code, name) => {
    expect(codeName(code)).toBe(name);
  });
});
