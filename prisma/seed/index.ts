// `npm run db:seed`: the 2017 record and 2018 plan from the source text; the demo accounts when
// SEED_DEMO=1 (npm start sets it for the embedded database).
import { disconnectPrisma } from "@workplan/db";
import { runSeed } from "./run-seed";

const demo = process.env.SEED_DEMO === "1";
try {
  const summary = await runSeed({ demo });
  const created = summary.departments.reduce((n, d) => n + d.createdInitiatives, 0);
  console.log(
    `seed: ${summary.departments.length} departments, ${created} initiatives created` +
      (demo ? `, ${summary.demoUsersCreated} demo accounts created` : ""),
  );
  await disconnectPrisma();
  process.exit(0);
} catch (error) {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  await disconnectPrisma();
  process.exit(1);
}
