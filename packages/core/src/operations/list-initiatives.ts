import "server-only";
import { prisma, type Prisma } from "@workplan/db";
import { z } from "zod";
import { toSimplified, toTraditional } from "../rules/chinese";
import { HEALTHS } from "../rules/health";
import { fieldErrors } from "../rules/progress";
import type { Viewer } from "../rules/policy";
import { DomainError } from "./errors";
import type { InitiativeDetail } from "./get-initiative";
import { initiativeWhere } from "./scope";

// Initiatives as the REST API (v1) gives them to other systems. The zod schemas below are the
// contract: the operation's return types are inferred from them, and /api/v1/openapi.json is
// generated from them.

export const LIST_LIMIT_DEFAULT = 100;
export const LIST_LIMIT_MAX = 500;

export const listInitiativesQuerySchema = z
  .object({
    year: z.coerce
      .number({ error: "year.invalid" })
      .int("year.invalid")
      .min(2000, "year.invalid")
      .max(2100, "year.invalid")
      .optional()
      .describe("The plan's year, e.g. 2018"),
    department: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, "department.invalid")
      .transform((code) => code.toUpperCase())
      .optional()
      .describe("The lead department's code, e.g. KJS"),
    health: z
      .enum([...HEALTHS, "NONE"], { error: "health.invalid" })
      .optional()
      .describe("NONE: not reported yet"),
    q: z
      .string()
      .trim()
      .min(1, "q.invalid")
      .max(100, "q.tooLong")
      .optional()
      .describe("Words in the title or the original wording, in Simplified or Traditional characters"),
    limit: z.coerce
      .number({ error: "limit.range" })
      .int("limit.range")
      .min(1, "limit.range")
      .max(LIST_LIMIT_MAX, "limit.range")
      .default(LIST_LIMIT_DEFAULT)
      .describe(`Items per page (at most ${LIST_LIMIT_MAX})`),
    cursor: z.string().min(1, "cursor.invalid").max(100, "cursor.invalid").optional().describe("nextCursor of the previous page"),
  });

/** English wording of the query's message keys, for the API. */
export const LIST_QUERY_MESSAGES: Record<string, string> = {
  "year.invalid": "Give the year as a number between 2000 and 2100.",
  "department.invalid": "Give a department code such as KJS.",
  "health.invalid": "Health is one of ON_TRACK, AT_RISK, OFF_TRACK, DONE, NONE.",
  "q.invalid": "Give the words to search for.",
  "q.tooLong": "Keep the search to 100 characters.",
  "limit.range": `The limit is a whole number from 1 to ${LIST_LIMIT_MAX}.`,
  "cursor.invalid": "Pass the nextCursor of the previous page unchanged.",
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
});

export const apiInitiativeListSchema = z.object({
  items: z.array(apiInitiativeSchema),
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

const listSelect = {
  id: true,
  code: true,
  title: true,
  originalText: true,
  department: { select: { code: true, nameZhHans: true, nameZhHant: true, nameEn: true } },
  theme: { select: { code: true, title: true } },
  targetValue: true,
  targetUnit: true,
  targetApproximate: true,
  dueDate: true,
  progress: true,
  health: true,
  version: true,
  measuredValue: true,
  lastUpdateAt: true,
} as const satisfies Prisma.InitiativeSelect;

/**
 * The initiatives in the viewer's scope matching the filters, in code order, a page at a time
 * (keyset on the unique code). One query, whatever the page size.
 */
export async function listInitiatives(viewer: Viewer, queryInput: unknown): Promise<ApiInitiativeList> {
  const input = withoutEmptyValues(queryInput);
  const parsed = listInitiativesQuerySchema.safeParse(input);
  // A misspelt filter (?departmnet=KJS) is an error, not a silently unfiltered list.
  const fields: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  for (const key of Object.keys(input)) {
    if (!(key in listInitiativesQuerySchema.shape)) fields[key] ??= "parameter.unknown";
  }
  if (!parsed.success || Object.keys(fields).length > 0) throw new DomainError("invalid", "the query has problems", fields);
  const query = parsed.data;
  const filters: Prisma.InitiativeWhereInput[] = [initiativeWhere(viewer)];
  if (query.year !== undefined) filters.push({ plan: { year: query.year } });
  if (query.department !== undefined) filters.push({ department: { code: query.department } });
  if (query.health !== undefined) filters.push({ health: query.health === "NONE" ? null : query.health });
  if (query.q !== undefined) filters.push({ OR: searchTerms(query.q).flatMap(textContains) });
  if (query.cursor !== undefined) filters.push({ code: { gt: query.cursor } });

  const rows = await prisma.initiative.findMany({
    where: { AND: filters },
    orderBy: { code: "asc" },
    take: query.limit + 1,
    select: listSelect,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) =>
      toApiInitiative({
        ...row,
        target:
          row.targetValue === null
            ? null
            : { value: row.targetValue.toNumber(), unit: row.targetUnit ?? "", approximate: row.targetApproximate },
        measuredValue: row.measuredValue?.toNumber() ?? null,
      }),
    ),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.code ?? null) : null,
  };
}

/**
 * The query as typed and in both scripts, so 製造 and 制造 find the same items. A plain `contains`
 * (ILIKE) scan: fine for a ministry's few thousand initiatives; a full-text (trigram) index is a
 * later issue.
 */
export function searchTerms(q: string): string[] {
  return [...new Set([q, toTraditional(q), toSimplified(q)])];
}

function textContains(term: string): Prisma.InitiativeWhereInput[] {
  // Prisma passes `contains` to ILIKE as it is: escape LIKE's wildcards so that they match literally.
  const literal = term.replace(/[\\%_]/g, "\\$&");
  return [
    { title: { contains: literal, mode: "insensitive" } },
    { originalText: { contains: literal, mode: "insensitive" } },
  ];
}

/** `?year=&q=` means no filter, not an invalid one. */
function withoutEmptyValues(input: unknown): Record<string, unknown> {
  if (input === null || input === undefined) return {};
  if (typeof input !== "object" || Array.isArray(input)) throw new DomainError("invalid", "the query is not an object", { form: "form.invalid" });
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== "" && value !== undefined));
}

interface InitiativeFields {
  id: string;
  code: string;
  title: string;
  originalText: string;
  department: { code: string; nameZhHans: string; nameZhHant: string; nameEn: string };
  theme: { code: string; title: string } | null;
  target: { value: number; unit: string; approximate: boolean } | null;
  dueDate: Date;
  progress: number;
  health: ApiInitiative["health"];
  version: number;
  measuredValue: number | null;
  lastUpdateAt: Date | null;
}

function toApiInitiative(i: InitiativeFields): ApiInitiative {
  return {
    id: i.id,
    code: i.code,
    title: i.title,
    originalText: i.originalText,
    department: {
      code: i.department.code,
      nameZhHans: i.department.nameZhHans,
      nameZhHant: i.department.nameZhHant,
      nameEn: i.department.nameEn,
    },
    theme: i.theme && { code: i.theme.code, title: i.theme.title },
    target: i.target && { value: i.target.value, unit: i.target.unit, approximate: i.target.approximate },
    dueDate: isoDate(i.dueDate),
    progress: i.progress,
    health: i.health,
    version: i.version,
    measuredValue: i.measuredValue,
    lastUpdateAt: i.lastUpdateAt?.toISOString() ?? null,
  };
}

/** An initiative read with getInitiative(), in the API's shape. */
export function toApiInitiativeDetail(detail: InitiativeDetail): ApiInitiativeDetail {
  return {
    ...toApiInitiative(detail),
    updates: detail.updates.map((u) => ({
      id: u.id,
      period: isoDate(u.period).slice(0, 7),
      progress: u.progress,
      health: u.health,
      healthSuggested: u.healthSuggested,
      healthReason: u.healthReason,
      workDone: u.workDone,
      problems: u.problems,
      nextSteps: u.nextSteps,
      measuredValue: u.measuredValue,
      status: u.status,
      version: u.version,
      author: { id: u.author.id, name: u.author.name },
      departmentCode: u.department.code,
      links: u.evidence.flatMap((e) => (e.kind === "LINK" && e.url ? [e.url] : [])),
      files: u.evidence.flatMap((e) =>
        e.kind === "FILE" ? [{ id: e.id, fileName: e.fileName ?? "file", mimeType: e.mimeType ?? "application/octet-stream", size: e.size ?? 0 }] : [],
      ),
      createdAt: u.createdAt.toISOString(),
      updatedAt: u.updatedAt.toISOString(),
    })),
    milestones: detail.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDate: isoDate(m.dueDate),
      doneAt: m.doneAt?.toISOString() ?? null,
    })),
  };
}

/** A DATE column as YYYY-MM-DD (Prisma gives it as midnight UTC). */
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
