// One operation per file in chase/, what they share in chase/shared.ts.
export { chaseInitiative } from "./chase/chase-initiative";
export { chaseDepartment, previewDepartmentChase, type DepartmentChasePreview, type DepartmentChaseTarget } from "./chase/chase-department";
export { getChaseHistory, CHASE_HISTORY_LIMIT, type ChaseHistory, type ChaseRecord } from "./chase/get-chase-history";
export { type ChaseContext, REPLY_BY_MAX_DAYS } from "./chase/shared";
export { type ChaseFollowUp } from "../rules/chase-follow-up";
