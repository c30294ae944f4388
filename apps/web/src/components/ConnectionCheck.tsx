import { errorMessage, useTRPC } from "@glow/react";
import { Button, Card } from "@glow/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

/** Pings the server on demand and says how long it took to answer. */
export function ConnectionCheck() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function check() {
    setBusy(true);
    const started = performance.now();
    try {
      const pong = await queryClient.fetchQuery(trpc.system.ping.queryOptions({ message: "web" }, { staleTime: 0 }));
      setResult(`Server answered "${pong.message}" in ${Math.round(performance.now() - started)} ms`);
    } catch (error) {
      setResult(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Connection">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={check} busy={busy}>
          Check connection
        </Button>
        {result && (
          <p aria-live="polite" className="text-sm text-slate-600">
            {result}
          </p>
        )}
      </div>
    </Card>
  );
}
