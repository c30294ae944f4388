// Whether the Glow server answers, as the page's own requests find out: any answer (even
// an error) means it is up; a request that gets no answer means it is not.
import { useSyncExternalStore } from "react";

export interface ConnectivityState {
  online: boolean;
  /** When the server stopped answering (ms since the epoch); null while it answers. */
  offlineSince: number | null;
}

export interface Connectivity {
  state(): ConnectivityState;
  subscribe(listener: () => void): () => void;
  reached(): void;
  unreachable(): void;
}

export function createConnectivity(now: () => number = Date.now): Connectivity {
  let current: ConnectivityState = { online: true, offlineSince: null };
  const listeners = new Set<() => void>();
  const set = (next: ConnectivityState) => {
    if (next.online === current.online) return;
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    state: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reached: () => set({ online: true, offlineSince: null }),
    unreachable: () => set({ online: false, offlineSince: now() }),
  };
}

export function useConnectivityState(connectivity: Connectivity): ConnectivityState {
  return useSyncExternalStore(connectivity.subscribe, connectivity.state);
}
