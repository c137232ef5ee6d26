/** `SpanMRI` (spec §2.8). */
export const SpanMri = {
  USER: 's:spans/user@none',
  DURATION: 'd:spans/duration@millisecond',
  COUNT_PER_ROOT_PROJECT: 'c:spans/count_per_root_project@none',
  SELF_TIME: 'd:spans/exclusive_time@millisecond',
  SELF_TIME_LIGHT: 'd:spans/exclusive_time_light@millisecond',
  AI_TOTAL_TOKENS: 'c:spans/ai.total_tokens.used@none',
  AI_TOTAL_COST: 'c:spans/ai.total_cost@usd',
  CACHE_ITEM_SIZE: 'd:spans/cache.item_size@byte',
  DECODED_RESPONSE_CONTENT_LENGTH: 'd:spans/http.decoded_response_content_length@byte',
  MESSAGE_RECEIVE_LATENCY: 'g:spans/messaging.message.receive.latency@millisecond',
  MOBILE_FRAMES_DELAY: 'g:spans/mobile.frames_delay@second',
  MOBILE_FROZEN_FRAMES: 'g:spans/mobile.frozen_frames@none',
  MOBILE_SLOW_FRAMES: 'g:spans/mobile.slow_frames@none',
  MOBILE_TOTAL_FRAMES: 'g:spans/mobile.total_frames@none',
  RESPONSE_CONTENT_LENGTH: 'd:spans/http.response_content_length@byte',
  RESPONSE_TRANSFER_SIZE: 'd:spans/http.response_transfer_size@byte',
  WEB_VITALS_INP: 'd:spans/webvital.inp@millisecond',
  WEB_VITALS_SCORE_INP: 'd:spans/webvital.score.inp@ratio',
  WEB_VITALS_SCORE_TOTAL: 'd:spans/webvital.score.total@ratio',
  WEB_VITALS_SCORE_WEIGHT: 'd:spans/webvital.score.weight.inp@ratio',
  // Derived
  ALL: 'e:spans/all@none',
  ALL_LIGHT: 'e:spans_light/all@none',
  HTTP_ERROR_COUNT: 'e:spans/http_error_count@none',
  HTTP_ERROR_RATE: 'e:spans/http_error_rate@ratio',
  HTTP_ERROR_COUNT_LIGHT: 'e:spans/http_error_count_light@none',
  HTTP_ERROR_RATE_LIGHT: 'e:spans/http_error_rate_light@ratio',
} as const;

export type SpanMri = (typeof SpanMri)[keyof typeof SpanMri];
