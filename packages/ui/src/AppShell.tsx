import type { ReactNode } from "react";

/** The frame shared by the web and desktop apps: a header and a centred content column. */
export function AppShell({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <div className="min-h-screen bg-glow-50 font-sans text-slate-800">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
          <span className="flex items-center gap-2 text-lg font-bold text-glow-700">
            <span aria-hidden="true" className="size-3 rounded-full bg-glow-500" />
            {title}
          </span>
          {actions}
        </div>
      </header>
      <main className="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-6">{children}</main>
    </div>
  );
}
