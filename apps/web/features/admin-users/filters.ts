export interface UserFilterValues {
  q: string;
  role: string;
  department: string;
  active: string;
  locked: string;
}

/** The filters live in the URL (/admin/users?q=…&role=…), so a filtered list can be shared as a link. */
export function filtersToSearch(values: Partial<UserFilterValues> & { page?: number }): string {
  const params = new URLSearchParams();
  for (const key of ["q", "role", "department", "active", "locked"] as const) {
    const value = values[key]?.trim();
    if (value) params.set(key, value);
  }
  if (values.page && values.page > 1) params.set("page", String(values.page));
  const search = params.toString();
  return search ? `?${search}` : "";
}
