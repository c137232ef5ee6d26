import { formatValueUsingUnitAndOp } from './format-value-using-unit.js';
import { parseMriField } from './parse-mri-field.js';

// Decimal literals as Python's float() reads them (surrounding whitespace allowed, `_` between digits).
const DECIMAL = /^\s*[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?\s*$/u;

/**
 * Formats a field's numeric value for humans using the field's unit and op: 60 for `avg(…@second)` is
 * "1 minute". Returns `value` unchanged when `field` is not an `op(MRI)` field, and also (unlike Sentry,
 * which raises) when `value` is not a finite decimal number.
 */
export function formatMriFieldValue(field: string, value: string): string {
  const parsed = parseMriField(field);
  if (parsed === null || !DECIMAL.test(value)) return value;
  const numeric = Number(value.trim().replaceAll('_', ''));
  if (!Number.isFinite(numeric)) return value;
  return formatValueUsingUnitAndOp(numeric, parsed.mri.unit, parsed.op);
}
