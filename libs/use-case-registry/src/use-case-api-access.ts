/** Whether public API endpoints may expose a use case (`UseCaseIDAPIAccess`, spec §1.2). */
export const UseCaseApiAccess = { PUBLIC: 0, PRIVATE: 1 } as const;

export type UseCaseApiAccess = (typeof UseCaseApiAccess)[keyof typeof UseCaseApiAccess];
