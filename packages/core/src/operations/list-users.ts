// The admins' view of the accounts: a searchable, filtered, paginated list, one account with its
// recent sign-ins, and the departments an account may be assigned to.
// One operation per file in list-users/, what they share in list-users/shared.ts.
export { listUsers } from "./list-users/list-users";
export { getUserForAdmin } from "./list-users/get-user-for-admin";
export { listAssignableDepartments } from "./list-users/list-assignable-departments";
export { USERS_PAGE_DEFAULT, USERS_PAGE_MAX, listUsersQuerySchema, type ListUsersQuery, apiAdminUserListSchema, type AdminUserList, parseListUsersQuery, RECENT_SESSIONS, type AdminUserDetail, type AssignableDepartment } from "./list-users/shared";
