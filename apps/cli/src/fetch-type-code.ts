import { commonStrings } from '@mindex/proto';

const CODES: Record<commonStrings.FetchType, string> = {
  [commonStrings.FetchType.UNSPECIFIED]: '-',
  [commonStrings.FetchType.CACHE_HIT]: 'c',
  [commonStrings.FetchType.HARDCODED]: 'h',
  [commonStrings.FetchType.DB_READ]: 'd',
  [commonStrings.FetchType.FIRST_SEEN]: 'f',
  [commonStrings.FetchType.RATE_LIMITED]: 'r',
};

/** The one-letter code of a fetch type (spec §4.2), "-" when there is none. */
export function fetchTypeCode(fetchType: commonStrings.FetchType): string {
  return CODES[fetchType] ?? '?';
}
