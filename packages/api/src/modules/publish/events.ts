// What the publish module tells live subscribers (over the core event bus, so every instance's
// SSE streams hear it): a post target's state as it changes, and inbox arrivals.
import type { EventBus } from "../../core/events.ts";

export type TargetState = "draft" | "scheduled" | "publishing" | "published" | "failed" | "cancelled";

export interface TargetChanged {
  postId: string;
  targetId: string;
  accountId: string;
  state: TargetState;
  externalUrl: string | null;
  failureReason: string | null;
  at: Date;
}

export interface InboxArrived {
  accountId: string;
  /** New messages and comments stored by this sync. */
  count: number;
  at: Date;
}

export const targetsChannel = (orgId: string) => `publish:targets:${orgId}`;
export const inboxChannel = (orgId: string) => `publish:inbox:${orgId}`;

export function announceTarget(events: EventBus, orgId: string, change: TargetChanged): Promise<void> {
  return events.publish(targetsChannel(orgId), change);
}

export function announceInbox(events: EventBus, orgId: string, arrival: InboxArrived): Promise<void> {
  return events.publish(inboxChannel(orgId), arrival);
}
