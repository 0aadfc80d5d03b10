import "server-only";
import { z } from "zod";
import { HEALTHS } from "../../rules/health";
import { flagSchema, queryInteger } from "../list-query";
import { OUTCOMES } from "../close-out/model";
import { AT_RISK_GAP, OFF_TRACK_GAP } from "../../rules/pace";

// Initiatives as the REST API (v1) gives them to other systems, and as the list page (/initiatives)
// shows them. The zod schemas below are the contract: the operation's return types are inferred
// from them, and /api/v1/openapi.json is generated from them. The list page's URL parameters are
// the same names (a dashboard figure links to /initiatives?department=KJS&light=RED).

export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;
export const LIST_PAGE_MAX = 1000;

export const INITIATIVE_SORTS = ["code", "progress", "-progress", "due", "-updated"] as const;
export type InitiativeSort = (typeof INITIATIVE_SORTS)[number];
export const LIGHTS = ["RED", "YELLOW", "GREEN"] as const;

const DEPARTMENT_CODE = /^[A-Za-z][A-Za-z0-9]{0,19}$/;

export const listInitiativesQuerySchema = z.object({
  year: queryInteger("year.invalid", 2000, 2100)
    .optional()
    .describe("The plan's year, e.g. 2018"),
  department: z
    .string()
    .trim()
    .regex(DEPARTMENT_CODE, "department.invalid")
    .transform((code) => code.toUpperCase())
    .optional()
    .describe("The lead department's code, e.g. KJS"),
  theme: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}-\d{4}-\d{1,3}$/, "theme.invalid")
    .transform((code) => code.toUpperCase())
    .optional()
    .describe("The theme's code, e.g. KJS-2018-1"),
  health: z
    .enum([...HEALTHS, "NONE"], { error: "health.invalid" })
    .optional()
    .describe("The latest reported health; NONE: not reported yet"),
  light: z
    .enum(LIGHTS, { error: "light.invalid" })
    .optional()
    .describe("The current supervision light (as on the reporting calendar): RED, YELLOW or GREEN"),
  overdue: flagSchema("1: past its own due date and not done (Beijing time); 0: the others"),
  late: flagSchema("1: this month's report by the lead department is late or missing (open initiatives only: done or closed ones owe none); 0: the others"),
  attention: flagSchema(
    "1: needs attention, as the overview lists it: not done, and past its due date, this month's report late, missing or due within days, or reported off track or at risk; 0: the others",
  ),
  review: z
    .enum(["SUBMITTED"], { error: "review.invalid" })
    .optional()
    .describe("SUBMITTED: has at least one progress report awaiting review"),
  closed: flagSchema("1: closed (takes no more reports); 0: open"),
  q: z
    .string()
    .trim()
    .min(1, "q.invalid")
    .max(100, "q.tooLong")
    .optional()
    .describe(
      "Words in the code, title, original wording or (from two letters on) the progress reports, in Simplified or Traditional characters",
    ),
  in: z
    .enum(["titles"], { error: "in.invalid" })
    .optional()
    .describe("titles: look for q in the code and title only (not in the wording or the progress reports)"),
  sort: z
    .enum(INITIATIVE_SORTS, { error: "sort.invalid" })
    .default("code")
    .describe("code (default), progress (lowest first), -progress (highest first), due (earliest first), -updated (latest report first)"),
  limit: queryInteger("limit.range", 1, LIST_LIMIT_MAX)
    .default(LIST_LIMIT_DEFAULT)
    .describe(`Items per page (at most ${LIST_LIMIT_MAX})`),
  cursor: z.string().min(1, "cursor.invalid").max(200, "cursor.invalid").optional().describe("nextCursor of the previous page"),
  page: queryInteger("page.invalid", 1, LIST_PAGE_MAX)
    .optional()
    .describe("A page number (from 1) instead of a cursor"),
});

export type ListInitiativesQuery = z.output<typeof listInitiativesQuerySchema>;

/** English wording of the query's message keys, for the API. */
export const LIST_QUERY_MESSAGES: Record<string, string> = {
  "year.invalid": "Give the year as a number between 2000 and 2100.",
  "department.invalid": "Give a department code such as KJS.",
  "theme.invalid": "Give a theme code such as KJS-2018-1.",
  "health.invalid": "Health is one of ON_TRACK, AT_RISK, OFF_TRACK, DONE, NONE.",
  "light.invalid": "The light is one of RED, YELLOW, GREEN.",
  "flag.invalid": "Give 1 (yes) or 0 (no).",
  "review.invalid": "Give SUBMITTED (awaiting review).",
  "q.invalid": "Give the words to search for.",
  "q.tooLong": "Keep the search to 100 characters.",
  "q.tooShort": "Search for at least two letters or digits.",
  "in.invalid": "Give titles (search the code and title only), or leave it out.",
  "sort.invalid": "Sort by code, progress, -progress, due or -updated.",
  "limit.range": `The limit is a whole number from 1 to ${LIST_LIMIT_MAX}.`,
  "cursor.invalid": "Pass the nextCursor of the previous page unchanged.",
  "page.invalid": `The page is a whole number from 1 to ${LIST_PAGE_MAX}.`,
  "page.withCursor": "Give either a page or a cursor, not both.",
  "initiative.invalid": "Give an initiative code such as KJS-2018-1.1.",
  "period.invalid": "Give the month as YYYY-MM.",
  "parameter.unknown": "Unknown parameter.",
};

const departmentSchema = z.object({
  code: z.string(),
  nameZhHans: z.string(),
  nameZhHant: z.string(),
  nameEn: z.string(),
});

export const apiInitiativeSchema = z.object({
  id: z.string(),
  code: z.string().describe("e.g. KJS-2018-1.1"),
  title: z.string().describe("As written in the source (Traditional characters)"),
  originalText: z.string().describe("The wording exactly as the source has it"),
  department: departmentSchema.describe("The lead department"),
  theme: z.object({ code: z.string(), title: z.string() }).nullable(),
  target: z.object({ value: z.number(), unit: z.string(), approximate: z.boolean() }).nullable(),
  dueDate: z.iso.date(),
  progress: z.number().int().min(0).max(100),
  health: z.enum(HEALTHS).nullable().describe("null until the first report"),
  version: z.number().int().describe("Pass it as baseVersion when reporting progress"),
  measuredValue: z.number().nullable(),
  lastUpdateAt: z.iso.datetime().nullable(),
  closedAt: z.iso
    .datetime()
    .nullable()
    .describe("When it was closed at year end (结项); null while open. A closed initiative takes no more reports (400, fields.form)"),
  outcome: z.enum(OUTCOMES).nullable().describe("The close-out's outcome; null while open"),
  pace: z
    .object({
      expectedProgress: z
        .number()
        .int()
        .min(0)
        .max(100)
        .describe("The share of the time from 1 January of the plan's year to the due date that has elapsed, in percent"),
      suggestedHealth: z.enum(HEALTHS).describe("The health the pace suggests for the current progress"),
    })
    .describe(
      `What a progress report's health is checked against. For a report of progress p the suggested health is DONE when p is 100; else OFF_TRACK when the due date has passed by more than a day; else, with gap = expectedProgress − p, ON_TRACK when gap ≤ ${AT_RISK_GAP}, AT_RISK when gap ≤ ${OFF_TRACK_GAP}, OFF_TRACK otherwise. A report whose health differs from its suggestion needs a healthReason.`,
    ),
});

export const MATCH_PLACES = ["code", "title", "original", "report"] as const;
export type MatchPlace = (typeof MATCH_PLACES)[number];

export const searchMatchSchema = z.object({
  place: z.enum(MATCH_PLACES).describe("Where q was found, best first: code, title, original (the wording), report (only in a progress report)"),
  snippet: z.string().nullable().describe("For original and report: the words around the match"),
});
export type SearchMatch = z.infer<typeof searchMatchSchema>;

export const apiInitiativeListItemSchema = apiInitiativeSchema.extend({
  match: searchMatchSchema.optional().describe("Only with q: where it was found (the list is ranked by it)"),
});

export const apiInitiativeListSchema = z.object({
  items: z.array(apiInitiativeListItemSchema),
  nextCursor: z.string().nullable().describe("null on the last page"),
});

export const apiProgressUpdateSchema = z.object({
  id: z.string(),
  period: z.string().describe("YYYY-MM"),
  progress: z.number().int(),
  health: z.enum(HEALTHS),
  healthSuggested: z.enum(HEALTHS).describe("What the pace suggested"),
  healthReason: z.string().nullable(),
  workDone: z.string(),
  problems: z.string().nullable(),
  nextSteps: z.string().nullable(),
  measuredValue: z.number().nullable(),
  status: z.enum(["SUBMITTED", "APPROVED", "RETURNED"]),
  version: z.number().int(),
  author: z.object({ id: z.string(), name: z.string() }),
  departmentCode: z.string().describe("The reporting department"),
  links: z.array(z.string()),
  files: z.array(z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number().int() })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const apiMilestoneSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueDate: z.iso.date(),
  doneAt: z.iso.datetime().nullable(),
});

export const apiInitiativeDetailSchema = apiInitiativeSchema.extend({
  updates: z.array(apiProgressUpdateSchema).describe("Newest first, at most 50"),
  milestones: z.array(apiMilestoneSchema),
});

export type ApiInitiative = z.infer<typeof apiInitiativeSchema>;
export type ApiInitiativeList = z.infer<typeof apiInitiativeListSchema>;
export type ApiInitiativeDetail = z.infer<typeof apiInitiativeDetailSchema>;
