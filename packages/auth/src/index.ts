export { authOptions, SIGN_IN_ERRORS } from "./options";
export { getSession, requireUser, requirePermission } from "./session";
export type { SessionViewer } from "@workplan/core/operations/load-viewer";
