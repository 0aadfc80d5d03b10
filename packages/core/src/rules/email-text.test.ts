import { describe, expect, it } from "vitest";
import { absoluteLink, REMINDER_LINKS, renderNotificationEmail } from "./email-text";

const BASE = "https://workplan.example.gov.cn";
const title = "推動產業轉型升級"; // stored as written (Traditional)

function render(kind: string, params: Record<string, unknown>, link: string | null = "/initiatives/abc") {
  return renderNotificationEmail({ kind, params, link, baseUrl: BASE, recipientName: "王小明" });
}

describe("renderNotificationEmail", () => {
  it("says what happened in Simplified Chinese first, then in English, with the absolute link", () => {
    const mail = render("update.returned", { code: "CYZCS-2018-4", title, comment: "請補充具體數據" });
    expect(mail.subject).toBe("CYZCS-2018-4 推动产业转型升级：您提交的进展被退回修改 / your report was returned for revision");
    expect(mail.url).toBe(`${BASE}/initiatives/abc`);
    const [zh, en] = mail.text.split("——");
    expect(zh).toContain("王小明，您好：");
    expect(zh).toContain("CYZCS-2018-4 推动产业转型升级：您提交的进展被退回修改");
    // The reviewer's comment is quoted as written.
    expect(zh).toContain("意见：請補充具體數據");
    expect(zh).toContain(`查看：${BASE}/initiatives/abc`);
    expect(en).toContain(`CYZCS-2018-4 ${title}: your report was returned for revision`);
    expect(en).toContain("Comment: 請補充具體數據");
    expect(en).toContain(`Open: ${BASE}/initiatives/abc`);
    expect(mail.text.indexOf("您提交的进展被退回修改")).toBeLessThan(mail.text.indexOf("your report was returned"));
  });

  it("has the in-app wording for every kind", () => {
    const p = { code: "KJS-2018-1.4", title };
    expect(render("update.submitted", p).subject).toContain("有新的进展等待审核");
    expect(render("update.approved", p).subject).toContain("您提交的进展已通过审核");
    expect(render("chase.received", p).subject).toContain("收到催办");
    expect(render("chase.received", p).text).toContain("you have been chased");
    expect(render("extension.requested", { ...p, requestedDueDate: "2018-12-31" }).text).toContain(
      "有延期申请等待审批（申请延至 2018-12-31）",
    );
    const closed = render("initiative.closed", { ...p, outcome: "PARTLY_ACHIEVED" });
    expect(closed.subject).toBe(`KJS-2018-1.4 推动产业转型升级：已结项（部分完成） / the initiative was closed`);
    expect(closed.text).toContain(`KJS-2018-1.4 ${title}: closed (partly achieved)`);
    const batch = render("chase.batch", { count: 2, codes: "KJS-2018-1、KJS-2018-2" }, "/notifications");
    expect(batch.subject).toBe("2 项工作收到催办：KJS-2018-1、KJS-2018-2 / 2 initiatives chased");
    expect(render("chase.batch", { count: 1, codes: "KJS-2018-1" }).text).toContain("1 initiative chased: KJS-2018-1");
  });

  it("says what a chase asks and by when, for one initiative and department-wide", () => {
    const asked = { note: "请补报六月进展", replyBy: "2018-07-05" };
    for (const mail of [render("chase.received", { code: "KJS-2018-1.4", title, ...asked }), render("chase.batch", { count: 2, codes: "KJS-2018-1、KJS-2018-2", ...asked })]) {
      expect(mail.text).toContain("催办说明：请补报六月进展");
      expect(mail.text).toContain("请于 2018-07-05 前报送进展。");
      expect(mail.text).toContain("Please report progress by 2018-07-05.");
      expect(mail.text).not.toContain("请尽快报送进展。");
    }
    const bare = render("chase.batch", { count: 1, codes: "KJS-2018-1", note: null, replyBy: null });
    expect(bare.text).toContain("请尽快报送进展。");
    expect(bare.text).not.toContain("催办说明");
  });

  it("links each reminded initiative's report form, up to a limit, the rest to the list", () => {
    const params = { count: 2, codes: "KJS-2018-1.4、KJS-2018-1.5", ids: "cka1,ckb2", period: "2018-06", dueDate: "2018-06-25" };
    const mail = render("reminder.due_soon", params, "/notifications");
    const [zh, en] = mail.text.split("——");
    expect(zh).toContain(`KJS-2018-1.4：${BASE}/initiatives/cka1#report\nKJS-2018-1.5：${BASE}/initiatives/ckb2#report`);
    expect(en).toContain(`KJS-2018-1.5: ${BASE}/initiatives/ckb2#report`);
    expect(zh).not.toContain("另有");

    const many = Array.from({ length: REMINDER_LINKS + 3 }, (_, i) => i + 1);
    const long = render("reminder.overdue", { ...params, count: many.length, codes: many.map((n) => `KJS-2018-${n}`).join("、"), ids: many.map((n) => `id${n}`).join(",") }, "/notifications");
    expect(long.text.match(/\/initiatives\/id\d+#report/g)).toHaveLength(REMINDER_LINKS * 2);
    expect(long.text).toContain("另有 3 项，见下方链接。");
    expect(long.text).toContain("3 more: see the link below.");
    expect(long.text).toContain(`查看：${BASE}/notifications`);
    // An id that is not one (a crafted notification) links nothing; the codes are still named.
    const odd = render("reminder.due_soon", { ...params, ids: "a/../../x,ckb2" }, "/notifications");
    expect(odd.text).not.toContain("/initiatives/a");
    expect(odd.text).toContain(`KJS-2018-1.5：${BASE}/initiatives/ckb2#report`);
  });

  it("tells the requester how an extension was decided and the due date that now holds", () => {
    const p = { code: "KJS-2018-1.4", title };
    const approved = render("extension.decided", { ...p, decision: "approve", dueDate: "2018-12-31", comment: null });
    expect(approved.subject).toContain("延期申请已获批准");
    expect(approved.text).toContain("新的完成期限：2018-12-31");
    expect(approved.text).toContain("New due date: 2018-12-31");
    expect(approved.text).not.toContain("意见：");
    const refused = render("extension.decided", { ...p, decision: "refuse", dueDate: "2018-09-30", comment: "理由不足" });
    expect(refused.subject).toContain("延期申请未获批准");
    expect(refused.text).toContain("完成期限仍为：2018-09-30");
    expect(refused.text).toContain("意见：理由不足");
  });

  it("falls back to a generic line for a kind it does not know", () => {
    const mail = render("something.new", {});
    expect(mail.subject).toBe("您有一条新通知 / new notification");
    expect(mail.text).toContain("You have a new notification");
  });

  it("keeps the subject on one line and escapes the HTML", () => {
    const mail = render("update.submitted", { code: "X-1", title: "標題\r\nBcc: someone@example.com <b>" });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(render("update.submitted", { code: "X-1", title: "長".repeat(500) }).subject.length).toBeLessThanOrEqual(180);
    expect(mail.html).toContain("&lt;b&gt;");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain(`<a href="${BASE}/initiatives/abc">`);
  });
});

describe("absoluteLink", () => {
  it("joins the app's URL (with its path prefix) and the in-app path; anything else links the notification list", () => {
    expect(absoluteLink("http://localhost:3000", "/review")).toBe("http://localhost:3000/review");
    expect(absoluteLink("https://gov.example/workplan/", "/initiatives/x")).toBe("https://gov.example/workplan/initiatives/x");
    expect(absoluteLink("http://localhost:3000", null)).toBe("http://localhost:3000/notifications");
    expect(absoluteLink("http://localhost:3000", "//evil.example/x")).toBe("http://localhost:3000/notifications");
    expect(absoluteLink("http://localhost:3000", "https://evil.example/")).toBe("http://localhost:3000/notifications");
  });
});
