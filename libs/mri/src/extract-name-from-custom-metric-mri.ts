import { CUSTOM_NAMESPACE, TRANSACTIONS_NAMESPACE } from './mri-classification.js';
import { parseMri } from './parse-mri.js';

/**
 * The public alias of a custom metric (`custom` namespace) or custom measurement (a `d:transactions/…`
 * distribution): its name. Null for anything else or an MRI that does not parse (spec §2.5, `mapping.py`).
 */
export function extractNameFromCustomMetricMri(mri: string): string | null {
  const parsed = parseMri(mri);
  if (parsed === null) return null;
  const customMetric = parsed.namespace === CUSTOM_NAMESPACE;
  const customMeasurement = parsed.entity === 'd' && parsed.namespace === TRANSACTIONS_NAMESPACE;
  return customMetric || customMeasurement ? parsed.name : null;
}
