import "server-only";
import { Prisma } from "@workplan/db";
import { DEFAULT_DUE_DAY, YELLOW_WINDOW_DAYS } from "../rules/calendar";

// rules/calendar.ts in SQL, for the summaries that count statuses and lights over a whole ministry
// in the database instead of loading every initiative. Each fragment mirrors one function there;
// calendar-sql.int.test.ts checks them against the TypeScript rules case by case.

/** `reportDeadline(period, dueDay)`: the first instant after the due day, Beijing time. */
export function deadlineSql(period: Prisma.Sql, dueDay: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${period} + LEAST(28, GREATEST(1, COALESCE(NULLIF(${dueDay}, 0), ${DEFAULT_DUE_DAY}))))::timestamp AT TIME ZONE 'Asia/Shanghai')`;
}

/**
 * An instant passed as a parameter, as a timestamptz whatever the session's TimeZone: the driver
 * sends a Date as UTC text without an offset, which a bare `::timestamptz` would read in the
 * session's zone (Asia/Shanghai on a server set up in China: eight hours off).
 */
export function instantSql(now: Date): Prisma.Sql {
  return Prisma.sql`(${now}::timestamp AT TIME ZONE 'UTC')`;
}

/**
 * `reportStatus(...)`: ON_TIME, LATE, MISSING or NOT_DUE. `firstReportAt` is a timestamp column
 * (without time zone, holding UTC as Prisma writes it), read as UTC whatever the session's zone.
 */
export function reportStatusSql(period: Prisma.Sql, dueDay: Prisma.Sql, firstReportAt: Prisma.Sql, now: Date): Prisma.Sql {
  const deadline = deadlineSql(period, dueDay);
  return Prisma.sql`(CASE
    WHEN ${firstReportAt} IS NOT NULL THEN CASE WHEN (${firstReportAt} AT TIME ZONE 'UTC') < ${deadline} THEN 'ON_TIME' ELSE 'LATE' END
    WHEN ${instantSql(now)} >= ${deadline} THEN 'MISSING'
    ELSE 'NOT_DUE' END)`;
}

/** `isDone(i)` for an `initiatives` row aliased `alias`. */
export function doneSql(alias: string): Prisma.Sql {
  const a = Prisma.raw(alias);
  return Prisma.sql`(${a}.health IS NOT DISTINCT FROM 'DONE' OR ${a}.progress >= 100 OR ${a}.closed_at IS NOT NULL)`;
}

/** `pastDueDate(i.due_date, now)`: the initiative's own due day is over in Beijing. */
export function pastDueSql(alias: string, now: Date): Prisma.Sql {
  return Prisma.sql`(${Prisma.raw(alias)}.due_date < (${instantSql(now)} AT TIME ZONE 'Asia/Shanghai')::date)`;
}

/** A period ("2018-06") as a DATE literal parameter: the first of the month, whatever the session's time zone. */
export function periodSql(period: string): Prisma.Sql {
  return Prisma.sql`${`${period}-01`}::date`;
}

/**
 * `light(...)` of an initiative row `alias`, given its plan's due day and whether the current
 * month (`currentPeriod`, "2018-11") has a lead-department report.
 */
export function lightSql(alias: string, dueDay: Prisma.Sql, reportedThisMonth: Prisma.Sql, currentPeriod: string, now: Date): Prisma.Sql {
  const deadline = deadlineSql(periodSql(currentPeriod), dueDay);
  return Prisma.sql`(CASE
    WHEN ${doneSql(alias)} THEN 'GREEN'
    WHEN ${pastDueSql(alias, now)} THEN 'RED'
    WHEN ${reportedThisMonth} THEN 'GREEN'
    WHEN ${instantSql(now)} >= ${deadline} THEN 'RED'
    WHEN ${instantSql(now)} >= ${deadline} - interval '${Prisma.raw(String((YELLOW_WINDOW_DAYS + 1) * 24))} hours' THEN 'YELLOW'
    ELSE 'GREEN' END)`;
}
