// Runs once when the server starts: refuse to serve without the configuration it needs, naming it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertServerEnv } = await import("./lib/server-env");
    assertServerEnv();
    // E-mail for notifications when SMTP_URL is set: this server process mails what notify() queued
    // (every 15 s, and a moment after each new notification). Not while `next build` runs.
    if (process.env.SMTP_URL && process.env.NEXT_PHASE !== "phase-production-build") {
      const { startEmailOutbox } = await import("@workplan/core/infra/email");
      startEmailOutbox();
    }
    // Reminders before the due day and the weekly digest (pg-boss on the same PostgreSQL).
    if (process.env.WORKPLAN_SCHEDULER !== "0" && process.env.NEXT_PHASE !== "phase-production-build") {
      const { startSchedulerInBackground } = await import("@workplan/core/infra/scheduler");
      startSchedulerInBackground();
    }
  }
}
