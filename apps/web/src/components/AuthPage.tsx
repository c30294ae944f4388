import { Card } from "@glow/ui";
import type { ReactNode } from "react";
import { usePageTitle } from "../forms.ts";

/** The narrow, centred frame of the signed-out screens (sign in, sign up, password reset). */
export function AuthPage({
  title,
  intro,
  children,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  usePageTitle(title);
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-4 sm:pt-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
        {intro && <p className="mt-1 text-slate-600">{intro}</p>}
      </div>
      <Card>
        <div className="flex flex-col gap-4">{children}</div>
      </Card>
      {footer && <p className="text-center text-sm text-slate-600">{footer}</p>}
    </div>
  );
}
