import { commonStrings } from '@mindex/proto';
import { FetchType } from '../indexer/fetch-type.js';

const WIRE: Readonly<Record<FetchType, commonStrings.FetchType>> = {
  [FetchType.CACHE_HIT]: commonStrings.FetchType.CACHE_HIT,
  [FetchType.HARDCODED]: commonStrings.FetchType.HARDCODED,
  [FetchType.DB_READ]: commonStrings.FetchType.DB_READ,
  [FetchType.FIRST_SEEN]: commonStrings.FetchType.FIRST_SEEN,
  [FetchType.RATE_LIMITED]: commonStrings.FetchType.RATE_LIMITED,
};

/** The proto enum value of a fetch type. */
export function fetchTypeToWire(fetchType: FetchType): commonStrings.FetchType {
  return WIRE[fetchType];
}
