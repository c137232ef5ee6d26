import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { codePointLength } from '@mindex/mri';
import type { FieldViolation } from '@mindex/rpc-server';
import { UseCaseApiAccess, type UseCaseRegistry } from '@mindex/use-case-registry';
import { MAX_INT64 } from '../ids/uint64.js';
import { MAX_PROJECTS, MAX_STRING_LENGTH, MAX_USE_CASES } from './request-limits.js';

/**
 * Collects the problems of one request, each as "<field>: <why>", so a client sees all of them at once.
 */
export interface FieldChecks {
  readonly violations: FieldViolation[];
  orgId(value: bigint, field?: string): bigint;
  projectIds(values: readonly bigint[]): bigint[];
  useCaseIds(values: readonly string[]): string[];
  /** A use-case id or key value (spec §1.5), as the §8 helpers accept. */
  useCase(value: string, field?: string): string;
  string(value: string, field: string, options?: { allowEmpty?: boolean; maxLength?: number }): string;
  timestamp(value: Timestamp | undefined): Date | undefined;
  add(field: string, description: string): void;
}

export function createFieldChecks(registry: UseCaseRegistry): FieldChecks {
  const violations: FieldViolation[] = [];
  const add = (field: string, description: string) => violations.push({ field, description });
  return {
    violations,
    add,
    orgId(value, field = 'org_id') {
      if (value > MAX_INT64) add(field, `must be at most ${MAX_INT64}`);
      return value;
    },
    projectIds(values) {
      if (values.length > MAX_PROJECTS) add('project_ids', `at most ${MAX_PROJECTS} projects`);
      values.forEach((value, i) => {
        if (value > MAX_INT64) add(`project_ids[${i}]`, `must be at most ${MAX_INT64}`);
      });
      // A project asked twice is still one project.
      return [...new Set(values)];
    },
    useCaseIds(values) {
      if (values.length > MAX_USE_CASES) add('use_cases', `at most ${MAX_USE_CASES} use cases`);
      // None means every public use case, as Sentry's `get_use_case_ids` default.
      if (values.length === 0) {
        return registry.useCaseIds().filter((id) => registry.apiAccess(id) === UseCaseApiAccess.PUBLIC);
      }
      values.forEach((value, i) => {
        if (!registry.isUseCaseId(value)) add(`use_cases[${i}]`, `The use case ${value} does not exist`);
      });
      return [...values];
    },
    useCase(value, field = 'use_case') {
      const resolved = registry.stringToUseCaseId(value);
      if (resolved.ok) return resolved.useCaseId;
      add(field, resolved.error.message);
      return value;
    },
    string(value, field, options = {}) {
      const maxLength = options.maxLength ?? MAX_STRING_LENGTH;
      if (value === '' && options.allowEmpty !== true) add(field, 'must not be empty');
      else if (codePointLength(value) > maxLength) add(field, `longer than ${maxLength} code points`);
      return value;
    },
    timestamp(value) {
      return value === undefined ? undefined : timestampDate(value);
    },
  };
}
