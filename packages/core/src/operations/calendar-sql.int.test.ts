import { prisma, Prisma } from "@workplan/db";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_DUE_DAY, light, reportDeadline, reportStatus, shanghaiPeriodOf, type Light, type ReportStatus } from "../rules/calendar";
import { lightSql, reportStatusSql } from "./calendar-sql";

// rules/calendar.ts and its SQL twin (calendar-sql.ts) must agree case by case: the ministry-wide
// calendar counts in SQL what a department's calendar computes in TypeScript. Every case runs in a
// session on UTC, on Beijing time (a server set up in China has TimeZone=Asia/Shanghai; the embedded
// PostgreSQL takes the machine's) and on a zone with summer time, and the answers must not change.

const bj = (s: string) => new Date(`${s}+08:00`);
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ZONES = ["UTC", "Asia/Shanghai", "Europe/Berlin"] as const;

type Db = Prisma.TransactionClient;

/** Run `body` in a transaction whose session time zone is `zone`. */
async function inZone<T>(zone: (typeof ZONES)[number], body: (db: Db) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL TIME ZONE '${zone}'`);
    return body(tx);
  });
}

interface StatusCase {
  period: string;
  /** As stored in work_plans.report_due_day: 0 means the default (25), beyond 28 is clamped. */
  dueDay: number;
  firstReportAt: Date | null;
  now: Date;
}

async function statusInSql(db: Db, c: StatusCase): Promise<ReportStatus> {
  const [row] = await db.$queryRaw<{ status: ReportStatus }[]>`
    SELECT ${reportStatusSql(Prisma.sql`${`${c.period}-01`}::date`, Prisma.sql`${c.dueDay}::int`, Prisma.sql`${c.firstReportAt}::timestamp`, c.now)} AS status`;
  if (!row) throw new Error("no row");
  return row.status;
}

/** What reporting-calendar.ts does: a stored 0 means the default, then the rule clamps. */
function statusInTs(c: StatusCase): ReportStatus {
  return reportStatus({ period: c.period, dueDay: c.dueDay || DEFAULT_DUE_DAY, firstReportAt: c.firstReportAt, now: c.now });
}

interface LightCase {
  dueDay: number;
  now: Date;
  reportedThisMonth: boolean;
  row: { health: string | null; progress: number; closedAt: Date | null; dueDate: string };
}

async function lightInSql(db: Db, c: LightCase): Promise<Light> {
  const { health, progress, closedAt, dueDate } = c.row;
  const [row] = await db.$queryRaw<{ light: Light }[]>`
    SELECT ${lightSql("i", Prisma.sql`${c.dueDay}::int`, Prisma.sql`${c.reportedThisMonth}::boolean`, shanghaiPeriodOf(c.now), c.now)} AS light
    FROM (VALUES (${health}::text, ${progress}::int, ${closedAt}::timestamp, ${dueDate}::date)) AS i(health, progress, closed_at, due_date)`;
  if (!row) throw new Error("no row");
  return row.light;
}

function lightInTs(c: LightCase): Light {
  const done = c.row.health === "DONE" || c.row.progress >= 100 || c.row.closedAt !== null;
  return light({
    now: c.now,
    dueDay: c.dueDay || DEFAULT_DUE_DAY,
    reportedThisMonth: c.reportedThisMonth,
    initiativeDueDate: new Date(`${c.row.dueDate}T00:00:00Z`),
    done,
  });
}

const label = (d: Date | null) => (d ? d.toISOString() : "null");

describe("calendar SQL", () => {
  afterAll(async () => {
    await prisma.$disconnect();
  });

  it("reads the due day in Beijing time, with the default and the clamp, as the rules do", async () => {
    // Hand-checked: the report is due by the end of the due day in Beijing.
    const fixed: [StatusCase, ReportStatus][] = [
      [{ period: "2018-06", dueDay: 25, firstReportAt: bj("2018-06-25T23:59:59.999"), now: bj("2018-07-01T00:00:00") }, "ON_TIME"],
      [{ period: "2018-06", dueDay: 25, firstReportAt: bj("2018-06-26T00:00:00"), now: bj("2018-07-01T00:00:00") }, "LATE"],
      [{ period: "2018-06", dueDay: 0, firstReportAt: bj("2018-06-25T12:00:00"), now: bj("2018-07-01T00:00:00") }, "ON_TIME"],
      [{ period: "2018-06", dueDay: 0, firstReportAt: null, now: bj("2018-06-25T23:59:59") }, "NOT_DUE"],
      [{ period: "2018-06", dueDay: 0, firstReportAt: null, now: bj("2018-06-26T00:00:00") }, "MISSING"],
      [{ period: "2018-06", dueDay: 1, firstReportAt: bj("2018-06-02T00:00:01"), now: bj("2018-06-03T00:00:00") }, "LATE"],
      [{ period: "2018-02", dueDay: 31, firstReportAt: bj("2018-02-28T23:00:00"), now: bj("2018-03-02T00:00:00") }, "ON_TIME"],
      [{ period: "2018-02", dueDay: 31, firstReportAt: null, now: bj("2018-03-01T00:00:00") }, "MISSING"],
      [{ period: "2018-12", dueDay: 31, firstReportAt: bj("2018-12-29T00:00:00"), now: bj("2019-01-05T00:00:00") }, "LATE"],
      // 16:00 UTC on the 25th is already the 26th in Beijing.
      [{ period: "2018-06", dueDay: 25, firstReportAt: new Date("2018-06-25T16:00:00Z"), now: bj("2018-07-01T00:00:00") }, "LATE"],
      [{ period: "2018-06", dueDay: 25, firstReportAt: null, now: new Date("2018-06-25T16:00:00Z") }, "MISSING"],
    ];
    for (const zone of ZONES) {
      await inZone(zone, async (db) => {
        for (const [c, expected] of fixed) {
          expect(statusInTs(c), `rules: ${JSON.stringify(c)}`).toBe(expected);
          expect(await statusInSql(db, c), `SQL in ${zone}: ${JSON.stringify(c)}`).toBe(expected);
        }
      });
    }
  });

  it("gives every report status the rules give, around each deadline", async () => {
    const cases: StatusCase[] = [];
    for (const [period, dueDay] of [
      ["2018-01", 1],
      ["2018-06", 25],
      ["2018-02", 28],
      ["2018-11", 0],
      ["2018-12", 31],
      ["2020-02", 31],
    ] as const) {
      const deadline = reportDeadline(period, dueDay || DEFAULT_DUE_DAY).getTime();
      const reports = [null, deadline - 1, deadline - 1000, deadline, deadline + 1000, deadline - 9 * HOUR, deadline + 7 * HOUR, deadline - 20 * DAY];
      const nows = [deadline - 1, deadline, deadline + 1000, deadline - 8 * HOUR, deadline + 8 * HOUR, deadline + 40 * DAY];
      for (const r of reports) for (const now of nows) cases.push({ period, dueDay, firstReportAt: r === null ? null : new Date(r), now: new Date(now) });
    }
    const seen = new Set<ReportStatus>();
    for (const zone of ZONES) {
      await inZone(zone, async (db) => {
        for (const c of cases) {
          const expected = statusInTs(c);
          seen.add(expected);
          expect(await statusInSql(db, c), `${zone} ${c.period} day ${c.dueDay} report ${label(c.firstReportAt)} now ${label(c.now)}`).toBe(expected);
        }
      });
    }
    expect([...seen].sort()).toEqual(["LATE", "MISSING", "NOT_DUE", "ON_TIME"]);
  });

  it("gives every light the rules give: yellow window, overdue report, past due, done", async () => {
    const rows: LightCase["row"][] = [
      { health: "ON_TRACK", progress: 40, closedAt: null, dueDate: "2018-12-31" },
      { health: null, progress: 0, closedAt: null, dueDate: "2018-12-31" },
      { health: "DONE", progress: 90, closedAt: null, dueDate: "2018-01-31" },
      { health: "AT_RISK", progress: 100, closedAt: null, dueDate: "2018-01-31" },
      { health: "OFF_TRACK", progress: 50, closedAt: new Date("2018-03-01T00:00:00Z"), dueDate: "2018-01-31" },
      { health: "OFF_TRACK", progress: 50, closedAt: null, dueDate: "2018-01-31" },
    ];
    const cases: LightCase[] = [];
    for (const [period, dueDay] of [
      ["2018-06", 25],
      ["2018-06", 0],
      ["2018-03", 1],
      ["2018-03", 28], // the yellow window spans the start of summer time in Berlin (25 March)
      ["2018-02", 31],
      ["2018-07", 10],
    ] as const) {
      const deadline = reportDeadline(period, dueDay || DEFAULT_DUE_DAY).getTime();
      const yellowFrom = deadline - 4 * DAY;
      // Instants in the month before, in and after the yellow window (dueDay 1: the window starts the month before).
      const nows = [yellowFrom - 1, yellowFrom, yellowFrom + 20 * HOUR, deadline - 1, deadline, deadline + 5 * HOUR, deadline + 2 * DAY]
        .map((t) => new Date(t))
        .filter((t) => shanghaiPeriodOf(t) === period);
      for (const now of nows) {
        for (const row of rows) for (const reportedThisMonth of [false, true]) cases.push({ dueDay, now, reportedThisMonth, row });
      }
    }
    // Past its own due date: the due day is over in Beijing at midnight, 16:00 UTC.
    for (const now of [bj("2018-06-30T23:59:59.999"), bj("2018-07-01T00:00:00"), new Date("2018-06-30T16:00:00Z"), new Date("2018-06-30T15:59:59Z")]) {
      for (const reportedThisMonth of [false, true]) {
        cases.push({ dueDay: 25, now, reportedThisMonth, row: { health: "ON_TRACK", progress: 60, closedAt: null, dueDate: "2018-06-30" } });
      }
    }
    const seen = new Set<Light>();
    for (const zone of ZONES) {
      await inZone(zone, async (db) => {
        for (const c of cases) {
          const expected = lightInTs(c);
          seen.add(expected);
          expect(await lightInSql(db, c), `${zone} day ${c.dueDay} now ${label(c.now)} reported ${c.reportedThisMonth} ${JSON.stringify(c.row)}`).toBe(expected);
        }
      });
    }
    expect([...seen].sort()).toEqual(["GREEN", "RED", "YELLOW"]);
  });

  it("turns yellow three days before the due day and red after it, in Beijing time", async () => {
    const open = { health: "ON_TRACK", progress: 40, closedAt: null, dueDate: "2018-12-31" };
    const fixed: [LightCase, Light][] = [
      [{ dueDay: 25, now: bj("2018-06-21T23:59:59"), reportedThisMonth: false, row: open }, "GREEN"],
      [{ dueDay: 25, now: bj("2018-06-22T00:00:00"), reportedThisMonth: false, row: open }, "YELLOW"],
      [{ dueDay: 25, now: bj("2018-06-25T23:59:59"), reportedThisMonth: false, row: open }, "YELLOW"],
      [{ dueDay: 25, now: bj("2018-06-26T00:00:00"), reportedThisMonth: false, row: open }, "RED"],
      [{ dueDay: 25, now: bj("2018-06-26T00:00:00"), reportedThisMonth: true, row: open }, "GREEN"],
      [{ dueDay: 0, now: bj("2018-06-22T08:00:00"), reportedThisMonth: false, row: open }, "YELLOW"],
      [{ dueDay: 10, now: bj("2018-06-07T00:00:00"), reportedThisMonth: false, row: open }, "YELLOW"],
      [{ dueDay: 10, now: bj("2018-06-26T00:00:00"), reportedThisMonth: true, row: { ...open, dueDate: "2018-06-25" } }, "RED"],
      [{ dueDay: 10, now: bj("2018-06-26T00:00:00"), reportedThisMonth: false, row: { ...open, dueDate: "2018-06-25", closedAt: bj("2018-06-20T00:00:00") } }, "GREEN"],
    ];
    for (const zone of ZONES) {
      await inZone(zone, async (db) => {
        for (const [c, expected] of fixed) {
          expect(lightInTs(c), `rules: ${JSON.stringify(c)}`).toBe(expected);
          expect(await lightInSql(db, c), `SQL in ${zone}: ${JSON.stringify(c)}`).toBe(expected);
        }
      });
    }
  });
});
