import "server-only";
import { Prisma } from "@workplan/db";
import { DEFAULT_DUE_DAY, YELLOW_WINDOW_DAYS, shanghaiPeriodOf } from "../rules/calendar";
import { beijingToday } from "./list-query";

// The supervision light and this month's report status (rules/calendar.ts: light, reportStatus,
// isDone, pastDueDate — what lightsOf computes in JavaScript) said to the database, so that lists
// and batch chases filter by them with a join instead of loading the scope and filtering in memory.
//
// The expressions read the initiative `i`, its plan `p` and `m`, the initiative's row of the stored
// monthly roll-up initiative_months for the current Beijing month (a LEFT JOIN: see monthJoinSql).
// Timestamps are `timestamp` columns holding UTC, compared with ISO strings cast to `timestamp`.

export interface CalendarSql {
  /** LEFT JOIN of `m`: this month's lead-department reports of `i`. */
  monthJoin: Prisma.Sql;
  /** Done: reported DONE, at 100 % or closed (owes no more reports). */
  done: Prisma.Sql;
  /** 'RED' | 'YELLOW' | 'GREEN', as rules/calendar.ts light(). */
  light: Prisma.Sql;
  /** 'ON_TIME' | 'LATE' | 'MISSING' | 'NOT_DUE' for the current month, as reportStatus(). */
  thisMonth: Prisma.Sql;
  /** This month's report is late or missing and the initiative is not done (the list's late=1). */
  late: Prisma.Sql;
}

export function calendarSql(now: Date): CalendarSql {
  const period = `${shanghaiPeriodOf(now)}-01`;
  const at = Prisma.sql`${now.toISOString()}::timestamp`;
  // The end of the due day (Beijing) of this month: day (dueDay + 1) at 00:00 +08:00, as UTC.
  // rules/calendar.ts: a plan's due day of 0 means the default, and it is clamped to 1..28.
  const dueDay = Prisma.sql`LEAST(28, GREATEST(1, COALESCE(NULLIF(p.report_due_day, 0), ${DEFAULT_DUE_DAY}::int)))`;
  const deadline = Prisma.sql`((${period}::date + ${dueDay})::timestamp - interval '8 hours')`;
  const yellowFrom = Prisma.sql`(${deadline} - ${`${YELLOW_WINDOW_DAYS + 1} days`}::interval)`;
  const done = Prisma.sql`(i.health IS NOT DISTINCT FROM 'DONE'::"Health" OR i.progress >= 100 OR i.closed_at IS NOT NULL)`;
  const pastDue = Prisma.sql`(i.due_date < ${beijingToday(now).toISOString().slice(0, 10)}::date)`;
  const reported = Prisma.sql`(m.first_report_at IS NOT NULL)`;
  return {
    monthJoin: Prisma.sql`LEFT JOIN initiative_months m ON m.initiative_id = i.id AND m.period = ${period}::date`,
    done,
    light: Prisma.sql`(CASE WHEN ${done} THEN 'GREEN' WHEN ${pastDue} THEN 'RED' WHEN ${reported} THEN 'GREEN'
                            WHEN ${at} >= ${deadline} THEN 'RED' WHEN ${at} >= ${yellowFrom} THEN 'YELLOW' ELSE 'GREEN' END)`,
    thisMonth: Prisma.sql`(CASE WHEN ${reported} THEN (CASE WHEN m.first_report_at < ${deadline} THEN 'ON_TIME' ELSE 'LATE' END)
                                WHEN ${at} >= ${deadline} THEN 'MISSING' ELSE 'NOT_DUE' END)`,
    late: Prisma.sql`(NOT ${done} AND (CASE WHEN ${reported} THEN m.first_report_at >= ${deadline} ELSE ${at} >= ${deadline} END))`,
  };
}
