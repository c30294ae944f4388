import { cn } from "../cn.ts";

/** Characters as a platform counts them: code points, so an emoji is one, not two UTF-16 units. */
export function countCharacters(text: string): number {
  return [...text].length;
}

/** "212 / 280", red once over the limit; read out as "212 of 280 characters". */
export function CharacterCounter({ count, limit, className }: { count: number; limit: number; className?: string }) {
  const over = count > limit;
  return (
    <span
      data-character-counter
      data-over={over ? "true" : undefined}
      aria-label={`${count} of ${limit} characters${over ? `, ${count - limit} over` : ""}`}
      className={cn("text-xs font-medium tabular-nums", over ? "text-red-700" : "text-slate-500", className)}
    >
      {count} / {limit}
    </span>
  );
}
