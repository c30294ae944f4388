// Main's queue of writes waiting for the server, as the page sees it: kept up to date by
// main's change events. When writes leave the queue, what is on screen is fetched again.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { GlowBridge, WriteQueueState } from "../../shared/bridge.ts";

interface WriteQueueContextValue {
  state: WriteQueueState;
  /** Whether the page could ask main at all (false: the bridge failed). */
  error: string | null;
  replay(): Promise<void>;
  retry(id: string): Promise<void>;
  discard(id: string): Promise<void>;
}

const EMPTY: WriteQueueState = { writes: [], offlineSince: null };
const WriteQueueContext = createContext<WriteQueueContextValue | null>(null);

export function WriteQueueProvider({ writes, children }: { writes: GlowBridge["writes"]; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<WriteQueueState>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const count = useRef(0);

  useEffect(() => {
    let current = true;
    const update = (next: WriteQueueState) => {
      if (!current) return;
      // Fewer waiting: some went through (or were discarded), so the server's data changed.
      if (next.writes.length < count.current) void queryClient.invalidateQueries();
      count.current = next.writes.length;
      setState(next);
    };
    const unsubscribe = writes.onChange(update);
    writes.list().then(update, () => current && setError("Could not read the queue of changes"));
    return () => {
      current = false;
      unsubscribe();
    };
  }, [writes, queryClient]);

  const value = useMemo<WriteQueueContextValue>(() => {
    const run = async (task: () => Promise<WriteQueueState>) => {
      try {
        setError(null);
        setState(await task());
      } catch {
        setError("The app did not answer. Restart it and try again.");
      }
    };
    return {
      state,
      error,
      replay: () => run(() => writes.replay()),
      retry: (id) => run(() => writes.retry(id)),
      discard: (id) => run(() => writes.discard(id)),
    };
  }, [state, error, writes]);

  return <WriteQueueContext value={value}>{children}</WriteQueueContext>;
}

export function useWriteQueue(): WriteQueueContextValue {
  const value = useContext(WriteQueueContext);
  if (!value) throw new Error("useWriteQueue needs a WriteQueueProvider");
  return value;
}
