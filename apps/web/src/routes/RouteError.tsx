import { AppShell, ErrorMessage } from "@glow/ui";

/** Shown when a screen itself crashes: a way out instead of a blank page. */
export function RouteError() {
  return (
    <AppShell title="Glow">
      <h1 className="text-2xl font-bold text-slate-900">Something went wrong</h1>
      <ErrorMessage message="This screen failed to load. Reloading usually helps." onRetry={() => window.location.reload()} />
    </AppShell>
  );
}
