import { Code, ConnectError } from '@connectrpc/connect';
import { BAD_REQUEST_TYPE, decodeBadRequest, invalidArgument } from '@mindex/rpc-server';
import { describe, expect, it } from 'vitest';
import { DependencyError } from '../dependencies/dependency-error.js';
import { mapDependencyError } from './map-dependency-error.js';

describe('mapDependencyError', () => {
  it.each([
    [
      'unavailable',
      new ConnectError('down', Code.Unavailable),
      Code.Unavailable,
      'indexer service unavailable',
    ],
    ['failed', new ConnectError('no', Code.PermissionDenied), Code.Internal, 'internal error'],
    [
      'invalid_argument',
      new ConnectError('string: longer than 200 code points', Code.InvalidArgument),
      Code.InvalidArgument,
      'string: longer than 200 code points',
    ],
  ] as const)('maps a %s dependency error to %s', (reason, cause, code, message) => {
    const mapped = mapDependencyError(new DependencyError('indexer service', reason, cause));
    expect(mapped).toBeInstanceOf(ConnectError);
    expect([(mapped as ConnectError).code, (mapped as ConnectError).rawMessage]).toEqual([code, message]);
  });

  it("keeps the dependency's field violations on INVALID_ARGUMENT", () => {
    const cause = invalidArgument('string', 'longer than 200 code points');
    const mapped = mapDependencyError(new DependencyError('indexer service', 'invalid_argument', cause));
    const detail = (mapped as ConnectError).details.find((d) => 'type' in d && d.type === BAD_REQUEST_TYPE);
    expect(decodeBadRequest((detail as { value: Uint8Array }).value)).toEqual([
      { field: 'string', description: 'longer than 200 code points' },
    ]);
  });

  it('lets other errors through unchanged', () => {
    const bug = new TypeError('bug');
    expect(mapDependencyError(bug)).toBe(bug);
  });
});
