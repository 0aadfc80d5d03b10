// Loads <repo>/.env (if present) without overriding variables already set. npm runs workspace
// scripts in packages/db, so `dotenv/config` (which reads ./.env) would miss the root file.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../migrations";

const file = join(REPO_ROOT, ".env");
if (existsSync(file)) process.loadEnvFile(file);
