// `npm run db:seed`: the 2017 record and 2018 plan from the source text; the demo accounts when
// SEED_DEMO=1 (npm start sets it for the embedded database); with SEED_DEMO_HISTORY=1 too (npm
// start's demo), a half year of 2018 reports.
import { disconnectPrisma } from "@workplan/db";
import { runSeed } from "./run-seed";

const demo = process.env.SEED_DEMO === "1";
const demoHistory = process.env.SEED_DEMO_HISTORY === "1";
try {
  const summary = await runSeed({ demo, demoHistory });
  const created = summary.departments.reduce((n, d) => n + d.createdInitiatives, 0);
  console.log(
    `seed: ${summary.departments.length} departments, ${created} initiatives created` +
      (demo ? `, ${summary.demoUsersCreated} demo accounts created` : "") +
      (summary.demoReportsFiled > 0 ? `, ${summary.demoReportsFiled} demo reports of January–June 2018 filed` : ""),
  );
  await disconnectPrisma();
  process.exit(0);
} catch (error) {
  const fields = typeof error === "object" && error !== null && "fields" in error ? ` ${JSON.stringify((error as { fields: unknown }).fields)}` : "";
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}${fields}`);
  await disconnectPrisma();
  process.exit(1);
}
