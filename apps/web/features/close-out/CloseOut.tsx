import { CARRYABLE_OUTCOMES, type CloseOutView } from "@workplan/core/operations/close-out";
import type { InitiativeDetail } from "@workplan/core/operations/get-initiative";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/Alert";
import { Button } from "@/components/Button";
import { readable } from "@/lib/display";
import { CarryOverButton, ReopenButton } from "./CloseOutButtons";
import { CloseOutForm } from "./CloseOutForm";

const OUTCOME_STYLE = {
  ACHIEVED: "bg-emerald-100 text-emerald-900",
  PARTLY_ACHIEVED: "bg-amber-100 text-amber-900",
  NOT_ACHIEVED: "bg-red-100 text-red-900",
  DROPPED: "bg-slate-200 text-slate-800",
} as const;

type Linked = NonNullable<CloseOutView["carriedFrom"]>;

function LinkedInitiative({ item, locale, testId }: { item: Linked; locale: string; testId: string }) {
  return (
    <Link href={`/initiatives/${item.id}`} className="font-medium text-brand-700 hover:underline" data-testid={testId}>
      <span className="font-mono">{item.code}</span> <span lang={locale === "zh-Hans" ? "zh-Hans" : "zh-Hant"}>{readable(item.title, locale)}</span>
    </Link>
  );
}

/**
 * The carry-over while next year's plan does not exist (or is closed): the button, disabled, and
 * why, so that the manager is not met by a refusal. The carry-over never creates the plan: an admin
 * imports or creates it first.
 */
function CarryOverUnavailable({ reason, label }: { reason: string; label: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button disabled aria-describedby="carry-over-unavailable" data-testid="carry-over">
        {label}
      </Button>
      <Alert kind="warn" role={null} id="carry-over-unavailable" testId="carry-over-unavailable">
        {reason}
      </Alert>
    </div>
  );
}

/** "由 2018 年 … 转入": under the title of an initiative carried on from an earlier plan. */
export async function CarriedFrom({ closeOut }: { closeOut: CloseOutView }) {
  if (!closeOut.carriedFrom) return null;
  const t = await getTranslations("closeOut");
  const locale = await getLocale();
  const origin = closeOut.carriedFrom;
  return (
    <p className="rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-slate-800" data-testid="carried-from">
      {t.rich("carriedFrom", {
        year: origin.plan.year,
        link: () => <LinkedInitiative item={origin} locale={locale} testId="carried-from-link" />,
      })}
    </p>
  );
}

/**
 * A closed initiative's record, for everyone who sees it: outcome, note, who closed it and when,
 * and the continuation in the next year's plan; for its managers, carry over or undo the close.
 */
export async function CloseOutRecord({ initiative, closeOut }: { initiative: InitiativeDetail; closeOut: CloseOutView }) {
  if (!closeOut.closedAt || !closeOut.outcome) return null;
  const t = await getTranslations("closeOut");
  const format = await getFormatter();
  const locale = await getLocale();
  const manager = initiative.capabilities.canClose;
  const carryable = CARRYABLE_OUTCOMES.includes(closeOut.outcome);
  const time = format.dateTime(closeOut.closedAt, { dateStyle: "long", timeStyle: "short" });
  const carriedTo = closeOut.carriedTo;
  return (
    <section aria-labelledby="close-out-heading" className="rounded-lg border-2 border-slate-300 bg-slate-50 p-5" data-testid="close-out-record">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="close-out-heading" className="text-base font-semibold">
          {t("closedTitle")}
        </h2>
        <span className={`rounded px-2 py-0.5 text-sm font-medium ${OUTCOME_STYLE[closeOut.outcome]}`} data-testid="close-out-outcome">
          {t(`outcomes.${closeOut.outcome}`)}
        </span>
      </div>
      <p className="mt-1 text-sm text-slate-600" data-testid="close-out-by">
        {closeOut.closedBy ? t("closedBy", { name: closeOut.closedBy, time }) : t("closedAt", { time })}
      </p>
      {closeOut.closingNote && (
        <div className="mt-3">
          <h3 className="text-xs font-medium text-slate-500">{t("note")}</h3>
          <p className="mt-1 whitespace-pre-wrap text-sm text-slate-900" data-testid="close-out-note">
            {closeOut.closingNote}
          </p>
        </div>
      )}
      <p className="mt-3 text-sm text-slate-600">{t("noMoreReports")}</p>
      {carriedTo ? (
        <p className="mt-3 text-sm text-slate-800" data-testid="carried-to">
          {t.rich("carriedTo", {
            year: carriedTo.plan.year,
            link: () => <LinkedInitiative item={carriedTo} locale={locale} testId="carried-to-link" />,
          })}
        </p>
      ) : (
        manager &&
        !closeOut.hasCarriedTo && (
          <div className="mt-4 space-y-3 border-t border-slate-200 pt-4">
            {carryable &&
              closeOut.nextPlan &&
              (closeOut.nextPlan.status === "ACTIVE" ? (
                <CarryOverButton initiativeId={initiative.id} year={closeOut.nextPlan.year} />
              ) : (
                <CarryOverUnavailable
                  reason={
                    closeOut.nextPlan.status === null
                      ? t("errors.closeOut.noNextPlan", { year: closeOut.nextPlan.year })
                      : t("nextPlanClosed", { year: closeOut.nextPlan.year })
                  }
                  label={t("carryOver")}
                />
              ))}
            {initiative.plan.status === "ACTIVE" && <ReopenButton initiativeId={initiative.id} />}
          </div>
        )
      )}
    </section>
  );
}

/** The close-out form's section, for a manager over the lead department of an open initiative. */
export async function CloseOutSection({ initiative }: { initiative: InitiativeDetail }) {
  // Closing and undoing a close are one permission; this section is for an initiative still open.
  const open = initiative.closedAt === null && initiative.plan.status === "ACTIVE";
  if (!open || !initiative.capabilities.canClose) return null;
  const t = await getTranslations("closeOut");
  return (
    <section aria-labelledby="close-out-form-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="close-out">
      <h2 id="close-out-form-heading" className="mb-3 text-base font-semibold">
        {t("title")}
      </h2>
      <CloseOutForm initiativeId={initiative.id} version={initiative.version} />
    </section>
  );
}
