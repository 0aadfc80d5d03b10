import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Every route handler and every server action declares, in one line, what it requires of the
// viewer: a route through withApi's `permission` (or `auth: "none"`), an action through
// authedAction's first argument. The few that need no session say why here.
const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function files(dir: string, name: (file: string) => boolean): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === "node_modules" || entry === ".next" ? [] : files(full, name);
    return name(entry) ? [full] : [];
  });
}
const rel = (file: string) => path.relative(web, file).split(path.sep).join("/");

const PUBLIC_ROUTES: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "next-auth's own sign-in and sign-out endpoints",
  "app/api/internal/sql-count/route.ts": "exists only with WORKPLAN_SQL_COUNT=1, for the HTTP bench; no data",
  "app/api/v1/[[...rest]]/route.ts": "any path under /api/v1 that is no resource: 404 as JSON; no data",
};
const PUBLIC_ACTIONS: Record<string, string> = {
  setLocale: "remembers the interface language in a cookie; no session needed",
  setPasswordAction: "the one-time link is the credential",
};

describe("the transport", () => {
  it("has every route handler declare its permission through withApi", () => {
    const undeclared = files(path.join(web, "app"), (f) => f === "route.ts")
      .filter((file) => !(rel(file) in PUBLIC_ROUTES))
      .filter((file) => {
        const source = readFileSync(file, "utf8");
        // A method the route does not have (405 as JSON, methodNotAllowed) serves nothing: not counted.
        const handlers = source.match(/export (const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b(?! = other\.refuse;)/g) ?? [];
        const declared = source.match(/\{ auth: "required", permission: "[a-z.-]+" \}|\{ auth: "none" \}/g) ?? [];
        return handlers.length === 0 || declared.length < handlers.length || /getSession\(/.test(source);
      })
      .map(rel);
    expect(undeclared).toEqual([]);
  });

  it("has every server action run through authedAction with its permission", () => {
    const sources = files(path.join(web, "features"), (f) => f === "actions.ts" || f.endsWith("-action.ts"));
    expect(sources.length).toBeGreaterThan(5);
    const undeclared: string[] = [];
    for (const file of sources) {
      const source = readFileSync(file, "utf8");
      if (!source.startsWith('"use server"')) continue;
      // Each exported action's body, up to the next export.
      const parts = source.split(/(?=^export async function )/m).filter((p) => p.startsWith("export async function "));
      for (const part of parts) {
        const name = /^export async function (\w+)/.exec(part)?.[1] ?? "?";
        if (name in PUBLIC_ACTIONS) continue;
        if (!/authedAction(<[^(]*>)?\(\s*"(signed-in|[a-z]+\.[a-z.]+)",/.test(part) && !/return run\(\s*"admin\.[a-z]+",/.test(part)) {
          undeclared.push(`${rel(file)}: ${name}`);
        }
        if (/getSession\(/.test(part)) undeclared.push(`${rel(file)}: ${name} reads the session itself`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});
