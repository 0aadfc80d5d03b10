import { defineConfig } from "vitest/config";

export default defineConfig({
  // 20 s, not vitest's 5: `npm test` runs the packages' type checks, lint and unit tests side by side
  // on two cores, where the first test of a file also pays for loading its module graph (the
  // Chinese conversion tables, zod schemas); a slow machine is not a failing rule.
  test: { include: ["src/**/*.test.ts"], exclude: ["src/**/*.int.test.ts"], testTimeout: 20_000 },
});
