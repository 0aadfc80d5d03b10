// What an admin changes about an account: role and department, active or not, a sign-in lock, and a
// forced password reset. Every change is one transaction with its audit event (before and after,
// never a hash or a token). Sessions re-read the user on every request (load-viewer.ts), so a new
// role or department applies from the user's very next request, and a deactivation ends it.
// One operation per file in update-user/, what they share in update-user/shared.ts.
export { updateUser } from "./update-user/update-user";
export { unlockUser } from "./update-user/unlock-user";
export { forcePasswordReset } from "./update-user/force-password-reset";
export { updateUserSchema, type UpdateUserInput } from "./update-user/shared";
