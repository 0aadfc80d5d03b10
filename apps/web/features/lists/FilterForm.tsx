"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button, buttonClass } from "@/components/Button";

interface Props {
  action: "/initiatives" | "/updates" | "/review";
  legend: string;
  applyLabel: string;
  clearLabel: string;
  testId: string;
  children: React.ReactNode;
}

/**
 * A GET form: applying it puts the filters in the URL (blank ones left out, and back to the first
 * page), so that a filtered list can be bookmarked, reloaded and shared. Without JavaScript the
 * browser submits it as it is.
 */
export function FilterForm({ action, legend, applyLabel, clearLabel, testId, children }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <form
      role="search"
      aria-label={legend}
      method="get"
      action={action}
      onSubmit={(e) => {
        e.preventDefault();
        const query = new URLSearchParams();
        for (const [key, value] of new FormData(e.currentTarget)) {
          if (typeof value === "string" && value.trim()) query.set(key, value.trim());
        }
        const text = query.toString();
        startTransition(() => router.push(text ? `${action}?${text}` : action));
      }}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      data-testid={testId}
    >
      {children}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {applyLabel}
        </Button>
        <Link href={action} className={buttonClass("link")} data-testid="clear-filters">
          {clearLabel}
        </Link>
      </div>
    </form>
  );
}
