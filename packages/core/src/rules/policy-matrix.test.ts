import { describe, expect, it } from "vitest";
import { ACTIONS, check, initiativeCapabilities, type Action, type Refusal, type Resource, type Viewer } from "./policy";

// Who may do what, in which state: every action × role × department relation × state, each cell
// written out by hand (not computed by the rules it checks). Read a row as: this viewer, on
// something of their own department / co-operated on / of another department, while it is open /
// closed / archived.
//
//   ✓ allowed   R not their role   S not their department   C closed   A archived
//   O their own report   U not the author   V already reviewed

const viewers: Record<"staff" | "lead" | "director" | "admin", Viewer> = {
  staff: { id: "staff", role: "STAFF", departmentId: "d1" },
  lead: { id: "lead", role: "MANAGER", departmentId: "d1" },
  director: { id: "director", role: "MANAGER", departmentId: null },
  admin: { id: "admin", role: "ADMIN", departmentId: null },
};
type Who = keyof typeof viewers;

const SYMBOL: Record<string, Refusal | null> = { "✓": null, R: "role", S: "scope", C: "closed", A: "archived", O: "own", U: "author", V: "reviewed" };

// ---------------------------------------------------------------------------------- initiatives

const relations = {
  own: { departmentId: "d1", cooperatingDepartmentIds: [] },
  cooperating: { departmentId: "d2", cooperatingDepartmentIds: ["d1"] },
  other: { departmentId: "d2", cooperatingDepartmentIds: ["d3"] },
} as const;
const states = { open: {}, closed: { closed: true }, archived: { archived: true } } as const;

/** Per viewer: own | cooperating | other, each as open closed archived. */
const INITIATIVE_MATRIX: Partial<Record<Action, Record<Who, string>>> = {
  "plan.read": { staff: "✓✓✓ ✓✓✓ SSS", lead: "✓✓✓ ✓✓✓ SSS", director: "✓✓✓ ✓✓✓ ✓✓✓", admin: "✓✓✓ ✓✓✓ ✓✓✓" },
  "initiative.read": { staff: "✓✓✓ ✓✓✓ SSS", lead: "✓✓✓ ✓✓✓ SSS", director: "✓✓✓ ✓✓✓ ✓✓✓", admin: "✓✓✓ ✓✓✓ ✓✓✓" },
  "report.export": { staff: "✓✓✓ ✓✓✓ SSS", lead: "✓✓✓ ✓✓✓ SSS", director: "✓✓✓ ✓✓✓ ✓✓✓", admin: "✓✓✓ ✓✓✓ ✓✓✓" },
  "progress.report": { staff: "✓CA ✓CA SSS", lead: "✓CA ✓CA SSS", director: "RRR RRR RRR", admin: "RRR RRR RRR" },
  "milestone.manage": { staff: "✓CA ✓CA SSS", lead: "✓CA ✓CA SSS", director: "RRR RRR RRR", admin: "RRR RRR RRR" },
  "extension.request": { staff: "✓CA ✓CA SSS", lead: "✓CA ✓CA SSS", director: "RRR RRR RRR", admin: "RRR RRR RRR" },
  "extension.decide": { staff: "RRR RRR RRR", lead: "✓CA SSS SSS", director: "✓CA ✓CA ✓CA", admin: "RRR RRR RRR" },
  "initiative.chase": { staff: "RRR RRR RRR", lead: "✓CA SSS SSS", director: "✓CA ✓CA ✓CA", admin: "RRR RRR RRR" },
  // Closing and undoing a close are one permission: a closed initiative can be reopened.
  "initiative.close": { staff: "RRR RRR RRR", lead: "✓✓A SSS SSS", director: "✓✓A ✓✓A ✓✓A", admin: "RRR RRR RRR" },
};

// ------------------------------------------------------------------------------ progress updates

/** A report, by its reporting department, author and status (and its initiative archived). */
const reports: Record<string, Resource> = {
  "own department, a colleague's, waiting": { departmentId: "d1", authorId: "colleague", status: "SUBMITTED" },
  "own department, a colleague's, approved": { departmentId: "d1", authorId: "colleague", status: "APPROVED" },
  "own department, a colleague's, returned": { departmentId: "d1", authorId: "colleague", status: "RETURNED" },
  "one's own, waiting": { departmentId: "d1", authorId: "$self", status: "SUBMITTED" },
  "one's own, approved": { departmentId: "d1", authorId: "$self", status: "APPROVED" },
  "another department's, waiting": { departmentId: "d2", authorId: "colleague", status: "SUBMITTED" },
  "own department, waiting, initiative archived": { departmentId: "d1", authorId: "colleague", status: "SUBMITTED", archived: true },
  "one's own, waiting, initiative archived": { departmentId: "d1", authorId: "$self", status: "SUBMITTED", archived: true },
};

/** Per viewer, one symbol per report above, in that order. */
const UPDATE_MATRIX: Partial<Record<Action, Record<Who, string>>> = {
  "update.review": { staff: "RRRRRRRR", lead: "✓VVOOSAA", director: "✓VVOO✓AA", admin: "RRRRRRRR" },
  "update.edit": { staff: "UUU✓VSAA", lead: "UUU✓VSAA", director: "RRRRRRRR", admin: "RRRRRRRR" },
};

// ------------------------------------------------------------------------------- whole-app rights

const APP_MATRIX: Partial<Record<Action, Record<Who, string>>> = {
  "dashboard.read": { staff: "R", lead: "✓", director: "✓", admin: "✓" },
  "ministry.read": { staff: "R", lead: "R", director: "✓", admin: "✓" },
  "admin.users": { staff: "R", lead: "R", director: "R", admin: "✓" },
  "admin.departments": { staff: "R", lead: "R", director: "R", admin: "✓" },
  "admin.plans": { staff: "R", lead: "R", director: "R", admin: "✓" },
  "admin.audit": { staff: "R", lead: "R", director: "R", admin: "✓" },
  "admin.throttles": { staff: "R", lead: "R", director: "R", admin: "✓" },
};

const symbols = (row: string) => [...row.replace(/\s+/g, "")].map((c) => {
  if (!(c in SYMBOL)) throw new Error(`unknown symbol ${c}`);
  return SYMBOL[c] ?? null;
});

describe("the permission matrix", () => {
  it("has every action in exactly one table", () => {
    const tables = [INITIATIVE_MATRIX, UPDATE_MATRIX, APP_MATRIX].map((t) => Object.keys(t));
    expect(tables.flat().sort()).toEqual([...ACTIONS].sort());
  });

  for (const [action, rows] of Object.entries(INITIATIVE_MATRIX) as [Action, Record<Who, string>][]) {
    it(`${action}: by role, department and state of the initiative`, () => {
      for (const [who, row] of Object.entries(rows) as [Who, string][]) {
        const expected = symbols(row);
        const actual = Object.values(relations).flatMap((relation) =>
          Object.values(states).map((state) => check(viewers[who], action, { ...relation, ...state })),
        );
        expect(actual, `${action} for ${who}`).toEqual(expected);
      }
    });
  }

  for (const [action, rows] of Object.entries(UPDATE_MATRIX) as [Action, Record<Who, string>][]) {
    it(`${action}: by role, reporting department, author and status of the report`, () => {
      for (const [who, row] of Object.entries(rows) as [Who, string][]) {
        const viewer = viewers[who];
        const expected = symbols(row);
        const actual = Object.values(reports).map((r) => check(viewer, action, { ...r, authorId: r.authorId === "$self" ? viewer.id : r.authorId }));
        expect(actual, `${action} for ${who}`).toEqual(expected);
      }
    });
  }

  for (const [action, rows] of Object.entries(APP_MATRIX) as [Action, Record<Who, string>][]) {
    it(`${action}: by role`, () => {
      for (const [who, row] of Object.entries(rows) as [Who, string][]) {
        expect(check(viewers[who], action), `${action} for ${who}`).toEqual(symbols(row)[0]);
      }
    });
  }

  it("answers 'at all' (no resource) by role alone: the menus and queues ask that", () => {
    expect(check(viewers.staff, "progress.report")).toBeNull();
    expect(check(viewers.director, "progress.report")).toBe("role");
    expect(check(viewers.lead, "update.review")).toBeNull();
    expect(check(viewers.staff, "update.review")).toBe("role");
  });
});

describe("capabilities", () => {
  it("are the matrix's answers for one initiative, for its page's forms and buttons", () => {
    const own = { ...relations.own };
    expect(initiativeCapabilities(viewers.staff, own)).toEqual({
      canReport: true,
      canManageMilestones: true,
      canRequestExtension: true,
      canDecideExtensions: false,
      canChase: false,
      canClose: false,
    });
    expect(initiativeCapabilities(viewers.staff, { ...own, closed: true })).toMatchObject({ canReport: false, canManageMilestones: false, canRequestExtension: false });
    expect(initiativeCapabilities(viewers.lead, { ...own, closed: true })).toMatchObject({ canChase: false, canDecideExtensions: false, canClose: true });
    expect(Object.values(initiativeCapabilities(viewers.director, { ...relations.other, archived: true }))).toEqual([false, false, false, false, false, false]);
  });
});
