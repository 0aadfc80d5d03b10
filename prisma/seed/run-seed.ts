import { readFile } from "node:fs/promises";
import { createUser } from "@workplan/core/operations/create-user";
import { importWorkReport, type ImportResult } from "@workplan/core/operations/import-work-report";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@workplan/core/rules/demo-accounts";
import { parseWorkReport } from "@workplan/core/rules/parse-work-report";
import { backfillSearchText } from "@workplan/core/infra/search-text";
import { hashPassword } from "@workplan/auth/password";
import { getPrisma } from "@workplan/db";
import { seedDemoHistory } from "./demo-history";
import { SOURCE_DEPARTMENTS } from "./departments";

export const SOURCE_FILE = new URL("./work-report-2017-2018.zh-Hant.txt", import.meta.url);

export interface SeedSummary {
  departments: ImportResult[];
  demoUsersCreated: number;
  /** Reports of the demo's January–June 2018 filed by this run (0 when they were there already). */
  demoReportsFiled: number;
}

/**
 * Seed the plan from the source text (through the same parser and operation an admin's import
 * uses), and the demo accounts when asked. Idempotent: a second run adds nothing.
 */
export async function runSeed(options: { demo: boolean; demoHistory?: boolean }): Promise<SeedSummary> {
  const text = await readFile(SOURCE_FILE, "utf8");
  const reports = parseWorkReport(text);
  const db = getPrisma();
  const departments: ImportResult[] = [];
  for (const report of reports) {
    const names = SOURCE_DEPARTMENTS[report.departmentName];
    if (!names) throw new Error(`The source names a department the seed does not know: ${report.departmentName}`);
    departments.push(await importWorkReport(db, report, names, { actorId: null }));
  }
  await backfillSearchText(db);
  let demoUsersCreated = 0;
  if (options.demo) {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const user of DEMO_ACCOUNTS) {
      const result = await createUser(null, { ...user, passwordHash }, { ifMissing: true });
      if (result.created) demoUsersCreated += 1;
    }
  }
  // The demo's half year of reports (npm start's demo; the tests keep the empty plan and file their own).
  const demoReportsFiled = options.demo && options.demoHistory ? await seedDemoHistory() : 0;
  return { departments, demoUsersCreated, demoReportsFiled };
}
