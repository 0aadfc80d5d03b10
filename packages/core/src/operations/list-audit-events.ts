// The audit trail as admins read it: newest first, filtered, a page at a time. Pages are cut by
// keyset, never by OFFSET, so page 10,000 costs what page 1 does. The order is (at, id) descending
// — the table's indexes are on at, (actor_id, at) and (object_type, object_id) — and the cursor a
// page hands out is an event id, whose `at` is looked up by primary key.
// One operation per file in list-audit-events/, what they share in list-audit-events/shared.ts.
export { listAuditEvents } from "./list-audit-events/list-audit-events";
export { exportAuditEvents } from "./list-audit-events/export-audit-events";
export { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX, AUDIT_EXPORT_BATCH, auditFiltersSchema, type AuditFilters, type AuditObjectLink, type AuditObjectSummary, type AuditRow, type AuditPage } from "./list-audit-events/shared";
