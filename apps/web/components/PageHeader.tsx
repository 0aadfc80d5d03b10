import type { ReactNode } from "react";

interface PageHeaderProps {
  /** The page's one h1. */
  title: ReactNode;
  /** A line under the title, in the page's secondary colour. */
  description?: ReactNode;
  /** The description's test id and role (a count the page announces, say). */
  descriptionTestId?: string;
  descriptionRole?: "status";
  /** Links or buttons beside the title; on a narrow screen they wrap below it. */
  actions?: ReactNode;
  /** The h1's own language and test id. */
  lang?: string;
  testId?: string;
  /** A line above the title (an initiative's code). */
  above?: ReactNode;
  /** More under the description, in the title's column (a link, badges, a notice). */
  children?: ReactNode;
}

/** A page's title block: the h1, what the page is, and the page's own actions. */
export function PageHeader({ title, description, descriptionTestId, descriptionRole, actions, lang, testId, above, children }: PageHeaderProps) {
  return (
    <header className="flex flex-wrap items-end justify-between gap-x-4 gap-y-3">
      <div className="min-w-0 flex-auto space-y-1">
        {above}
        <h1 className="text-2xl font-semibold" lang={lang} data-testid={testId}>
          {title}
        </h1>
        {description !== undefined && description !== null && (
          <p className="max-w-3xl break-words text-sm text-slate-600" data-testid={descriptionTestId} role={descriptionRole}>
            {description}
          </p>
        )}
        {children}
      </div>
      {actions && <div className="flex flex-wrap items-end gap-2">{actions}</div>}
    </header>
  );
}
