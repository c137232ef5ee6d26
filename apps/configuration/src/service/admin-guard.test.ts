import { Code, ConnectError, createHandlerContext } from '@connectrpc/connect';
import { configuration } from '@mindex/proto';
import { describe, expect, it } from 'vitest';
import { createAdminGuard } from './admin-guard.js';

const method = configuration.ConfigurationService.method.setOption;
const contextWith = (authorization?: string) =>
  createHandlerContext({
    service: configuration.ConfigurationService,
    method,
    protocolName: 'grpc',
    requestMethod: 'POST',
    url: 'http://localhost/x',
    requestHeader: authorization === undefined ? {} : { authorization },
  });

function codeOf(fn: () => void): Code | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return err instanceof ConnectError ? err.code : (Code.Unknown as Code);
  }
}

describe('createAdminGuard', () => {
  it('lets everything through when no token is configured', () => {
    expect(codeOf(() => createAdminGuard(undefined)(contextWith()))).toBe('ok');
    expect(codeOf(() => createAdminGuard('')(contextWith()))).toBe('ok');
  });

  it.each<[string, string | undefined, Code | 'ok']>([
    ['the right token', 'Bearer s3cret', 'ok'],
    ['a lower-case scheme', 'bearer s3cret', 'ok'],
    ['no header', undefined, Code.Unauthenticated],
    ['another scheme', 'Basic czNjcmV0', Code.Unauthenticated],
    ['an empty bearer', 'Bearer ', Code.Unauthenticated],
    ['a wrong token', 'Bearer nope', Code.PermissionDenied],
    ['a longer token', 'Bearer s3cret2', Code.PermissionDenied],
  ])('with a token configured, %s gives %s', (_label, header, expected) => {
    expect(codeOf(() => createAdminGuard('s3cret')(contextWith(header)))).toBe(expected);
  });
});
