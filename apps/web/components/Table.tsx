import type { CSSProperties, ReactNode } from "react";

// A data table in a box that scrolls sideways when the table is wider than the screen. No hooks:
// usable from server and client components alike.

interface TableFrameProps {
  /** The scrolling region's name (usually the table's caption); or `labelledBy`, the id of a heading. */
  label?: string;
  labelledBy?: string;
  /** The table's test id. */
  testId?: string;
  /** The table's least width (say "56rem"): narrower screens scroll it. */
  minWidth?: string;
  /** A bordered white box of its own (a table on the page), or none (a table inside a card). */
  boxed?: boolean;
  /** More classes for the table (a stylesheet class such as the overview's `dash`). */
  tableClassName?: string;
  /** caption, thead, tbody… */
  children: ReactNode;
}

/**
 * The table in a region that a keyboard can focus (tabIndex 0), so that it can be scrolled without
 * a mouse; the region is named by `label` (or the heading `labelledBy`), and so is the table when
 * it has no caption of its own.
 */
export function TableFrame({ label, labelledBy, testId, minWidth, boxed = false, tableClassName, children }: TableFrameProps) {
  const style: CSSProperties | undefined = minWidth ? { minWidth } : undefined;
  return (
    <div
      role="region"
      aria-label={labelledBy ? undefined : label}
      aria-labelledby={labelledBy}
      tabIndex={0}
      className={boxed ? "overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm" : "overflow-x-auto"}
    >
      <table
        className={tableClassName ? `${tableClassName} w-full text-left text-sm` : "w-full text-left text-sm"}
        style={style}
        aria-labelledby={labelledBy}
        data-testid={testId}
      >
        {children}
      </table>
    </div>
  );
}

/** The header row's look: small, muted, one line a heading; `shaded` on a grey band (boxed tables). */
export function theadClass(shaded = false): string {
  return shaded ? "border-b border-slate-200 bg-slate-50 text-xs text-slate-700" : "border-b border-slate-200 text-xs text-slate-600";
}

type Align = "left" | "right" | "center";
type Pad = "xs" | "sm" | "md" | "lg";

const ALIGN: Record<Align, string> = { left: "text-left", right: "text-right", center: "text-center" };
// The cells' padding, as the body cells of the table have it: the header lines up with them.
const PAD: Record<Pad, string> = { xs: "px-1 py-1", sm: "px-2 py-1", md: "px-2 py-2", lg: "px-3 py-2" };

/** A column heading's classes (for a <th> that is not a plain column heading). */
export function thClass(align: Align = "left", pad: Pad = "md"): string {
  return `${PAD[pad]} ${ALIGN[align]} font-medium whitespace-nowrap`;
}

/** A column heading: scope="col", aligned as its column's figures are. */
export function Th({ align = "left", pad = "md", children }: { align?: Align; pad?: Pad; children?: ReactNode }) {
  return (
    <th scope="col" className={thClass(align, pad)}>
      {children}
    </th>
  );
}
