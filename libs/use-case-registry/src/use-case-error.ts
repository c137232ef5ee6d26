/** Why a string did not resolve to a use case; `message` is safe to show to a client. */
export interface UseCaseError {
  readonly reason: 'invalid_mri' | 'unknown_use_case' | 'unmapped_use_case_key' | 'inaccessible_use_case';
  readonly message: string;
}

export type UseCaseIdResult =
  { readonly ok: true; readonly useCaseId: string } | { readonly ok: false; readonly error: UseCaseError };

/** Thrown when a registry is built from inconsistent entries (a configuration bug, not bad input). */
export class InvalidUseCaseRegistryError extends Error {
  readonly reason = 'invalid_use_case_registry';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid use-case registry: ${problems.join('; ')}`);
    this.name = 'InvalidUseCaseRegistryError';
    this.problems = problems;
  }
}

/** Thrown by `toUseCaseId` for a value that is neither a registered use case nor a mapped key. */
export class UnknownUseCaseError extends Error {
  readonly reason: 'unknown_use_case' | 'unmapped_use_case_key';
  readonly value: string;

  constructor(reason: UnknownUseCaseError['reason'], value: string) {
    super(
      reason === 'unmapped_use_case_key'
        ? `The use case key ${value} has no canonical use case`
        : `The use case ${value} does not exist`,
    );
    this.name = 'UnknownUseCaseError';
    this.reason = reason;
    this.value = value;
  }
}
