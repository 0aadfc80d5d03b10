// The e-mail sent for a notification (infra/email.ts). Pure: no I/O.
//
// The wording follows the in-app list (apps/web `notifications.kinds.*`). Mail goes out after the
// request, and no per-user language is stored, so every mail is in Simplified Chinese (titles
// converted to Simplified, as the zh-Hans interface shows them) with the English below it (titles
// as written). Comments are quoted as written.
import { toSimplified } from "./chinese";

export type NotificationParams = Record<string, unknown>;

export interface NotificationEmailInput {
  kind: string;
  params: NotificationParams;
  /** The notification's in-app path, e.g. `/initiatives/abc`; null or anything else: the notification list. */
  link: string | null;
  /** The app's public URL, e.g. `https://workplan.example.gov.cn` (a path prefix is kept). */
  baseUrl: string;
  recipientName?: string | null;
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

function wordingOf(kind: string, params: NotificationParams): Wording {
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
    case "chase.received":
      return {
        zh: `${what.zh}：收到催办`,
        en: `${what.en}: you have been chased`,
        enSubject: "you have been chased",
        zhDetails: ["请尽快报送进展。"],
        enDetails: ["Please report progress as soon as possible."],
      };
    case "chase.batch": {
      const count = Number(params.count) || 0;
      const codes = str(params.codes);
      return {
        zh: `${count} 项工作收到催办：${codes}`,
        en: `${count === 1 ? "1 initiative" : `${count} initiatives`} chased: ${codes}`,
        enSubject: `${count === 1 ? "1 initiative" : `${count} initiatives`} chased`,
        zhDetails: ["请尽快报送进展。"],
        enDetails: ["Please report progress as soon as possible."],
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
  const wording = wordingOf(input.kind, input.params);
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
    SIGN_OFF_ZH,
    SIGN_OFF_EN,
    "",
  ].join("\n");

  const link = `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
  const paragraph = (lines: string[]) => `<p>${lines.map(escapeHtml).join("<br>")}</p>`;
  const html = [
    "<!doctype html>",
    '<html lang="zh-Hans"><body style="font-family: sans-serif; line-height: 1.6; color: #0f172a">',
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
    `<p style="color: #64748b; font-size: 12px">${escapeHtml(SIGN_OFF_ZH)}<br>${escapeHtml(SIGN_OFF_EN)}</p>`,
    "</body></html>",
    "",
  ].join("\n");

  return { subject, text, html, url };
}
