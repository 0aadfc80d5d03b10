import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Docker cannot run on the machines that test this, so the image is checked as text: stages, base
// image, user, healthcheck, entry — and that what it copies and runs is where it says. That the
// entry works is fault-sigterm.spec.ts (scripts/serve.mjs) and the bundles' own runs.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

interface Stage {
  from: string;
  name: string | null;
  lines: string[];
}

/** The Dockerfile's stages, continuation lines joined, comments dropped, ARGs before FROM substituted. */
function stages(text: string): Stage[] {
  const lines = text
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const args = new Map<string, string>();
  const out: Stage[] = [];
  for (const line of lines) {
    const arg = /^ARG (\w+)=(\S+)$/.exec(line);
    if (arg && out.length === 0) args.set(arg[1] ?? "", arg[2] ?? "");
    const from = /^FROM (\S+)(?: AS (\S+))?$/i.exec(line);
    if (from) {
      const image = (from[1] ?? "").replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? "");
      out.push({ from: image, name: from[2] ?? null, lines: [] });
    } else {
      out.at(-1)?.lines.push(line);
    }
  }
  return out;
}

describe("the Docker image", () => {
  const dockerfile = stages(read("Dockerfile"));
  const runtime = dockerfile.at(-1);
  const runtimeLines = runtime?.lines ?? [];

  it("is built in stages and runs from a slim image of a supported Node LTS", () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    expect(runtime?.from).toMatch(/^node:(22|24)(\.\d+)*-\w+-slim$/);
    // The build stages' files reach the runtime only through COPY --from: no source, no dev dependencies.
    expect(runtimeLines.filter((l) => l.startsWith("COPY") && !l.startsWith("COPY --from="))).toEqual([]);
    expect(runtimeLines.some((l) => /npm (ci|install)/.test(l))).toBe(false);
    expect(runtimeLines).toContain("COPY --from=build /app/apps/web/.next/standalone ./");
  });

  it("runs as a user that is not root, with a healthcheck that needs no curl, and drains on SIGTERM", () => {
    const users = runtimeLines.filter((l) => l.startsWith("USER "));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER (root|0)(:|$)/);
    const healthcheck = runtimeLines.find((l) => l.startsWith("HEALTHCHECK "));
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*fetch\(.*\/api\/health\/ready/);
    expect(healthcheck).not.toMatch(/curl|wget/);
    expect(runtimeLines).toContain('CMD ["node", "scripts/serve.mjs"]');
    expect(runtimeLines.find((l) => l.startsWith("ENV "))).toMatch(/NODE_ENV=production/);
  });

  it("copies what the entry runs, from where the build puts it", () => {
    const serve = read("scripts/serve.mjs");
    const bundle = read("scripts/bundle-ops.mjs");
    // The entry's paths, the bundler's outputs and the image's copies agree.
    for (const file of ["packages/db/dist/migrate.mjs", "prisma/seed/dist/seed.mjs", "apps/web/server.js"]) expect(serve).toContain(`"${file}"`);
    expect(bundle).toContain('"packages/db/dist/migrate.mjs"');
    expect(bundle).toContain('"prisma/seed/dist/seed.mjs"');
    // What the bundles leave out is copied into the image's node_modules (the package or its scope).
    const copiedModules = runtimeLines
      .filter((l) => l.startsWith("COPY --from=build /app/node_modules/"))
      .map((l) => (l.split(" ")[2] ?? "").slice("/app/node_modules/".length));
    for (const external of ["@prisma/schema-engine-wasm", "@node-rs/argon2"]) {
      expect(bundle).toContain(`"${external}"`);
      expect(copiedModules.some((m) => external === m || external.startsWith(`${m}/`)), external).toBe(true);
    }
    for (const source of runtimeLines.filter((l) => l.startsWith("COPY --from=build /app/")).map((l) => l.split(" ")[2] ?? "")) {
      const file = source.replace("/app/", "");
      // Made by the build stage (standalone output, bundles) or in the repository.
      if (/\.next\/|\/dist$|^node_modules\//.test(file)) continue;
      expect(existsSync(path.join(root, file)), file).toBe(true);
    }
    // The standalone output is asked for by the build stage, and the config honours the request.
    expect(dockerfile.find((s) => s.name === "build")?.lines.join("\n")).toMatch(/NEXT_OUTPUT=standalone npm run build --workspace @workplan\/web/);
    expect(read("apps/web/next.config.ts")).toMatch(/process\.env\.NEXT_OUTPUT === "standalone" \? \{ output: "standalone"/);
  });

  it("leaves secrets and local data out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").map((l) => l.trim());
    for (const entry of ["node_modules", ".env", ".data", ".git", "**/.next"]) expect(ignored).toContain(entry);
  });

  it("keeps the app's healthcheck in docker-compose.yml and time to drain on stop", () => {
    const compose = read("docker-compose.yml");
    const app = compose.slice(compose.indexOf("\n  app:"));
    expect(app).toMatch(/healthcheck:\s*\n\s*test: \["CMD", "node", "-e", ".*\/api\/health\/ready/);
    expect(app).toMatch(/stop_grace_period: \d+s/);
  });
});
