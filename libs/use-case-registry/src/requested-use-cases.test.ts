import { describe, expect, it } from 'vitest';
import { canAccessUseCase, requestedUseCase, requestedUseCases } from './requested-use-cases.js';
import { createUseCaseRegistry } from './use-case-registry.js';

const registry = createUseCaseRegistry();
const USER = { elevated: false };
const STAFF = { elevated: true };
const ONE = {
  reason: 'inaccessible_use_case',
  message: "The supplied use case doesn't exist or it's private",
};
const MANY = {
  reason: 'inaccessible_use_case',
  message: "One or more supplied use cases doesn't exist or it's private",
};

describe('canAccessUseCase', () => {
  it.each([
    ['spans', USER, true],
    ['profiles', USER, false],
    ['profiles', STAFF, true],
    ['unknown', USER, false],
  ])('%s for %j: %s', (id, options, expected) => {
    expect(canAccessUseCase(registry, id, options)).toBe(expected);
  });
});

describe('requestedUseCase', () => {
  it.each([
    [undefined, USER, 'sessions'],
    ['spans', USER, 'spans'],
    ['performance', USER, 'transactions'],
    ['metric_stats', STAFF, 'metric_stats'],
  ])('resolves %j for %j to %s', (value, options, useCaseId) => {
    expect(requestedUseCase(registry, value, options)).toStrictEqual({ ok: true, useCaseId });
  });

  it.each([
    ['metric_stats', USER],
    ['foo', STAFF],
  ])('rejects %j for %j', (value, options) => {
    expect(requestedUseCase(registry, value, options)).toStrictEqual({ ok: false, error: ONE });
  });
});

describe('requestedUseCases', () => {
  it('defaults to every accessible use case', () => {
    expect(requestedUseCases(registry, [], USER)).toStrictEqual({
      ok: true,
      useCaseIds: ['spans', 'transactions', 'sessions', 'custom'],
    });
    expect(requestedUseCases(registry, [], STAFF)).toStrictEqual({
      ok: true,
      useCaseIds: registry.useCaseIds(),
    });
  });

  it('resolves each requested use case in order', () => {
    expect(requestedUseCases(registry, ['custom', 'release-health'], USER)).toStrictEqual({
      ok: true,
      useCaseIds: ['custom', 'sessions'],
    });
  });

  it.each([[['spans', 'profiles']], [['spans', 'nope']]])('rejects %j for a user', (values) => {
    expect(requestedUseCases(registry, values, USER)).toStrictEqual({ ok: false, error: MANY });
  });
});
