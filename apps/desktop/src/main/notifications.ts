import { Notification } from "electron";
import type { ReplayReport } from "./write-queue.ts";

export interface Notice {
  title: string;
  body: string;
}

/** What to tell the user after queued writes were replayed: what went through, and what was refused. */
export function replayNotice({ sent, refused }: ReplayReport): Notice | null {
  if (refused) {
    return {
      title: "A queued change was refused",
      body: `${refused.label}: ${refused.error ?? "the server said no"}.${sent.length > 0 ? ` ${sent.length} sent before it.` : ""} Open Queued changes to retry or discard it.`,
    };
  }
  if (sent.length === 0) return null;
  return {
    title: sent.length === 1 ? "Queued change sent" : `${sent.length} queued changes sent`,
    body:
      sent.length === 1
        ? sent[0]!.label
        : sent
            .map((write) => write.label)
            .slice(0, 3)
            .join("; ") + (sent.length > 3 ? "…" : ""),
  };
}

export function notify(notice: Notice | null, onClick?: () => void): void {
  if (!notice || !Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  if (onClick) notification.on("click", onClick);
  notification.show();
}
