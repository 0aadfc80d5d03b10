// The e-mail outbox against a real SMTP server (smtp-server on 127.0.0.1, a random port) and the real
// database: notifications made by real operations are mailed once, after commit, to active users.
import type { AddressInfo } from "node:net";
import { prisma } from "@workplan/db";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runSeed } from "../../../../prisma/seed/run-seed";
import type { Viewer } from "../rules/policy";
import {
  closeEmailTransport,
  KICK_DELAY_MS,
  runEmailOutbox,
  sendPendingEmails,
  startEmailOutbox,
  stopEmailOutbox,
  type OutboxScheduler,
} from "./email";
import { logProgress } from "../operations/log-progress";
import { newUser, snapshotProgressState, viewer } from "../testing/progress-testing";
import { reviewUpdate } from "../operations/review-update";
import { updateUser } from "../operations/update-user";
import { sendReminders } from "../operations/reminders/send-reminders";

const NOW = new Date("2018-07-01T00:00:00Z");
const APP_URL = "https://workplan.example.test/plan";
const SMTP_USER = "workplan";
const SMTP_PASSWORD = "s3cret/p@ss:word";

interface Received {
  to: string[];
  user: string | undefined;
  raw: string;
  subject: string;
  from: string;
  notificationId: string;
  text: string;
  html: string;
}

// ---- a small MIME reader: enough for what nodemailer writes (encoded words, base64, quoted-printable)

function bytesOfQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const s = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === "=" && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(s[i] ?? "", "utf8"));
    }
  }
  return Buffer.from(bytes);
}

function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BQ]\?[^?]*\?=)\s+(?==\?)/gi, "$1")
    .replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === "B"
        ? Buffer.from(data, "base64").toString("utf8")
        : bytesOfQuotedPrintable(data.replace(/_/g, " ")).toString("utf8"),
    );
}

function splitHeaders(block: string): { headers: Map<string, string>; body: string } {
  const at = block.indexOf("\r\n\r\n");
  const head = at < 0 ? block : block.slice(0, at);
  const body = at < 0 ? "" : block.slice(at + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return bytesOfQuotedPrintable(body).toString("utf8");
  return body;
}

function readMessage(raw: string): Omit<Received, "to" | "user" | "raw"> {
  const { headers, body } = splitHeaders(raw);
  const parts: { type: string; content: string }[] = [];
  const contentType = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith("--")) break;
      const part = splitHeaders(chunk.replace(/^\r\n/, ""));
      parts.push({ type: part.headers.get("content-type") ?? "", content: decodeBody(part.headers, part.body) });
    }
  } else {
    parts.push({ type: contentType, content: decodeBody(headers, body) });
  }
  return {
    subject: decodeWords(headers.get("subject") ?? ""),
    from: decodeWords(headers.get("from") ?? ""),
    notificationId: headers.get("x-workplan-notification") ?? "",
    text: parts.find((p) => p.type.startsWith("text/plain"))?.content ?? "",
    html: parts.find((p) => p.type.startsWith("text/html"))?.content ?? "",
  };
}

// ---- the SMTP server

const received: Received[] = [];
/** Addresses the server turns away at RCPT TO, with the reply code (550 for good, 451 for now). */
const refused = new Map<string, 550 | 451>();
/** Every RCPT TO the server was given, accepted or not. */
const rcptTo: string[] = [];

// Replies worded like Postfix's: the address is in the text.
const refusal = (code: 550 | 451, address: string) =>
  code === 550
    ? `5.1.1 <${address}>: Recipient address rejected: User unknown in local recipient table`
    : `4.7.1 <${address}>: Recipient address rejected: Greylisted, try again later`;

const server = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: SMTP_USER });
    return callback(new Error("Invalid username or password"));
  },
  onRcptTo(address, _session, callback) {
    const to = address.address.toLowerCase();
    rcptTo.push(to);
    const code = refused.get(to);
    if (code) return callback(Object.assign(new Error(refusal(code, address.address)), { responseCode: code }));
    return callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({
        to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        user: session.user as string | undefined,
        raw,
        ...readMessage(raw),
      });
      callback();
    });
  },
});

let env: NodeJS.ProcessEnv = {};
let savedSmtpUrl: string | undefined;

/** Mail for one address since `from` (an index into `received`). */
const mailTo = (email: string, from = 0) => received.slice(from).filter((m) => m.to.includes(email));
/** How often the server was asked to take mail for an address. */
const attemptsFor = (email: string) => rcptTo.filter((to) => to === email).length;

async function initiativeId(code: string) {
  return (await prisma.initiative.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

async function report(author: Viewer, code: string) {
  const id = await initiativeId(code);
  const { version } = await prisma.initiative.findUniqueOrThrow({ where: { id }, select: { version: true } });
  const result = await logProgress(author, id, { period: "2018-06", progress: 40, health: "ON_TRACK", workDone: "本月完成情況", baseVersion: version }, [], {
    now: NOW,
  });
  return result.updateId;
}

async function emailOf(user: Viewer) {
  return (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { email: true } })).email;
}

/** The outbox's clock, advanced by hand: each next() runs the earliest timer to its end. */
class ManualClock implements OutboxScheduler {
  private time = 0;
  private timers: { due: number; delay: number; run: () => Promise<void>; cancelled: boolean }[] = [];

  now(): number {
    return this.time;
  }

  after(ms: number, run: () => Promise<void>) {
    const timer = { due: this.time + ms, delay: ms, run, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  private earliest() {
    return this.timers.filter((t) => !t.cancelled).sort((a, b) => a.due - b.due)[0];
  }

  /** How long after its scheduling the next timer fires. */
  nextDelay(): number | undefined {
    return this.earliest()?.delay;
  }

  /** Move to the next timer, run it and wait for its run; its delay. */
  async next(): Promise<number> {
    const timer = this.earliest();
    if (!timer) throw new Error("nothing scheduled");
    timer.cancelled = true;
    this.time = timer.due;
    await timer.run();
    return timer.delay;
  }
}

describe("e-mail for notifications", () => {
  let restore: () => Promise<void> = async () => {};
  let policyLead: Viewer;
  let admin: Viewer;

  beforeAll(async () => {
    await runSeed({ demo: true });
    restore = await snapshotProgressState();
    policyLead = await viewer("policy.lead@demo.local");
    admin = await viewer("admin@demo.local");
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.server.address() as AddressInfo;
    env = {
      SMTP_URL: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:${port}`,
      MAIL_FROM: "工作计划督办 <workplan@example.test>",
      APP_URL,
    };
    savedSmtpUrl = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    // Notifications left by earlier test files of this run go out first, to nowhere.
    let drained = 1;
    while (drained > 0) drained = await sendPendingEmails({ env, transport: { sendMail: async () => ({}) }, limit: 500 });
  });
  afterEach(() => {
    refused.clear();
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    closeEmailTransport();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (savedSmtpUrl !== undefined) process.env.SMTP_URL = savedSmtpUrl;
    await restore();
    await prisma.$disconnect();
  });

  it("mails the author once when a report is returned: the subject says so, the mail links to the initiative", async () => {
    const staff = await newUser("mail", "STAFF", "CYZCS");
    const address = await emailOf(staff);
    const updateId = await report(staff, "CYZCS-2018-1");
    await reviewUpdate(policyLead, updateId, { decision: "return", comment: "請補充具體數據" });
    const start = received.length;

    const sent = await sendPendingEmails({ env });
    // The report told the department's managers; the return told the author.
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(received.length - start).toBe(sent);

    const [mail, ...more] = mailTo(address, start);
    expect(more).toHaveLength(0);
    expect(mail?.user).toBe(SMTP_USER); // signed in with the user name and password of SMTP_URL
    expect(mail?.from).toBe("工作计划督办 <workplan@example.test>");
    expect(mail?.subject).toMatch(/^CYZCS-2018-1 .+：您提交的进展被退回修改 \/ your report was returned for revision$/);
    const link = `${APP_URL}/initiatives/${await initiativeId("CYZCS-2018-1")}`;
    expect(mail?.text).toContain(`查看：${link}`);
    expect(mail?.text).toContain("意见：請補充具體數據");
    expect(mail?.text).toContain(`Open: ${link}`);
    expect(mail?.html).toContain(`<a href="${link}">`);
    const managerMail = mailTo(await emailOf(policyLead), start);
    expect(managerMail.map((m) => m.subject)).toContainEqual(expect.stringMatching(/^CYZCS-2018-1 .+：有新的进展等待审核/));
    expect(managerMail[0]?.text).toContain(`${APP_URL}/review`);

    // The in-app notification is still unread, and marked as mailed.
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: staff.id, kind: "update.returned" } });
    expect(note.readAt).toBeNull();
    expect(note.emailedAt).not.toBeNull();
    expect(mail?.notificationId).toBe(note.id);

    // Mailed once: another run has nothing to send.
    expect(await sendPendingEmails({ env })).toBe(0);
    expect(received.length - start).toBe(sent);
  });

  it("sends each mail once when two runs (two app processes) go at the same time", async () => {
    const authors = await Promise.all([1, 2, 3].map(() => newUser("mail2", "STAFF", "CYZCS")));
    const codes = ["CYZCS-2018-2", "CYZCS-2018-3", "CYZCS-2018-5"];
    const since = new Date(Date.now() - 1000);
    for (const [i, author] of authors.entries()) {
      const updateId = await report(author, codes[i] ?? "");
      await reviewUpdate(policyLead, updateId, { decision: "approve" });
    }
    const pending = await prisma.notification.findMany({ where: { emailedAt: null, createdAt: { gte: since } }, select: { id: true } });
    expect(pending.length).toBeGreaterThanOrEqual(6); // 3 reports to review, 3 approvals
    const start = received.length;

    const runs = await Promise.all([sendPendingEmails({ env, limit: 2 }), sendPendingEmails({ env, limit: 2 })]);
    expect(runs[0] + runs[1]).toBe(pending.length);
    const mailed = received.slice(start).map((m) => m.notificationId);
    expect(mailed.sort()).toEqual(pending.map((p) => p.id).sort());
    for (const author of authors) {
      const mails = mailTo(await emailOf(author), start);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.subject).toContain("您提交的进展已通过审核");
    }
    expect(await sendPendingEmails({ env })).toBe(0);
  });

  it("sends nothing without SMTP_URL: the notifications wait, unsent", async () => {
    const staff = await newUser("mail3", "STAFF", "CYZCS");
    const updateId = await report(staff, "CYZCS-2018-4");
    await reviewUpdate(policyLead, updateId, { decision: "approve" });
    const start = received.length;

    expect(await sendPendingEmails()).toBe(0); // process.env has no SMTP_URL
    expect(await sendPendingEmails({ env: { ...env, SMTP_URL: "" } })).toBe(0);
    expect(received.length).toBe(start);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: staff.id, kind: "update.approved" } });
    expect(note.emailedAt).toBeNull();

    // Configured later, they go out.
    expect(await sendPendingEmails({ env })).toBeGreaterThanOrEqual(2);
    expect(mailTo(await emailOf(staff), start)).toHaveLength(1);
  });

  /** Two authors whose reports are returned, `first` before `second`; their notifications, oldest first. */
  async function twoReturned(tag: string) {
    const since = new Date(Date.now() - 1000);
    const first = await newUser(tag, "STAFF", "CYZCS");
    const second = await newUser(tag, "STAFF", "CYZCS");
    for (const [author, code] of [
      [first, "CYZCS-2018-1"],
      [second, "CYZCS-2018-2"],
    ] as const) {
      await reviewUpdate(policyLead, await report(author, code), { decision: "return", comment: "请补充" });
    }
    const pending = await prisma.notification.findMany({
      where: { emailedAt: null, createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
      select: { id: true, userId: true, kind: true },
    });
    const noteOf = (user: Viewer) => pending.find((n) => n.userId === user.id && n.kind === "update.returned");
    return { first, second, pending, firstNote: noteOf(first), secondNote: noteOf(second) };
  }

  /** What the outbox logged: no recipient address, no SMTP password. */
  function expectLogWithoutSecrets(logged: string, addresses: string[]) {
    for (const address of addresses) expect(logged).not.toContain(address);
    expect(logged).not.toContain(SMTP_PASSWORD);
    expect(logged).not.toContain(encodeURIComponent(SMTP_PASSWORD));
  }

  it("does not retry an address the SMTP server refuses for good (550), and mails everyone else in the same run", async () => {
    const { first, second, pending, firstNote } = await twoReturned("mail4");
    const refusedAddress = await emailOf(first);
    refused.set(refusedAddress, 550);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const start = received.length;

    // Small batches: the refusal comes in an early one, the other author's mail in a later one.
    const run = await runEmailOutbox({ env, limit: 2 });
    expect(run).toEqual({ sent: pending.length - 1, rejected: 1, failed: 0, halted: false });
    expect(received.slice(start).map((m) => m.notificationId).sort()).toEqual(
      pending
        .map((n) => n.id)
        .filter((id) => id !== firstNote?.id)
        .sort(),
    );
    expect(mailTo(await emailOf(second), start)).toHaveLength(1);
    expect(mailTo(refusedAddress, start)).toHaveLength(0);
    expect(attemptsFor(refusedAddress)).toBe(1);
    // Still in the app, unread; not queued again.
    const note = await prisma.notification.findUniqueOrThrow({ where: { id: firstNote?.id ?? "" } });
    expect(note.readAt).toBeNull();
    expect(note.emailedAt).not.toBeNull();

    // The log names the notification and the reply code, not the address the server quoted.
    const logged = warn.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(logged).toContain(note.id);
    expect(logged).toContain("550");
    expectLogWithoutSecrets(logged, [refusedAddress]);

    // Later runs do not try it again.
    expect(await runEmailOutbox({ env })).toEqual({ sent: 0, rejected: 0, failed: 0, halted: false });
    refused.clear();
    expect(await sendPendingEmails({ env })).toBe(0);
    expect(attemptsFor(refusedAddress)).toBe(1);
    expect(mailTo(refusedAddress, start)).toHaveLength(0);
  });

  it("retries an address the SMTP server turns away for now (451) on the next run, mailing everyone else meanwhile", async () => {
    const { first, second, pending, firstNote } = await twoReturned("mail7");
    const deferredAddress = await emailOf(first);
    refused.set(deferredAddress, 451);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const start = received.length;

    const run = await runEmailOutbox({ env, limit: 2 });
    expect(run).toEqual({ sent: pending.length - 1, rejected: 0, failed: 1, halted: false });
    expect(mailTo(await emailOf(second), start)).toHaveLength(1);
    // Queued again, but not retried by the later batches of the same run.
    expect(attemptsFor(deferredAddress)).toBe(1);
    const note = await prisma.notification.findUniqueOrThrow({ where: { id: firstNote?.id ?? "" } });
    expect(note.emailedAt).toBeNull();
    const logged = warn.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(logged).toContain(note.id);
    expect(logged).toContain("451");
    expectLogWithoutSecrets(logged, [deferredAddress]);

    // The next run tries it again: still greylisted, then accepted.
    expect(await runEmailOutbox({ env })).toEqual({ sent: 0, rejected: 0, failed: 1, halted: false });
    expect(attemptsFor(deferredAddress)).toBe(2);
    refused.clear();
    expect(await sendPendingEmails({ env })).toBe(1);
    const [mail, ...more] = mailTo(deferredAddress, start);
    expect(more).toHaveLength(0);
    expect(mail?.notificationId).toBe(note.id);
    expect(mail?.subject).toContain("您提交的进展被退回修改");
    expect(await sendPendingEmails({ env })).toBe(0);
  });

  it("loses nothing when the SMTP server cannot be reached or refuses the sign-in, and logs no password", async () => {
    const { first, second, pending } = await twoReturned("mail8");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const start = received.length;
    const stillQueued = async () =>
      prisma.notification.count({ where: { id: { in: pending.map((n) => n.id) }, emailedAt: null } });

    const unreachable = { ...env, SMTP_URL: `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASSWORD)}@127.0.0.1:9/` };
    expect(await runEmailOutbox({ env: unreachable, limit: 2 })).toEqual({ sent: 0, rejected: 0, failed: 1, halted: true });
    expect(await stillQueued()).toBe(pending.length);

    const wrongPassword = "wr0ng/p@ss";
    const badSignIn = { ...env, SMTP_URL: env.SMTP_URL?.replace(encodeURIComponent(SMTP_PASSWORD), encodeURIComponent(wrongPassword)) };
    expect(await runEmailOutbox({ env: badSignIn, limit: 2 })).toEqual({ sent: 0, rejected: 0, failed: 1, halted: true });
    expect(await stillQueued()).toBe(pending.length);
    expect(received.length).toBe(start);

    const logged = warn.mock.calls.map((c) => c.join(" ")).join("\n");
    expect(logged).toMatch(/E(SOCKET|CONNECTION) \(CONN\)/); // nodemailer's codes, for the administrator
    expect(logged).toContain("EAUTH 535");
    expectLogWithoutSecrets(logged, [await emailOf(first), await emailOf(second)]);
    expect(logged).not.toContain(wrongPassword);
    expect(logged).not.toContain(encodeURIComponent(wrongPassword));

    // With the server back, all of them go out, once.
    expect(await sendPendingEmails({ env })).toBe(pending.length);
    expect(mailTo(await emailOf(first), start)).toHaveLength(1);
    expect(mailTo(await emailOf(second), start)).toHaveLength(1);
  });

  it("keeps its pace after a refused address: the next periodic run mails new notifications, the refused one is not tried again", async () => {
    const { first, second } = await twoReturned("mail9");
    const refusedAddress = await emailOf(first);
    refused.set(refusedAddress, 550);
    vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "log").mockImplementation(() => {});
    const start = received.length;
    const clock = new ManualClock();
    expect(startEmailOutbox({ env, intervalMs: 200, scheduler: clock })).toBe(true);
    try {
      expect(await clock.next()).toBe(KICK_DELAY_MS); // the run at start-up
      expect(attemptsFor(refusedAddress)).toBe(1);
      expect(mailTo(await emailOf(second), start)).toHaveLength(1);
      // The periodic runs keep their interval: a refused address is not a failing server (a back-off
      // would double the wait each time).
      for (let run = 0; run < 3; run += 1) expect(await clock.next()).toBe(200);
      // A notification written by another app process (no nudge to this one) goes out at the next run.
      const note = await prisma.notification.create({
        data: { userId: second.id, kind: "chase.received", params: { code: "CYZCS-2018-2" }, link: "/initiatives" },
      });
      expect(await clock.next()).toBe(200);
      expect(received.filter((m) => m.notificationId === note.id)).toHaveLength(1);
      expect(attemptsFor(refusedAddress)).toBe(1);
    } finally {
      stopEmailOutbox();
    }
  });

  it("mails a new notification within seconds once the server process has started the outbox", async () => {
    const staff = await newUser("mail6", "STAFF", "CYZCS");
    const updateId = await report(staff, "CYZCS-2018-5");
    expect(await sendPendingEmails({ env })).toBeGreaterThan(0); // the managers' "awaiting review"
    const start = received.length;
    // The periodic run is a minute away: only the nudge from notify() can send it this soon.
    const clock = new ManualClock();
    expect(startEmailOutbox({ env, intervalMs: 60_000, scheduler: clock })).toBe(true);
    try {
      expect(await clock.next()).toBe(KICK_DELAY_MS); // the run at start-up
      expect(clock.nextDelay()).toBe(60_000);
      await reviewUpdate(policyLead, updateId, { decision: "approve" });
      // The review's notification nudged the outbox: its run is a second away, not a minute.
      expect(clock.nextDelay()).toBe(KICK_DELAY_MS);
      await clock.next();
      expect(mailTo(await emailOf(staff), start).map((m) => m.subject)).toEqual([expect.stringContaining("您提交的进展已通过审核")]);
    } finally {
      stopEmailOutbox();
    }
    expect(startEmailOutbox({ env: { ...env, SMTP_URL: "" } })).toBe(false);
    expect(startEmailOutbox({ env: { ...env, SMTP_URL: "http://not-smtp.example" } })).toBe(false);
  });

  it("does not mail deactivated users, nor notifications older than a week", async () => {
    const staff = await newUser("mail5", "STAFF", "CYZCS");
    const updateId = await report(staff, "CYZCS-2018-3");
    await updateUser(admin, staff.id, { active: false });
    await reviewUpdate(policyLead, updateId, { decision: "return", comment: "请补充" });
    const start = received.length;

    await sendPendingEmails({ env });
    expect(mailTo(await emailOf(staff), start)).toHaveLength(0);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: staff.id, kind: "update.returned" } });
    expect(note.emailedAt).toBeNull(); // in-app notification still there for if the account is reactivated

    const active = await newUser("mail5", "STAFF", "CYZCS");
    await reviewUpdate(policyLead, await report(active, "CYZCS-2018-4"), { decision: "approve" });
    const aWeekLater = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000);
    expect(await sendPendingEmails({ env, now: aWeekLater })).toBe(0);
    expect(mailTo(await emailOf(active), start)).toHaveLength(0);
  });

  it("mails reminders in each reader's language: Simplified with English below, Traditional, or English only", async () => {
    const simplified = await newUser("mail6", "STAFF", "KJS");
    const traditional = await newUser("mail6", "STAFF", "KJS");
    const english = await newUser("mail6", "STAFF", "KJS");
    await prisma.user.update({ where: { id: traditional.id }, data: { locale: "zh-Hant" } });
    await prisma.user.update({ where: { id: english.id }, data: { locale: "en" } });
    const start = received.length;
    // Three days before the due day of October 2018 (the 25th), in Beijing.
    await sendReminders(new Date("2018-10-22T01:00:00Z"));
    await sendPendingEmails({ env, limit: 500 });
    try {
      const [zhHans] = mailTo(await emailOf(simplified), start);
      expect(zhHans?.subject).toMatch(/^报送提醒：\d+ 项工作 2018-10 的进展尚未报送，请于 2018-10-25 前报送 \/ reports due 2018-10-25$/);
      // Each initiative with the link to its report form.
      const escaped = APP_URL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      expect(zhHans?.text).toMatch(new RegExp(`\\nKJS-2018-[\\d.]+：${escaped}/initiatives/[a-z0-9]+#report\\r?\\n`));
      expect(zhHans?.text).toMatch(/Reminder: \d+ initiatives have no report for 2018-10 yet; due 2018-10-25/);

      const [zhHant] = mailTo(await emailOf(traditional), start);
      expect(zhHant?.subject).toMatch(/^報送提醒：\d+ 項工作 2018-10 的進展尚未報送，請於 2018-10-25 前報送/);
      expect(zhHant?.html).toContain('<html lang="zh-Hant">');

      const [en] = mailTo(await emailOf(english), start);
      expect(en?.subject).toMatch(/^Reminder: \d+ initiatives have no report for 2018-10 yet; due 2018-10-25$/);
      expect(en?.text).not.toMatch(/报送|報送/);
      expect(en?.text).toContain(`Open: ${APP_URL}/initiatives?attention=1`);
      expect(en?.text).toMatch(new RegExp(`\\nKJS-2018-[\\d.]+: ${escaped}/initiatives/[a-z0-9]+#report\\r?\\n`));
    } finally {
      await prisma.reminder.deleteMany({ where: { period: new Date("2018-10-01T00:00:00Z") } });
      await prisma.notification.deleteMany({ where: { kind: { startsWith: "reminder." } } });
    }
  });
});
