import type { ConnectError } from '@connectrpc/connect';
import { invalidArguments, type FieldViolation } from '@mindex/rpc-server';
import { REQUEST_LIMITS } from './request-limits.js';

/** Collects what is wrong with a request, to answer every problem at once (capped). */
export interface RequestViolations {
  add(field: string, description: string): void;
  readonly count: number;
  /** InvalidArgument listing the violations, or undefined when there are none. */
  error(): ConnectError | undefined;
}

export function createRequestViolations(): RequestViolations {
  const violations: FieldViolation[] = [];
  let count = 0;
  return {
    add(field, description) {
      count++;
      if (violations.length < REQUEST_LIMITS.maxViolations) violations.push({ field, description });
    },
    get count() {
      return count;
    },
    error() {
      if (count === 0) return undefined;
      const listed = [...violations];
      if (count > listed.length) {
        listed.push({ field: '(more)', description: `${count - listed.length} more problem(s) not listed` });
      }
      return invalidArguments(listed);
    },
  };
}
