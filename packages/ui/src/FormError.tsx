import type { ReactNode } from "react";

/** A form's refusal that belongs to no single field, as an alert; renders nothing without a message. */
export function FormError({ message, children }: { message: string | null | undefined; children?: ReactNode }) {
  if (!message) return null;
  return (
    <div role="alert" className="flex flex-col gap-1 rounded-lg bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200">
      <p>{message}</p>
      {children}
    </div>
  );
}
