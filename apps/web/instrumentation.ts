// Runs once when the server starts: refuse to serve without the configuration it needs, naming it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertServerEnv } = await import("./lib/server-env");
    assertServerEnv();
    // Is the database there? An unreachable one turns pages and the API into 503s from the first
    // request, until it answers again (lib/outage.ts, lib/api.ts). Not while `next build` runs.
    if (process.env.NEXT_PHASE !== "phase-production-build" && process.env.DATABASE_URL) {
      const { checkDatabaseAtStart, markDraining } = await import("@workplan/core/infra/readiness");
      await checkDatabaseAtStart();
      // scripts/serve.mjs (the image's entry) says so before it passes a SIGTERM on: from then on
      // /api/health/ready answers 503 while requests are still served, for a grace period.
      process.on("message", (message) => {
        if (message === "workplan:draining") markDraining();
      });
    }
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
