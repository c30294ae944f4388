import { cn } from "./cn.ts";

export function Spinner({ size = "md", label = "Loading" }: { size?: "sm" | "md"; label?: string }) {
  return (
    <span role={label ? "status" : undefined} className="inline-flex items-center gap-2 text-slate-500">
      <span
        aria-hidden="true"
        className={cn(
          "inline-block animate-spin rounded-full border-2 border-current border-t-transparent",
          size === "sm" ? "size-3" : "size-5",
        )}
      />
      {label && <span className="text-sm">{label}…</span>}
    </span>
  );
}
