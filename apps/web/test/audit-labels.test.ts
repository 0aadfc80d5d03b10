import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES } from "@workplan/core/rules/audit-actions";
import { describe, expect, it } from "vitest";
import { AUDIT_OBJECT_TYPES as FILTER_OBJECT_TYPES } from "../features/audit/filters";

// The audit trail names every action and kind of object in each interface language: an action
// added to the code without a label in all three message files fails here, not in front of an admin.
const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const root = path.resolve(web, "../..");
const LOCALES = ["zh-Hans", "zh-Hant", "en"] as const;

type Messages = Record<string, unknown>;
const messages = Object.fromEntries(
  LOCALES.map((locale) => [locale, JSON.parse(readFileSync(path.join(web, "messages", `${locale}.json`), "utf8")) as Messages]),
) as Record<(typeof LOCALES)[number], Messages>;

function at(tree: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (typeof node === "object" && node !== null ? (node as Messages)[part] : undefined), tree);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return ["node_modules", ".next", "generated"].includes(entry) ? [] : sources(full);
    return /\.tsx?$/.test(entry) && !/\.(int\.)?test\.tsx?$/.test(entry) ? [full] : [];
  });
}

/**
 * The action strings the code writes: `action: "x.y"` next to recordAudit / auditKind calls, the
 * first argument of auditKind, and literal actions in SQL that inserts into audit_events.
 */
function actionsInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const dirs = ["packages/core/src", "packages/auth/src", "apps/web", "prisma", "scripts"].map((d) => path.join(root, d));
  for (const file of dirs.flatMap((d) => sources(d))) {
    const text = readFileSync(file, "utf8");
    if (!/recordAudit|auditKind|audit_events/.test(text)) continue;
    const patterns = [/\baction:\s*"([a-z_]+\.[a-z_]+)"/g, /auditKind\(\s*"([a-z_]+\.[a-z_]+)"/g];
    for (const pattern of patterns) for (const m of text.matchAll(pattern)) if (m[1]) found.set(m[1], path.relative(root, file));
    // SQL: literals in the audit_events insert itself (up to the statement's next part), not in the
    // other statements around it (a notification's kind looks the same).
    for (const insert of text.matchAll(/INSERT INTO audit_events[\s\S]*?(?=\)\s*,\s*\w+ AS \(|INSERT INTO (?!audit_events)|`)/g)) {
      for (const m of insert[0].matchAll(/'([a-z_]+\.[a-z_]+)'/g)) if (m[1]) found.set(m[1], path.relative(root, file));
    }
  }
  return found;
}

describe("the audit trail's labels", () => {
  it("finds the actions the code records, and each is one the trail knows", () => {
    const inCode = actionsInCode();
    // The scan sees the code: far more than a handful of actions, among them these.
    expect(inCode.size).toBeGreaterThan(20);
    for (const known of ["user.created", "auth.sign_in", "progress.reported", "audit.exported"]) expect([...inCode.keys()]).toContain(known);
    const unknown = [...inCode].filter(([action]) => !(AUDIT_ACTIONS as readonly string[]).includes(action)).map(([a, file]) => `${a} (${file})`);
    expect(unknown, "actions written in the code but missing from AUDIT_ACTIONS").toEqual([]);
  });

  for (const locale of LOCALES) {
    it(`names every action and object type in ${locale}`, () => {
      const missing = [
        ...AUDIT_ACTIONS.filter((a) => typeof at(messages[locale], `adminAudit.actions.${a}`) !== "string").map((a) => `action ${a}`),
        ...AUDIT_OBJECT_TYPES.filter((o) => typeof at(messages[locale], `adminAudit.objectTypes.${o}`) !== "string").map((o) => `object type ${o}`),
      ];
      expect(missing).toEqual([]);
    });
  }

  it("has the same audit wording keys in every language", () => {
    const keys = (tree: unknown, prefix = ""): string[] =>
      typeof tree === "object" && tree !== null
        ? Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
        : [prefix];
    for (const namespace of ["adminAudit", "auditDetails"]) {
      const reference = keys(messages["zh-Hans"][namespace]).sort();
      expect(reference.length).toBeGreaterThan(0);
      for (const locale of LOCALES) expect(keys(messages[locale][namespace]).sort(), `${namespace} in ${locale}`).toEqual(reference);
    }
  });

  it("offers every object type in the trail's filter", () => {
    expect([...FILTER_OBJECT_TYPES].sort()).toEqual([...AUDIT_OBJECT_TYPES].sort());
  });
});
