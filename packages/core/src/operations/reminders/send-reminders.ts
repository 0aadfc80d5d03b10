import { prisma } from "@workplan/db";
import "server-only";
import { kickEmailOutbox } from "../../infra/email";
import { beijingToday, isoDay } from "../../rules/dates";
import { OVERDUE_WINDOW_DAYS, reminderPeriods } from "../../rules/reminders";
import { doneSql, periodSql } from "../calendar-sql";

/**
 * Send the automatic reminders `now`'s Beijing day calls for (rules/reminders.ts), in one statement:
 * every open, unarchived, unfinished initiative of an active plan whose lead department has not
 * reported for the month gets its row in `reminders` — ON CONFLICT DO NOTHING, so a row another
 * process (or an earlier run) wrote is skipped — and each responsible staff member (lead and
 * co-operating departments) one notification naming the initiatives newly marked. Two schedulers
 * running at once: the second's inserts wait for the first's and find them, and send nothing.
 * The reminder rows carry the plan calendar's time (`now`); the notifications the real time, like
 * every other (the outbox mails what is under a week old by the real clock).
 */
export async function sendReminders(now: Date): Promise<{ initiatives: number; notified: number }> {
  const today = isoDay(beijingToday(now));
  const [last, current, next] = reminderPeriods(now) as [string, string, string];
  const at = now.toISOString();
  const rows = await prisma.$queryRaw<{ initiatives: number; notified: number }[]>`
    WITH periods(period) AS (VALUES (${periodSql(last)}), (${periodSql(current)}), (${periodSql(next)})),
    due AS (
      SELECT i.id, i.code, i.department_id, w.period, w.due, w.kind
        FROM initiatives i
        JOIN work_plans p ON p.id = i.plan_id
        CROSS JOIN periods
        CROSS JOIN LATERAL (
          SELECT periods.period,
                 (periods.period + (LEAST(GREATEST(p.report_due_day, 1), 28) - 1))::date AS due
        ) d
        CROSS JOIN LATERAL (
          SELECT d.period, d.due,
                 CASE WHEN ${today}::date BETWEEN d.due - p.reminder_days_before AND d.due THEN 'due_soon'
                      WHEN ${today}::date > d.due AND ${today}::date <= d.due + ${OVERDUE_WINDOW_DAYS}::int THEN 'overdue'
                 END AS kind
        ) w
       WHERE p.status = 'ACTIVE' AND p.reminder_days_before > 0
         AND p.year = EXTRACT(YEAR FROM w.period)::int
         AND i.archived_at IS NULL AND NOT ${doneSql("i")}
         AND w.kind IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM initiative_months m WHERE m.initiative_id = i.id AND m.period = w.period)
    ), marked AS (
      INSERT INTO reminders (initiative_id, period, kind, sent_at)
      SELECT id, period, kind, ${at}::timestamp FROM due
      ON CONFLICT DO NOTHING
      RETURNING initiative_id, period, kind
    ), staff AS (
      SELECT DISTINCT u.id AS user_id, d.id, d.code, d.kind, d.period, d.due
        FROM marked k
        JOIN due d ON d.id = k.initiative_id AND d.period = k.period AND d.kind = k.kind
        JOIN users u ON u.role = 'STAFF' AND u.active
         AND (u.department_id = d.department_id
              OR u.department_id IN (SELECT c.department_id FROM initiative_cooperations c WHERE c.initiative_id = d.id))
    ), sent AS (
      INSERT INTO notifications (id, user_id, kind, params, link)
      SELECT md5(random()::text || clock_timestamp()::text || s.user_id || s.kind),
             s.user_id,
             'reminder.' || s.kind,
             jsonb_build_object('count', count(*), 'codes', string_agg(s.code, '、' ORDER BY s.code), 'ids', string_agg(s.id, ',' ORDER BY s.code),
                                'period', to_char(min(s.period), 'YYYY-MM'), 'dueDate', to_char(min(s.due), 'YYYY-MM-DD')),
             CASE WHEN count(*) = 1 THEN '/initiatives/' || min(s.id)
                  WHEN s.kind = 'overdue' THEN '/initiatives?late=1'
                  ELSE '/initiatives?attention=1' END
        FROM staff s
       GROUP BY s.user_id, s.kind
      RETURNING user_id
    )
    SELECT (SELECT count(*) FROM marked)::int AS initiatives, (SELECT count(*) FROM sent)::int AS notified`;
  const result = rows[0] ?? { initiatives: 0, notified: 0 };
  if (result.notified > 0) kickEmailOutbox();
  return result;
}
