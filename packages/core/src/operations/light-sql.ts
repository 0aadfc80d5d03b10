import "server-only";
import { Prisma } from "@workplan/db";
import { shanghaiPeriodOf } from "../rules/calendar";
import { doneSql, lightSql, periodSql, reportStatusSql } from "./calendar-sql";

// The supervision light and this month's report status (rules/calendar.ts: light, reportStatus,
// isDone, pastDueDate — what lightsOf computes in JavaScript) said to the database, so that lists
// and batch chases filter by them with a join instead of loading the scope and filtering in memory.
//
// The expressions read the initiative `i`, its plan `p` and `m`, the initiative's row of the stored
// monthly roll-up initiative_months for the current Beijing month (the LEFT JOIN `monthJoin`).

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
  // Built from the one SQL mirror of rules/calendar.ts (calendar-sql.ts, tested rule by rule
  // against the TypeScript in every session time zone), for the current Beijing month.
  const current = shanghaiPeriodOf(now);
  const dueDay = Prisma.sql`p.report_due_day`;
  const done = doneSql("i");
  const thisMonth = reportStatusSql(periodSql(current), dueDay, Prisma.sql`m.first_report_at`, now);
  return {
    monthJoin: Prisma.sql`LEFT JOIN initiative_months m ON m.initiative_id = i.id AND m.period = ${periodSql(current)}`,
    done,
    light: lightSql("i", dueDay, Prisma.sql`(m.first_report_at IS NOT NULL)`, current, now),
    thisMonth,
    late: Prisma.sql`(NOT ${done} AND ${thisMonth} IN ('LATE', 'MISSING'))`,
  };
}
