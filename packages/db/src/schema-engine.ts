// Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm).
//
// The package's main entry does `import * as wasm from "./schema_engine_bg.wasm"`, which needs
// `node --experimental-wasm-modules`. We instantiate the same .wasm ourselves from its wasm-bindgen
// glue module instead, so this works with or without that flag (plain node + tsx, vitest, ...).
// This is exactly what the package's schema_engine.js does, for the pinned version in package.json.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

export type {
  DiffTarget,
  MigrationList,
  SchemaEngine,
  SchemaFilter,
} from "@prisma/schema-engine-wasm/schema_engine_bg";

let loaded: Promise<typeof glue> | undefined;
let lastPanic: string | undefined;

/** The message of the engine's latest Rust panic (a panic surfaces as "RuntimeError: unreachable"). */
export function takeEnginePanic(): string | undefined {
  const message = lastPanic;
  lastPanic = undefined;
  return message;
}

/** The schema engine module, instantiated once per process. */
export function loadSchemaEngine(): Promise<typeof glue> {
  loaded ??= (async () => {
    // The engine reports Rust panics here before trapping (the Prisma CLI defines the same global).
    const registry = { set_message: (message: string) => void (lastPanic = message) };
    Object.assign(globalThis, { PRISMA_WASM_PANIC_REGISTRY: registry });
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(join(dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start === "function") start();
    return glue;
  })();
  return loaded;
}
