import { defineConfig } from "vitest/config";

// Integration tests against a real PostgreSQL. Run them through the test-database wrapper:
//   node scripts/with-test-db.mjs npx --workspace @workplan/db vitest run --config vitest.int.config.ts
// (without it, each test file creates its own database with createTestDatabase()).
export default defineConfig({
  test: {
    include: ["src/**/*.int.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
