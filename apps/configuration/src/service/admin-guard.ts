import { createHash, timingSafeEqual } from 'node:crypto';
import { Code, ConnectError, type HandlerContext } from '@connectrpc/connect';

/** Checks the bearer token of a mutating call; a no-op when no token is configured. */
export type AdminGuard = (context: HandlerContext) => void;

const BEARER = /^Bearer\s+(.+)$/i;
const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Mutating RPCs need `authorization: Bearer <token>` when a token is configured: none (or not a bearer token)
 * is UNAUTHENTICATED, a wrong one PERMISSION_DENIED. Tokens are compared in constant time (over their digests,
 * so the length does not leak either).
 */
export function createAdminGuard(token: string | undefined): AdminGuard {
  if (token === undefined || token === '') return () => undefined;
  const expected = digest(token);
  return (context) => {
    const header = context.requestHeader.get('authorization');
    const match = header === null ? null : BEARER.exec(header.trim());
    if (match === null) {
      throw new ConnectError(
        'this call changes configuration and needs a bearer token',
        Code.Unauthenticated,
      );
    }
    if (!timingSafeEqual(digest(match[1] ?? ''), expected)) {
      throw new ConnectError('the bearer token is not valid', Code.PermissionDenied);
    }
  };
}
