import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

// Accept caller ids that are safe to log and echo; anything else is replaced.
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `x-request-id` when it is a sane token, otherwise a fresh UUID. */
export function requestIdFrom(header: Headers, generate: () => string = randomUUID): string {
  const given = header.get(REQUEST_ID_HEADER);
  return given !== null && VALID_REQUEST_ID.test(given) ? given : generate();
}
