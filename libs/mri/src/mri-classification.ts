import { mriString, type ParsedMri } from './parsed-mri.js';
import { TransactionMri } from './transaction-mri.js';

/** The only namespace that holds custom metrics (spec §1.3, §2.5). */
export const CUSTOM_NAMESPACE = 'custom';
export const TRANSACTIONS_NAMESPACE = 'transactions';
const MEASUREMENT_PREFIX = 'measurements.';

const KNOWN_TRANSACTION_MRIS: ReadonlySet<string> = new Set(Object.values(TransactionMri));

/** `is_custom_metric`: the MRI is in the `custom` namespace. */
export function isCustomMetric(parsed: ParsedMri): boolean {
  return parsed.namespace === CUSTOM_NAMESPACE;
}

/** `is_measurement`: a `transactions` metric whose name starts with `measurements.`. */
export function isMeasurement(parsed: ParsedMri): boolean {
  return parsed.namespace === TRANSACTIONS_NAMESPACE && parsed.name.startsWith(MEASUREMENT_PREFIX);
}

/** `is_custom_measurement`: a measurement that is not one of the known `TransactionMRI` values. */
export function isCustomMeasurement(parsed: ParsedMri): boolean {
  return isMeasurement(parsed) && !KNOWN_TRANSACTION_MRIS.has(mriString(parsed));
}
