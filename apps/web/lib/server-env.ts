import "server-only";
import { serverEnvProblems } from "@workplan/core/infra/env";

/** Refuse to start, naming every variable that is missing or would not work (core/src/infra/env.ts). */
export function assertServerEnv(env: NodeJS.ProcessEnv = process.env): void {
  const problems = serverEnvProblems(env);
  if (problems.length > 0) {
    console.error(`Workplan cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}\nUse \`npm start\`, or see README → Configuration.`);
    process.exit(1);
  }
}
