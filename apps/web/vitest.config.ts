import { defineConfig } from "vitest/config";

export default defineConfig({
  // 20 s, not vitest's 5, as in the packages' unit configs: `npm test` runs type checks, lint and unit
  // tests side by side on two cores.
  test: { include: ["test/**/*.test.ts"], exclude: ["test/**/*.int.test.ts"], testTimeout: 20_000 },
});
