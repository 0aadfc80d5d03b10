// A month's report status as one letter, for the compact rows a department's calendar sends its
// client component (CalendarRows.tsx). A plain module: server and client code both read it.

export type Status = "ON_TIME" | "LATE" | "MISSING" | "NOT_DUE";
export const STATUS_LETTER: Record<Status, string> = { ON_TIME: "O", LATE: "L", MISSING: "M", NOT_DUE: "N" };
export const BY_LETTER: Record<string, Status> = { O: "ON_TIME", L: "LATE", M: "MISSING", N: "NOT_DUE" };
