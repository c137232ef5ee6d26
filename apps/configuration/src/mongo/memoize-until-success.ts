/** Runs `fn` once and shares its promise; after a failure the next call tries again. */
export function memoizeUntilSuccess(fn: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | undefined;
  return () => {
    pending ??= fn().catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}
