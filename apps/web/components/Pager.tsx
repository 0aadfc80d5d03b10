import Link from "next/link";
import { buttonClass } from "./Button";

/**
 * "Previous / next" links under a list that is shown a page at a time, with what the page is
 * ("共 1,234 项，第 2 / 25 页"). A missing link is shown disabled, so the layout does not jump.
 */
export function Pager({ info, previous, next, labels, testId = "pager" }: {
  info: string;
  previous?: string;
  next?: string;
  labels: { previous: string; next: string; nav: string };
  testId?: string;
}) {
  const link = buttonClass("secondary", "sm");
  // A missing link looks like a disabled button.
  const off = `${link} opacity-60`;
  return (
    <nav aria-label={labels.nav} className="flex flex-wrap items-center justify-between gap-2 text-sm" data-testid={testId}>
      <span className="text-slate-600" data-testid={`${testId}-info`}>{info}</span>
      <span className="flex gap-2">
        {previous ? <Link href={previous} className={link} rel="prev">{labels.previous}</Link> : <span className={off} aria-disabled="true">{labels.previous}</span>}
        {next ? <Link href={next} className={link} rel="next" data-testid={`${testId}-next`}>{labels.next}</Link> : <span className={off} aria-disabled="true">{labels.next}</span>}
      </span>
    </nav>
  );
}
