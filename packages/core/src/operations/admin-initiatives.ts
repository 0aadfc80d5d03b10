// Initiatives (重點工作) as the admins keep them: added, edited, archived. An edit changes what the
// plan says (wording, target, due date, departments), never what was reported: progress, health,
// measured value, version and history stay as they are.
// One operation per file in admin-initiatives/, what they share in admin-initiatives/shared.ts.
export { getAdminInitiative } from "./admin-initiatives/get-admin-initiative";
export { addInitiative } from "./admin-initiatives/add-initiative";
export { updateInitiative } from "./admin-initiatives/update-initiative";
export { setInitiativeArchived } from "./admin-initiatives/set-initiative-archived";
export { type AdminInitiative } from "./admin-initiatives/shared";
