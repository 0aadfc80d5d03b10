import type { ButtonHTMLAttributes } from "react";

// The one look of a button, for <button>s and for links that act as buttons (<Link className=
// {buttonClass("secondary", "sm")}>). No hooks: usable from server and client components alike.

export type ButtonVariant =
  /** The page's or form's main action. */
  | "primary"
  /** A further action: cancel, edit, apply a filter, a link to another page. */
  | "secondary"
  /** An action that takes something away, before it is confirmed. */
  | "danger"
  /** The confirmation of such an action. */
  | "dangerSolid"
  /** A quiet action next to others (cancel a confirmation). */
  | "ghost"
  /** A neutral solid action. */
  | "dark"
  /** A secondary action in the brand's colour (download, add). */
  | "outline"
  /** A positive decision (approve). */
  | "success"
  /** An action that reads as a link (clear the filters). */
  | "link";

export type ButtonSize = "sm" | "md";

// Every variant has a border (transparent when the button is filled), so that buttons side by side
// are of one height.
const BASE = "inline-block rounded-md border text-center text-sm font-medium disabled:opacity-60";

const VARIANTS: Record<ButtonVariant, string> = {
  primary: "border-transparent bg-brand-700 text-white hover:bg-brand-800",
  secondary: "border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "border-red-300 bg-white text-red-800 hover:bg-red-50",
  dangerSolid: "border-transparent bg-red-700 text-white hover:bg-red-800",
  ghost: "border-transparent text-slate-700 hover:bg-slate-100",
  dark: "border-transparent bg-slate-800 text-white hover:bg-slate-900",
  outline: "border-brand-700 bg-white text-brand-800 hover:bg-brand-50",
  success: "border-transparent bg-emerald-700 text-white hover:bg-emerald-800",
  link: "border-transparent text-brand-700 underline underline-offset-2 hover:text-brand-800",
};

const SIZES: Record<ButtonSize, string> = {
  sm: "px-3 py-1.5",
  md: "px-4 py-2",
};

/** The classes of a button of this variant and size (for a link styled as a button, say). */
export function buttonClass(variant: ButtonVariant, size: ButtonSize = "md"): string {
  return `${BASE} ${VARIANTS[variant]} ${SIZES[size]}`;
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/**
 * A plain <button> of that look; `type` is "button" unless given. `className` adds layout only
 * (w-full, a margin), never colours or padding of its own.
 */
export function Button({ variant = "primary", size = "md", type = "button", className, ...props }: ButtonProps) {
  return <button type={type} className={className ? `${buttonClass(variant, size)} ${className}` : buttonClass(variant, size)} {...props} />;
}
