import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The fresh test database gets the plan and the demo accounts through the real seed.
export default function globalSetup() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "prisma/seed/index.ts"], {
    cwd: root,
    env: { ...process.env, SEED_DEMO: "1" },
    stdio: "inherit",
  });
}
