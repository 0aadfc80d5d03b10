// Departments (司局) as the admins keep them: names in three scripts, the short code of their
// initiative codes, archived rather than deleted once anything refers to them.
// One operation per file in admin-departments/, what they share in admin-departments/shared.ts.
export { listDepartments } from "./admin-departments/list-departments";
export { listDepartmentOptions } from "./admin-departments/list-department-options";
export { getDepartment } from "./admin-departments/get-department";
export { createDepartment } from "./admin-departments/create-department";
export { updateDepartment } from "./admin-departments/update-department";
export { setDepartmentArchived } from "./admin-departments/set-department-archived";
export { deleteDepartment } from "./admin-departments/delete-department";
export { type AdminContext, type AdminDepartment, type DepartmentOption } from "./admin-departments/shared";
