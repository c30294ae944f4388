// Publish's live updates for both apps: each target state the server announces refreshes the
// posts, the post and the calendar on screen (publish.posts.onChange over SSE on the web).
import { useSubscription } from "@trpc/tanstack-react-query";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "./trpc.ts";

/** Follows the organization's post targets as they change; `onChange` sees each change first. */
export function usePublishUpdates(orgId: string, onChange?: (change: { postId: string; targetId: string; state: string }) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useSubscription(
    trpc.publish.posts.onChange.subscriptionOptions(
      { orgId },
      {
        onData: (change) => {
          onChange?.(change);
          void queryClient.invalidateQueries(trpc.publish.posts.get.queryFilter({ orgId, postId: change.postId }));
          void queryClient.invalidateQueries(trpc.publish.posts.list.pathFilter());
          void queryClient.invalidateQueries(trpc.publish.calendar.pathFilter());
        },
      },
    ),
  );
}
