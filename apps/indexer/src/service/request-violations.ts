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
  return new Violations();
}

// A class: a literal with a getter is built property by property at run time, a cost every call paid.
class Violations implements RequestViolations {
  private readonly violations: FieldViolation[] = [];
  private total = 0;

  add(field: string, description: string): void {
    this.total++;
    if (this.violations.length < REQUEST_LIMITS.maxViolations) this.violations.push({ field, description });
  }

  get count(): number {
    return this.total;
  }

  error(): ConnectError | undefined {
    if (this.total === 0) return undefined;
    const listed = [...this.violations];
    if (this.total > listed.length) {
      listed.push({
        field: '(more)',
        description: `${this.total - listed.length} more problem(s) not listed`,
      });
    }
    return invalidArguments(listed);
  }
}
