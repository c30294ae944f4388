import { Card } from "@glow/ui";

/** What a signed-in person sees on a screen their roles do not open. */
export function NoAccess({ screen }: { screen: string }) {
  return (
    <Card title="You do not have access">
      <p className="text-sm text-slate-600">{screen} is for administrators. Ask an administrator if you need it.</p>
    </Card>
  );
}
