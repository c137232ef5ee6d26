import type { configurationOptions } from '@mindex/proto';
import { invalidArgument } from '@mindex/rpc-server';
import {
  WIRE_FIELD_OF_TYPE,
  optionValueFromWire,
  validateAgainstDefinition,
  type OptionDefinition,
  type OptionValue,
} from '@mindex/runtime-options';

/**
 * The value of a SetOption request, converted and validated against the option's definition; anything else is
 * INVALID_ARGUMENT naming the field inside `value`, e.g. "value.quota_list.quotas[0].window_seconds: ...".
 */
export function optionValueFromRequest(
  definition: OptionDefinition,
  wire: configurationOptions.OptionValue | undefined,
): OptionValue {
  const converted = optionValueFromWire(wire);
  if (!converted.ok) {
    const { field, message } = converted.error;
    throw invalidArgument(field === '' ? 'value' : `value.${field}`, message);
  }
  const checked = validateAgainstDefinition(definition, converted.value);
  if (checked.ok) return checked.value;
  const { reason, field, message } = checked.error;
  if (reason !== 'invalid_value') throw invalidArgument('value', message);
  const base = `value.${WIRE_FIELD_OF_TYPE[definition.type]}`;
  throw invalidArgument(field === '' ? base : `${base}.${field}`, message);
}
