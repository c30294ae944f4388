import type { InputHTMLAttributes, ReactNode } from "react";
import { cn } from "./cn.ts";

export interface CheckboxCardProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "title"> {
  title: string;
  description?: string;
  /** A picture for the choice, e.g. an emoji; hidden from assistive technology. */
  icon?: ReactNode;
}

/** A checkbox shown as a card: the whole card is its label, and the box stays visible. */
export function CheckboxCard({ title, description, icon, className, checked, ...rest }: CheckboxCardProps) {
  return (
    <label
      className={cn(
        "flex min-w-0 cursor-pointer items-start gap-3 rounded-xl bg-white p-4 ring-1 transition-colors",
        "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-glow-500",
        checked ? "bg-glow-50 ring-2 ring-glow-500" : "ring-slate-200 hover:ring-slate-300",
        className,
      )}
    >
      {icon && (
        <span aria-hidden="true" className="text-2xl leading-none">
          {icon}
        </span>
      )}
      <span className="flex min-w-0 flex-1 flex-col gap-0.5">
        <span className="font-medium text-slate-900">{title}</span>
        {description && <span className="text-sm text-slate-600">{description}</span>}
      </span>
      <input type="checkbox" checked={checked} {...rest} className="mt-0.5 size-5 shrink-0 accent-glow-600 focus:outline-none" />
    </label>
  );
}
