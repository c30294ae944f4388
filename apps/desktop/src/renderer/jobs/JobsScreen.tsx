// The admin's Jobs screen: the background queues with their dead letters, the jobs by state
// and queue, and Retry / Cancel (the shared widget, as on the web's /admin/jobs).
import { Jobs } from "@glow/react";
import type { Account } from "../../shared/bridge.ts";

export function JobsScreen({ account }: { account: Account }) {
  return <Jobs account={account} />;
}
