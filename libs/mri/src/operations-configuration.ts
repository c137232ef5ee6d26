/** Which operations the metrics API hides for one organization (`OperationsConfiguration`, spec §3.3). */
export interface OperationsConfiguration {
  /** Adds ops to the hidden set (set union). */
  hideOperations(operations: Iterable<string>): void;
  /** The hidden ops, in the order they were first hidden. */
  getHiddenOperations(): readonly string[];
  isHidden(operation: string): boolean;
}

export function createOperationsConfiguration(): OperationsConfiguration {
  const hidden = new Set<string>();
  return {
    hideOperations(operations) {
      for (const op of operations) hidden.add(op);
    },
    getHiddenOperations: () => [...hidden],
    isHidden: (operation) => hidden.has(operation),
  };
}
