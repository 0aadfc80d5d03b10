import "server-only";
// E-mail for notifications, when SMTP is configured (SMTP_URL). notify() writes in-app notification
// rows inside the caller's transaction; this outbox mails them after commit, so a mail failure never
// undoes a write and a rolled-back write never mails. A row is claimed (emailed_at set) before it is
// sent, atomically with SKIP LOCKED, so two app processes never send the same mail twice. What a
// failed send means depends on the server's answer (sendFailureOf): a recipient or message refused for
// good (5xx) keeps its claim and is never retried; one refused for now (4xx) is unclaimed for the next
// run; either way the run goes on with the other mails. Only trouble with the server itself
// (unreachable, sign-in, ...) stops the run, unclaims what it had not sent and backs off. Log lines
// name the notification and the SMTP codes, never the server's reply text, which often quotes the
// address. A process that dies between claim and send loses at most that batch's mails (at most once,
// never twice).
import { prisma } from "@workplan/db";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { renderNotificationEmail, type NotificationParams } from "../rules/email-text";

export const DEFAULT_MAIL_FROM = "Workplan <workplan@localhost>";
/** Notifications older than this are never mailed (e.g. those from before SMTP was configured). */
export const EMAIL_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_BATCH = 50;
const MAX_BATCHES_PER_RUN = 20;
const DEFAULT_INTERVAL_MS = 15_000;
export const KICK_DELAY_MS = 1_000;
const MAX_BACKOFF_MS = 15 * 60_000;

/** What sendPendingEmails needs of a nodemailer transport (tests pass their own). */
export interface MailTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

export interface EmailConfig {
  smtpUrl: string;
  from: string;
  /** The app's public URL, for the links in the mail. */
  baseUrl: string;
}

/** The mail settings from the environment; null when SMTP_URL is not set (no mail is sent). */
export function emailConfig(env: NodeJS.ProcessEnv = process.env): EmailConfig | null {
  const smtpUrl = env.SMTP_URL?.trim();
  if (!smtpUrl) return null;
  const baseUrl = env.APP_URL?.trim() || env.NEXTAUTH_URL?.trim() || `http://localhost:${env.PORT?.trim() || "3000"}`;
  return { smtpUrl, from: env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM, baseUrl };
}

/** `host:port` of an SMTP URL, for log lines: never the user name or password. */
export function smtpTarget(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ""}`;
  } catch {
    return "(an SMTP_URL that is not a URL)";
  }
}

/** Connection defaults added to SMTP_URL unless it sets them itself (nodemailer reads them from the query). */
function withTransportDefaults(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") throw new Error(`SMTP_URL must start with smtp:// or smtps://`);
  const defaults = { pool: "true", maxConnections: "1", connectionTimeout: "15000", greetingTimeout: "15000", socketTimeout: "60000" };
  for (const [key, value] of Object.entries(defaults)) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  return url.toString();
}

// Shared through globalThis: Next bundles instrumentation.ts and the server's routes separately, and
// both must see the one outbox of the process.
/**
 * When the outbox runs next. The server uses real timers; tests pass a clock they advance by hand
 * (no sleeping, and the delay between runs is something a test can assert).
 */
export interface OutboxScheduler {
  now(): number;
  /** Run `run` after `ms`; the handle cancels it. */
  after(ms: number, run: () => Promise<void>): { cancel(): void };
}

const realTimers: OutboxScheduler = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(() => void run(), ms);
    // The outbox never keeps the process alive.
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

interface OutboxState {
  transport: { url: string; mailer: Transporter } | null;
  started: boolean;
  intervalMs: number;
  env: NodeJS.ProcessEnv | undefined;
  scheduler: OutboxScheduler;
  timer: { cancel(): void } | null;
  timerDue: number;
  running: boolean;
  again: boolean;
  failedRuns: number;
}
const STATE_KEY = Symbol.for("workplan.emailOutbox");
function state(): OutboxState {
  const g = globalThis as unknown as Record<symbol, OutboxState | undefined>;
  g[STATE_KEY] ??= {
    transport: null,
    started: false,
    intervalMs: DEFAULT_INTERVAL_MS,
    env: undefined,
    scheduler: realTimers,
    timer: null,
    timerDue: 0,
    running: false,
    again: false,
    failedRuns: 0,
  };
  return g[STATE_KEY];
}

function transportFor(smtpUrl: string): MailTransport {
  const s = state();
  if (s.transport?.url !== smtpUrl) {
    s.transport?.mailer.close();
    s.transport = { url: smtpUrl, mailer: nodemailer.createTransport(withTransportDefaults(smtpUrl)) };
  }
  return s.transport.mailer;
}

/** Close the pooled SMTP connection (tests; a server's process just exits). */
export function closeEmailTransport(): void {
  const s = state();
  s.transport?.mailer.close();
  s.transport = null;
}

interface ClaimedRow {
  id: string;
  user_id: string;
  kind: string;
  params: unknown;
  link: string | null;
  email: string;
  name: string;
  locale: string;
}

function paramsOf(value: unknown): NotificationParams {
  if (typeof value === "string") {
    try {
      return paramsOf(JSON.parse(value));
    } catch {
      return {};
    }
  }
  return value && typeof value === "object" && !Array.isArray(value) ? (value as NotificationParams) : {};
}

/**
 * What a failed send means for its row: "rejected" — the server refused this recipient or this
 * message for good (a 5xx reply to RCPT TO or to the message; or an address nodemailer cannot put in
 * RCPT TO): not retried. "deferred" — refused for now (a 4xx reply to RCPT TO or to the message):
 * tried again on the next run. "halt" — the server itself is the trouble (unreachable, timeout, TLS,
 * sign-in, the sender refused, 421 closing the connection, anything unknown): stop the run, back off.
 */
type SendFailure = "rejected" | "deferred" | "halt";

// Replies to RCPT TO or to the message that blame the session, not this recipient or message.
const SESSION_REPLIES = new Set([421, 503, 530]);

function smtpFieldsOf(error: unknown): { code?: string; responseCode?: number; command?: string } {
  const e = (error !== null && typeof error === "object" ? error : {}) as Record<string, unknown>;
  return {
    code: typeof e.code === "string" ? e.code : undefined,
    responseCode: typeof e.responseCode === "number" ? e.responseCode : undefined,
    command: typeof e.command === "string" ? e.command : undefined,
  };
}

function sendFailureOf(error: unknown): SendFailure {
  const { code, responseCode, command } = smtpFieldsOf(error);
  const message = error instanceof Error ? error.message : "";
  // Checked by nodemailer before anything is sent ("Invalid sender" is the configuration's fault).
  if (code === "EENVELOPE" && command === "API") return /^(Invalid recipient|No recipients)/.test(message) ? "rejected" : "halt";
  // The message itself is not sendable (e.g. larger than the server takes).
  if (code === "EMESSAGE" && responseCode === undefined) return "rejected";
  const aboutThisMail = (code === "EENVELOPE" || code === "EMESSAGE") && (command === "RCPT TO" || command === "DATA");
  if (!aboutThisMail || responseCode === undefined || SESSION_REPLIES.has(responseCode)) return "halt";
  if (responseCode >= 500 && responseCode < 600) return "rejected";
  if (responseCode >= 400 && responseCode < 500) return "deferred";
  return "halt";
}

/** For log lines about a send: nodemailer's error code, the SMTP reply code and command, never the reply text. */
function describeSendError(error: unknown): string {
  const { code, responseCode, command } = smtpFieldsOf(error);
  const name = code ?? (error instanceof Error ? error.name : typeof error);
  return [name, responseCode, command && `(${command})`].filter((part) => part !== undefined && part !== "").join(" ");
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: string; responseCode?: number };
  return [e.code, e.responseCode, e.message].filter((part) => part !== undefined && part !== "").join(" ");
}

export interface SendPendingEmailsOptions {
  /** For the 7-day window and the claim time. */
  now?: Date;
  /** Instead of the SMTP transport made from SMTP_URL. */
  transport?: MailTransport;
  /** Notifications claimed per batch. */
  limit?: number;
  env?: NodeJS.ProcessEnv;
}

export interface EmailOutboxRun {
  /** Mails that went out. */
  sent: number;
  /** Mails refused for good (5xx): not retried. */
  rejected: number;
  /** Mails that failed for now: queued again for the next run. */
  failed: number;
  /** The SMTP server could not take mail (unreachable, sign-in, ...): the run stopped, the rest stays queued. */
  halted: boolean;
}

/** One run of the outbox. */
export async function runEmailOutbox(options: SendPendingEmailsOptions = {}): Promise<EmailOutboxRun> {
  const config = emailConfig(options.env);
  if (!config) return { sent: 0, rejected: 0, failed: 0, halted: false };
  const transport = options.transport ?? transportFor(config.smtpUrl);
  const limit = Math.max(1, Math.min(options.limit ?? DEFAULT_BATCH, 500));
  let sent = 0;
  let rejected = 0;
  let failed = 0;
  let halted = false;
  // Deferred in this run: queued again, but left to the next run rather than retried at once.
  const deferred: string[] = [];
  for (let batch = 0; batch < MAX_BATCHES_PER_RUN && !halted; batch += 1) {
    const now = options.now ?? new Date();
    const since = new Date(now.getTime() - EMAIL_MAX_AGE_MS);
    // One statement: rows another process has claimed (locked or already stamped) are skipped.
    const rows = await prisma.$queryRaw<ClaimedRow[]>`
      UPDATE notifications AS n SET emailed_at = ${now}
        FROM users AS u
       WHERE u.id = n.user_id
         AND n.emailed_at IS NULL
         AND n.id IN (
           SELECT c.id FROM notifications AS c JOIN users AS cu ON cu.id = c.user_id
            WHERE c.emailed_at IS NULL AND c.created_at >= ${since} AND cu.active AND cu.email LIKE '%_@_%'
              AND NOT (c.id = ANY(${deferred}::text[]))
            ORDER BY c.created_at
            LIMIT ${limit}
              FOR UPDATE OF c SKIP LOCKED)
      RETURNING n.id, n.user_id, n.kind, n.params, n.link, u.email, u.name, u.locale`;
    for (const [index, row] of rows.entries()) {
      const mail = renderNotificationEmail({
        kind: row.kind,
        params: paramsOf(row.params),
        link: row.link,
        baseUrl: config.baseUrl,
        recipientName: row.name,
        locale: row.locale === "zh-Hant" || row.locale === "en" ? row.locale : "zh-Hans",
      });
      try {
        await transport.sendMail({
          from: config.from,
          to: { name: row.name, address: row.email },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { "Auto-Submitted": "auto-generated", "X-Workplan-Notification": row.id },
        });
        sent += 1;
      } catch (error) {
        const failure = sendFailureOf(error);
        if (failure === "rejected") {
          // Keeps its claim (emailed_at): a refused address would otherwise come first in every run for a week.
          rejected += 1;
          console.warn(`[email] notification ${row.id} not mailed, refused for good by the SMTP server, not retried: ${describeSendError(error)}`);
          continue;
        }
        failed += 1;
        const unsent = failure === "deferred" ? [row.id] : rows.slice(index).map((r) => r.id);
        await prisma.$executeRaw`UPDATE notifications SET emailed_at = NULL WHERE id = ANY(${unsent}::text[]) AND emailed_at = ${now}`;
        if (failure === "deferred") {
          deferred.push(row.id);
          console.warn(`[email] notification ${row.id} not mailed for now, will retry on the next run: ${describeSendError(error)}`);
          continue;
        }
        halted = true;
        console.warn(
          `[email] the SMTP server ${smtpTarget(config.smtpUrl)} cannot take mail now (notification ${row.id}: ${describeSendError(error)}); ` +
            `${unsent.length} notification(s) of this batch stay queued, retrying later`,
        );
        break;
      }
    }
    if (rows.length < limit) break;
  }
  return { sent, rejected, failed, halted };
}

/**
 * Mail the notifications not yet mailed (created within the last 7 days, to active users). Without
 * SMTP_URL it does nothing and returns 0; the rows stay unsent. Returns how many mails were sent.
 */
export async function sendPendingEmails(options: SendPendingEmailsOptions = {}): Promise<number> {
  return (await runEmailOutbox(options)).sent;
}

function schedule(delayMs: number): void {
  const s = state();
  const due = s.scheduler.now() + delayMs;
  if (s.timer && s.timerDue <= due) return;
  s.timer?.cancel();
  s.timerDue = due;
  s.timer = s.scheduler.after(delayMs, tick);
}

async function tick(): Promise<void> {
  const s = state();
  s.timer = null;
  if (!s.started) return;
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  s.again = false;
  try {
    const { sent, failed, halted } = await runEmailOutbox({ env: s.env });
    // Back off while the server cannot take mail, or while mails fail for now and none go out (then
    // nothing waits behind them). A refused address or a deferred mail never slows the others.
    s.failedRuns = halted || (failed > 0 && sent === 0) ? s.failedRuns + 1 : 0;
  } catch (error) {
    s.failedRuns += 1;
    console.warn(`[email] the outbox could not run: ${describeError(error)}`);
  } finally {
    s.running = false;
  }
  if (!s.started) return;
  // After failures, wait longer each time (up to 15 minutes) instead of hammering the SMTP server.
  const backoff = Math.min(s.intervalMs * 2 ** s.failedRuns, MAX_BACKOFF_MS);
  schedule(s.again && s.failedRuns === 0 ? KICK_DELAY_MS : backoff);
}

/**
 * Start mailing notifications from this process: a run every `intervalMs` (15 s) and shortly after
 * each kickEmailOutbox(). Does nothing (false) without SMTP_URL or with an SMTP_URL that is not an
 * smtp:// or smtps:// URL (logged). The timer does not keep the process alive.
 */
export function startEmailOutbox(options: { intervalMs?: number; env?: NodeJS.ProcessEnv; scheduler?: OutboxScheduler } = {}): boolean {
  const config = emailConfig(options.env);
  if (!config) return false;
  try {
    withTransportDefaults(config.smtpUrl);
  } catch (error) {
    console.error(`[email] e-mail notifications are off: ${error instanceof TypeError ? "SMTP_URL is not a URL" : describeError(error)}`);
    return false;
  }
  const s = state();
  s.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  s.env = options.env;
  if (s.scheduler !== (options.scheduler ?? realTimers)) {
    s.timer?.cancel();
    s.timer = null;
    s.scheduler = options.scheduler ?? realTimers;
  }
  if (!s.started) {
    s.started = true;
    s.failedRuns = 0;
    console.log(`[email] e-mail notifications on, via ${smtpTarget(config.smtpUrl)}, links to ${config.baseUrl}`);
  }
  schedule(KICK_DELAY_MS);
  return true;
}

export function stopEmailOutbox(): void {
  const s = state();
  s.started = false;
  s.timer?.cancel();
  s.timer = null;
}

/**
 * New notifications are waiting: run the outbox soon (debounced). Cheap, never throws, and does
 * nothing unless startEmailOutbox() runs in this process. Called by notify() inside the transaction:
 * the run comes a moment later, after the commit; a row it misses goes with the next run.
 */
export function kickEmailOutbox(): void {
  const s = state();
  if (!s.started) return;
  if (s.running) {
    s.again = true;
    return;
  }
  schedule(KICK_DELAY_MS);
}
