import Link from "next/link";

/**
 * The brand bar of the pages outside the app's shell (sign-in, set-password, help): the ministry
 * and the app's name (a link home when `home`), and on the right what the page puts there.
 */
export function BrandHeader({
  ministry,
  name,
  home = false,
  width = "max-w-5xl",
  children,
}: {
  ministry: string;
  name: string;
  home?: boolean;
  width?: "max-w-4xl" | "max-w-5xl";
  children?: React.ReactNode;
}) {
  const brand = (
    <>
      <span className="block text-xs text-white/75">{ministry}</span>
      <span className="block text-lg font-semibold tracking-wide">{name}</span>
    </>
  );
  return (
    <header className="bg-brand-700 text-white">
      <div className={`mx-auto flex ${width} flex-wrap items-center justify-between gap-3 px-4 py-3`}>
        {home ? (
          <Link href="/" className="flex flex-col leading-tight">
            {brand}
          </Link>
        ) : (
          <div className="leading-tight">{brand}</div>
        )}
        {children}
      </div>
    </header>
  );
}
