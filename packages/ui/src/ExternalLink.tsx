import type { AnchorHTMLAttributes } from "react";
import { linkClassName } from "./LinkButton.tsx";
import { cn } from "./cn.ts";

/** A link to another site, opened in a new tab without giving that site a handle on this one. */
export function ExternalLink({
  children,
  className,
  ...rest
}: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "target" | "rel"> & { href: string }) {
  return (
    <a
      {...rest}
      target="_blank"
      rel="noopener noreferrer"
      className={cn(linkClassName, "inline-flex items-center gap-1 text-sm", className)}
    >
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
      <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8">
        <path d="M6 3H3v10h10v-3M9 2h5v5M14 2 7 9" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
    </a>
  );
}
