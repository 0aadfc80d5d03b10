// Whether the database answers, as this process last saw it (packages/db/src/availability.ts):
// the web app's proxy and API transport turn an outage into 503 + Retry-After.
export {
  RETRY_AFTER_SECONDS,
  checkDatabaseOnce,
  databaseOutage,
  initialDatabaseCheck,
  isConnectionFailure,
  reportDatabaseError,
  type DatabaseOutage,
} from "@workplan/db/availability";
