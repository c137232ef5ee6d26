import { invalidArgument } from '@mindex/rpc-server';

/** Largest id stored in MongoDB (Int64). */
export const MAX_ID = 2n ** 63n - 1n;
/** Longest name, author, MRI or tag key accepted, in code points. */
export const MAX_STRING_CODE_POINTS = 200;
/** Most projects one blocking call may name. */
export const MAX_PROJECTS_PER_REQUEST = 1000;
/** Most tag keys one blocking call may block or unblock. */
export const MAX_TAGS_PER_REQUEST = 1000;
/** Default and largest page of ListOptionChanges. */
export const DEFAULT_CHANGES_LIMIT = 100;
export const MAX_CHANGES_LIMIT = 1000;

const codePoints = (s: string): number => [...s].length;

export function checkId(field: string, id: bigint): bigint {
  if (id > MAX_ID) throw invalidArgument(field, 'must be at most 2^63-1');
  return id;
}

export function checkRequiredString(field: string, value: string): string {
  if (value === '') throw invalidArgument(field, 'required');
  return checkString(field, value);
}

export function checkString(field: string, value: string): string {
  if (codePoints(value) > MAX_STRING_CODE_POINTS) {
    throw invalidArgument(field, `longer than ${MAX_STRING_CODE_POINTS} code points`);
  }
  return value;
}

/** A uint64 version as a JS number (versions stay far below 2^53). */
export function checkVersion(field: string, version: bigint): number {
  if (version > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidArgument(field, 'must be at most 2^53-1');
  return Number(version);
}
