import path from "node:path";
import { mergeConfig } from "vitest/config";
import { integrationConfig } from "../../vitest.int.shared";

// The server actions' integration tests (test/*.int.test.ts), against this run's real database.
export default mergeConfig(integrationConfig(), {
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: { include: ["test/**/*.int.test.ts"] },
});
