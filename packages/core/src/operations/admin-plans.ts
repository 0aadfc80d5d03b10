// A department's plan for a year and its themes, as the admins keep them. Initiatives are in
// admin-initiatives.ts.
// One operation per file in admin-plans/, what they share in admin-plans/shared.ts.
export { listAdminPlans } from "./admin-plans/list-admin-plans";
export { getAdminPlan } from "./admin-plans/get-admin-plan";
export { createPlan } from "./admin-plans/create-plan";
export { updatePlan } from "./admin-plans/update-plan";
export { addTheme } from "./admin-plans/add-theme";
export { updateTheme } from "./admin-plans/update-theme";
export { archiveTheme } from "./admin-plans/archive-theme";
export { authorisePlans, invalid, lockAndRefreshRollups, type AdminPlanList, type AdminPlan } from "./admin-plans/shared";
