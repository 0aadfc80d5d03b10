// The e-mail sent for a notification (infra/email.ts). Pure: no I/O.
//
// The wording follows the in-app list (apps/web `notifications.kinds.*`). Mail goes out after the
// request, and no per-user language is stored, so every mail is in Simplified Chinese (titles
// converted to Simplified, as the zh-Hans interface shows them) with the English below it (titles
// as written). Comments are quoted as written.
import { toSimplified, toTraditional } from "./chinese";
import { DIGEST_LINKS, type DigestFigures } from "./reminders";

export type NotificationParams = Record<string, unknown>;

export interface NotificationEmailInput {
  kind: string;
  params: NotificationParams;
  /** The notification's in-app path, e.g. `/initiatives/abc`; null or anything else: the notification list. */
  link: string | null;
  /** The app's public URL, e.g. `https://workplan.example.gov.cn` (a path prefix is kept). */
  baseUrl: string;
  recipientName?: string | null;
  /** The recipient's language (users.locale): Simplified (with English below, the default), Traditional (with English below), or English only. */
  locale?: "zh-Hans" | "zh-Hant" | "en";
}

export interface NotificationEmail {
  subject: string;
  text: string;
  html: string;
  /** The absolute URL the mail links to. */
  url: string;
}

interface Wording {
  /** One line saying what happened, as in the in-app list. */
  zh: string;
  en: string;
  /** Short English label appended to the subject, after the Chinese. */
  enSubject: string;
  /** Further lines (a comment, a date), Chinese and English. */
  zhDetails: string[];
  enDetails: string[];
}

const SIGN_OFF_ZH = "此邮件由工作计划督办系统自动发送，请勿直接回复。";
const SIGN_OFF_EN = "This message was sent automatically by Workplan; please do not reply to it.";
const SUBJECT_MAX = 180;
/** A reminder mail links at most this many initiatives one by one; the rest are in the list it links to. */
export const REMINDER_LINKS = 10;
const OUTCOMES: Record<string, { zh: string; en: string }> = {
  ACHIEVED: { zh: "已完成", en: "achieved" },
  PARTLY_ACHIEVED: { zh: "部分完成", en: "partly achieved" },
  NOT_ACHIEVED: { zh: "未完成", en: "not achieved" },
  DROPPED: { zh: "已撤销", en: "dropped" },
};

function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return "";
}

/** `{code} {title}` the way the list shows it: the zh-Hans line reads the title in Simplified. */
function subjectOf(params: NotificationParams): { zh: string; en: string } {
  const code = str(params.code);
  const title = str(params.title);
  return {
    zh: [code, toSimplified(title)].filter(Boolean).join(" "),
    en: [code, title].filter(Boolean).join(" "),
  };
}

const DIGEST_LINES: Record<keyof DigestFigures, { zh: string; en: (n: number) => string }> = {
  review: { zh: "份进展等待审核", en: (n) => (n === 1 ? "1 report awaits review" : `${n} reports await review`) },
  late: { zh: "项工作本月报送逾期或缺报", en: (n) => (n === 1 ? "1 initiative is late or missing this month's report" : `${n} initiatives are late or missing this month's report`) },
  red: { zh: "项红灯", en: (n) => (n === 1 ? "1 red light" : `${n} red lights`) },
  extensions: { zh: "项延期申请等待审批", en: (n) => (n === 1 ? "1 extension request awaits a decision" : `${n} extension requests await a decision`) },
};

function wordingOf(kind: string, params: NotificationParams, baseUrl: string): Wording {
  const what = subjectOf(params);
  const comment = str(params.comment).trim();
  const commentZh = comment ? [`意见：${comment}`] : [];
  const commentEn = comment ? [`Comment: ${comment}`] : [];
  switch (kind) {
    case "update.submitted":
      return {
        zh: `${what.zh}：有新的进展等待审核`,
        en: `${what.en}: a new report awaits review`,
        enSubject: "a new report awaits review",
        zhDetails: [],
        enDetails: [],
      };
    case "update.approved":
      return {
        zh: `${what.zh}：您提交的进展已通过审核`,
        en: `${what.en}: your report was approved`,
        enSubject: "your report was approved",
        zhDetails: commentZh,
        enDetails: commentEn,
      };
    case "update.returned":
      return {
        zh: `${what.zh}：您提交的进展被退回修改`,
        en: `${what.en}: your report was returned for revision`,
        enSubject: "your report was returned for revision",
        zhDetails: commentZh,
        enDetails: commentEn,
      };
    case "chase.received": {
      const note = str(params.note).trim();
      const replyBy = str(params.replyBy);
      return {
        zh: `${what.zh}：收到催办`,
        en: `${what.en}: you have been chased`,
        enSubject: "you have been chased",
        zhDetails: [...(note ? [`催办说明：${note}`] : []), replyBy ? `请于 ${replyBy} 前报送进展。` : "请尽快报送进展。"],
        enDetails: [...(note ? [`Note: ${note}`] : []), replyBy ? `Please report progress by ${replyBy}.` : "Please report progress as soon as possible."],
      };
    }
    case "reminder.due_soon":
    case "reminder.overdue": {
      const count = Number(params.count) || 0;
      const codes = str(params.codes);
      const period = str(params.period);
      const dueDate = str(params.dueDate);
      const many = count === 1 ? "1 initiative has" : `${count} initiatives have`;
      const overdue = kind === "reminder.overdue";
      // Each initiative's report form, one line each (codes and ids are stored in the same order);
      // past REMINDER_LINKS the rest are in the list the mail links to.
      const codeList = codes ? codes.split("、") : [];
      const ids = str(params.ids).split(",");
      const linked = codeList.slice(0, REMINDER_LINKS).flatMap((code, i) => {
        const id = ids[i];
        return id && /^[A-Za-z0-9_-]+$/.test(id) ? [`${code}：${absoluteLink(baseUrl, `/initiatives/${id}#report`)}`] : [];
      });
      const rest = codeList.length - linked.length;
      return {
        zh: overdue ? `报送逾期：${count} 项工作 ${period} 的进展逾期未报（截止 ${dueDate}）` : `报送提醒：${count} 项工作 ${period} 的进展尚未报送，请于 ${dueDate} 前报送`,
        en: overdue ? `Overdue: ${many} no report for ${period} (due ${dueDate})` : `Reminder: ${many} no report for ${period} yet; due ${dueDate}`,
        enSubject: overdue ? `reports overdue for ${period}` : `reports due ${dueDate}`,
        zhDetails: linked.length > 0 ? [`涉及工作（点击链接填报）：`, ...linked, ...(rest > 0 ? [`另有 ${rest} 项，见下方链接。`] : [])] : [`涉及工作：${codes}`],
        enDetails:
          linked.length > 0
            ? ["Initiatives (each link opens its report form):", ...linked.map((l) => l.replace("：", ": ")), ...(rest > 0 ? [`${rest} more: see the link below.`] : [])]
            : [`Initiatives: ${codes}`],
      };
    }
    case "digest.weekly": {
      const week = str(params.week);
      const figures = (Object.keys(DIGEST_LINES) as (keyof DigestFigures)[]).map((key) => ({ key, n: Number(params[key]) || 0 }));
      return {
        zh: `每周督办摘要（${week} 周）`,
        en: `Weekly digest (week of ${week})`,
        enSubject: "weekly digest",
        zhDetails: figures.map(({ key, n }) => `${n} ${DIGEST_LINES[key].zh}：${absoluteLink(baseUrl, DIGEST_LINKS[key])}`),
        enDetails: figures.map(({ key, n }) => `${DIGEST_LINES[key].en(n)}: ${absoluteLink(baseUrl, DIGEST_LINKS[key])}`),
      };
    }
    case "chase.batch": {
      const count = Number(params.count) || 0;
      const codes = str(params.codes);
      // A department-wide chase carries one note and reply-by day for all, as a single chase does.
      const note = str(params.note).trim();
      const replyBy = str(params.replyBy);
      return {
        zh: `${count} 项工作收到催办：${codes}`,
        en: `${count === 1 ? "1 initiative" : `${count} initiatives`} chased: ${codes}`,
        enSubject: `${count === 1 ? "1 initiative" : `${count} initiatives`} chased`,
        zhDetails: [...(note ? [`催办说明：${note}`] : []), replyBy ? `请于 ${replyBy} 前报送进展。` : "请尽快报送进展。"],
        enDetails: [...(note ? [`Note: ${note}`] : []), replyBy ? `Please report progress by ${replyBy}.` : "Please report progress as soon as possible."],
      };
    }
    case "extension.requested": {
      const to = str(params.requestedDueDate);
      return {
        zh: `${what.zh}：有延期申请等待审批（申请延至 ${to}）`,
        en: `${what.en}: an extension request awaits your decision (to ${to})`,
        enSubject: "an extension request awaits your decision",
        zhDetails: [],
        enDetails: [],
      };
    }
    case "extension.decided": {
      const decision = str(params.decision);
      const dueDate = str(params.dueDate);
      if (decision === "approve") {
        return {
          zh: `${what.zh}：延期申请已获批准`,
          en: `${what.en}: your extension request was approved`,
          enSubject: "your extension request was approved",
          zhDetails: [...(dueDate ? [`新的完成期限：${dueDate}`] : []), ...commentZh],
          enDetails: [...(dueDate ? [`New due date: ${dueDate}`] : []), ...commentEn],
        };
      }
      if (decision === "refuse") {
        return {
          zh: `${what.zh}：延期申请未获批准`,
          en: `${what.en}: your extension request was refused`,
          enSubject: "your extension request was refused",
          zhDetails: [...(dueDate ? [`完成期限仍为：${dueDate}`] : []), ...commentZh],
          enDetails: [...(dueDate ? [`The due date stays: ${dueDate}`] : []), ...commentEn],
        };
      }
      return {
        zh: `${what.zh}：延期申请已有结果`,
        en: `${what.en}: your extension request was decided`,
        enSubject: "your extension request was decided",
        zhDetails: commentZh,
        enDetails: commentEn,
      };
    }
    case "initiative.closed": {
      const outcome = OUTCOMES[str(params.outcome)];
      return {
        zh: `${what.zh}：已结项${outcome ? `（${outcome.zh}）` : ""}`,
        en: `${what.en}: closed${outcome ? ` (${outcome.en})` : ""}`,
        enSubject: "the initiative was closed",
        zhDetails: [],
        enDetails: [],
      };
    }
    default:
      return {
        zh: what.zh ? `${what.zh}：您有一条新通知` : "您有一条新通知",
        en: what.en ? `${what.en}: you have a new notification` : "You have a new notification",
        enSubject: "new notification",
        zhDetails: [],
        enDetails: [],
      };
  }
}

/** `baseUrl` + the in-app path; only paths of this app (starting with one "/") are linked. */
export function absoluteLink(baseUrl: string, link: string | null): string {
  const path = link && link.startsWith("/") && !link.startsWith("//") ? link : "/notifications";
  return `${baseUrl.replace(/\/+$/, "")}${path}`;
}

/** Header-safe: one line, no control characters, not overly long. */
function oneLine(text: string, max: number): string {
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

export function renderNotificationEmail(input: NotificationEmailInput): NotificationEmail {
  const locale = input.locale ?? "zh-Hans";
  const english = wordingOf(input.kind, input.params, input.baseUrl);
  // Traditional: the Chinese part in Traditional characters (titles as written). English: English only.
  const wording =
    locale === "zh-Hant" ? { ...english, zh: toTraditional(english.zh), zhDetails: english.zhDetails.map(toTraditional) } : english;
  if (locale === "en") return renderEnglish(input, wording);
  const signOffZh = locale === "zh-Hant" ? toTraditional(SIGN_OFF_ZH) : SIGN_OFF_ZH;
  const url = absoluteLink(input.baseUrl, input.link);
  const name = oneLine(input.recipientName ?? "", 80);
  const greetingZh = name ? `${name}，您好：` : "您好：";
  const greetingEn = name ? `Hello ${name},` : "Hello,";
  const subject = oneLine(`${wording.zh} / ${wording.enSubject}`, SUBJECT_MAX);

  const text = [
    greetingZh,
    "",
    wording.zh,
    ...wording.zhDetails,
    `查看：${url}`,
    "",
    "——",
    greetingEn,
    "",
    wording.en,
    ...wording.enDetails,
    `Open: ${url}`,
    "",
    signOffZh,
    SIGN_OFF_EN,
    "",
  ].join("\n");

  const link = `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  const paragraph = (lines: string[]) => `<p>${lines.map(escapeHtml).join("<br>")}</p>`;
  const html = [
    "<!doctype html>",
    `<html lang="${locale}"><body style="font-family: sans-serif; line-height: 1.6; color: #0f172a">`,
    paragraph([greetingZh]),
    `<p><strong>${escapeHtml(wording.zh)}</strong></p>`,
    ...(wording.zhDetails.length > 0 ? [paragraph(wording.zhDetails)] : []),
    `<p>查看：${link}</p>`,
    '<hr style="border: none; border-top: 1px solid #cbd5e1">',
    `<div lang="en">`,
    paragraph([greetingEn]),
    `<p><strong>${escapeHtml(wording.en)}</strong></p>`,
    ...(wording.enDetails.length > 0 ? [paragraph(wording.enDetails)] : []),
    `<p>Open: ${link}</p>`,
    "</div>",
    `<p style="color: #64748b; font-size: 12px">${escapeHtml(signOffZh)}<br>${escapeHtml(SIGN_OFF_EN)}</p>`,
    "</body></html>",
    "",
  ].join("\n");

  return { subject, text, html, url };
}

/** The mail for a reader who chose English: no Chinese part. */
function renderEnglish(input: NotificationEmailInput, wording: Wording): NotificationEmail {
  const url = absoluteLink(input.baseUrl, input.link);
  const name = oneLine(input.recipientName ?? "", 80);
  const greeting = name ? `Hello ${name},` : "Hello,";
  const subject = oneLine(wording.en, SUBJECT_MAX);
  const text = [greeting, "", wording.en, ...wording.enDetails, `Open: ${url}`, "", SIGN_OFF_EN, ""].join("\n");
  const link = `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  const html = [
    "<!doctype html>",
    '<html lang="en"><body style="font-family: sans-serif; line-height: 1.6; color: #0f172a">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p><strong>${escapeHtml(wording.en)}</strong></p>`,
    ...(wording.enDetails.length > 0 ? [`<p>${wording.enDetails.map(escapeHtml).join("<br>")}</p>`] : []),
    `<p>Open: ${link}</p>`,
    `<p style="color: #64748b; font-size: 12px">${escapeHtml(SIGN_OFF_EN)}</p>`,
    "</body></html>",
    "",
  ].join("\n");
  return { subject, text, html, url };
}
