/** `SessionMRI` (spec §2.8): release-health metrics, ingested (raw) and derived. */
export const SessionMri = {
  // Ingested
  RAW_SESSION: 'c:sessions/session@none',
  RAW_ERROR: 's:sessions/error@none',
  RAW_USER: 's:sessions/user@none',
  RAW_DURATION: 'd:sessions/duration@second',
  // Derived
  ALL: 'e:sessions/all@none',
  HEALTHY: 'e:sessions/healthy@none',
  ERRORED: 'e:sessions/errored@none',
  ERRORED_PREAGGREGATED: 'e:sessions/error.preaggr@none',
  ERRORED_SET: 'e:sessions/error.unique@none',
  ERRORED_ALL: 'e:sessions/all_errored@none',
  CRASHED_AND_ABNORMAL: 'e:sessions/crashed_abnormal@none',
  CRASHED: 'e:sessions/crashed@none',
  CRASH_FREE: 'e:sessions/crash_free@none',
  ABNORMAL: 'e:sessions/abnormal@none',
  CRASH_RATE: 'e:sessions/crash_rate@ratio',
  CRASH_FREE_RATE: 'e:sessions/crash_free_rate@ratio',
  ALL_USER: 'e:sessions/user.all@none',
  HEALTHY_USER: 'e:sessions/user.healthy@none',
  ERRORED_USER: 'e:sessions/user.errored@none',
  ERRORED_USER_ALL: 'e:sessions/user.all_errored@none',
  CRASHED_AND_ABNORMAL_USER: 'e:sessions/user.crashed_abnormal@none',
  CRASHED_USER: 'e:sessions/user.crashed@none',
  CRASH_FREE_USER: 'e:sessions/user.crash_free@none',
  ABNORMAL_USER: 'e:sessions/user.abnormal@none',
  CRASH_USER_RATE: 'e:sessions/user.crash_rate@ratio',
  CRASH_FREE_USER_RATE: 'e:sessions/user.crash_free_rate@ratio',
  ANR_USER: 'e:sessions/user.anr@none',
  ANR_RATE: 'e:sessions/user.anr_rate@ratio',
  FOREGROUND_ANR_USER: 'e:sessions/user.foreground_anr@none',
  FOREGROUND_ANR_RATE: 'e:sessions/user.foreground_anr_rate@ratio',
  DURATION: 'd:sessions/duration.exited@second',
} as const;

export type SessionMri = (typeof SessionMri)[keyof typeof SessionMri];
