// One operation per file in get-plan-overview/, what they share in get-plan-overview/shared.ts.
export { listPlanYears } from "./get-plan-overview/list-plan-years";
export { getPlanOverview } from "./get-plan-overview/get-plan-overview";
export { getPlanSummary } from "./get-plan-overview/get-plan-summary";
export { type PlanOverview, type PlanSummaryRow } from "./get-plan-overview/shared";
