import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Integration tests run against the real PostgreSQL database that `scripts/with-test-db.mjs`
 * creates for the run (DATABASE_URL). `server-only` resolves to its server (empty) build, as it
 * does inside Next's server bundle.
 */
export function integrationConfig() {
  return defineConfig({
    resolve: {
      alias: { "server-only": path.join(import.meta.dirname, "node_modules/server-only/empty.js") },
    },
    test: {
      include: ["src/**/*.int.test.ts"],
      setupFiles: [path.join(import.meta.dirname, "vitest.int.setup.ts")],
      fileParallelism: false,
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  });
}
