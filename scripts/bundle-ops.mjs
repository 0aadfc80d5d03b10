#!/usr/bin/env node
// The image's migrations and seed as two self-contained files (run by scripts/serve.mjs with plain
// `node`, no tsx and no dev dependencies in the image):
//   packages/db/dist/migrate.mjs   (reads prisma/migrations beside it: <root>/prisma/migrations)
//   prisma/seed/dist/seed.mjs      (reads the plan's source text from prisma/seed/)
// Left outside the bundles, to be copied into the image's node_modules: the schema engine (its
// .wasm file is read from the package) and the native password hasher.
// esbuild comes with tsx (a dev dependency); run this where dev dependencies are installed.
import { copyFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const EXTERNAL = ["@prisma/schema-engine-wasm", "@node-rs/argon2", "pg-native"];

const common = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: EXTERNAL,
  // server-only resolves to an empty module under react-server, as with `--conditions=react-server`.
  conditions: ["react-server"],
  // Bundled CommonJS still calls require(): give the ESM output one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
  legalComments: "none",
};

await build({
  ...common,
  entryPoints: [path.join(ROOT, "packages/db/src/scripts/migrate.ts")],
  outfile: path.join(ROOT, "packages/db/dist/migrate.mjs"),
});
await build({
  ...common,
  entryPoints: [path.join(ROOT, "prisma/seed/index.ts")],
  outfile: path.join(ROOT, "prisma/seed/dist/seed.mjs"),
});
// The seed reads the plan's source text beside itself (new URL("./…", import.meta.url)).
const SOURCE = "work-report-2017-2018.zh-Hant.txt";
await copyFile(path.join(ROOT, "prisma/seed", SOURCE), path.join(ROOT, "prisma/seed/dist", SOURCE));
console.log("bundled packages/db/dist/migrate.mjs and prisma/seed/dist/seed.mjs");
