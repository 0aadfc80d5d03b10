import type { Role } from "./policy";

/** The password of every demo account (demo mode only; never on a real deployment). */
export const DEMO_PASSWORD = "Demo-2018-Plan!";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** Department code; null for ministry-wide roles */
  departmentCode: string | null;
}

/** Created by the demo seed and listed on the sign-in page in demo mode. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "admin@demo.local", name: "系统管理员", role: "ADMIN", departmentCode: null },
  { email: "director@demo.local", name: "部督查室主任", role: "MANAGER", departmentCode: null },
  { email: "policy.lead@demo.local", name: "产业政策司处长", role: "MANAGER", departmentCode: "CYZCS" },
  { email: "policy.staff@demo.local", name: "产业政策司干部", role: "STAFF", departmentCode: "CYZCS" },
  { email: "tech.staff@demo.local", name: "科技司干部", role: "STAFF", departmentCode: "KJS" },
];
