// The desktop's publish calendar for power users: the workspaces they belong to, the chosen
// one's week or month (the shared PublishCalendar) with the post picked in it, and its
// weekly posting slots. Writing posts stays on the web.
import {
  CurrentOrgProvider,
  OrgSwitcher,
  PublishCalendar,
  PublishPostTargets,
  PublishSlotsEditor,
  useCurrentOrg,
  useDescribeError,
  useTRPC,
} from "@glow/react";
import { Card, EmptyState, ErrorMessage, formatDateTime, Spinner, TargetStateBadge } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

/** Where the desktop keeps its chosen workspace (apart from the web's, which lives in the browser). */
const DESKTOP_WORKSPACE_KEY = "glow.desktop.publishWorkspace";

function PostPanel({ orgId, postId }: { orgId: string; postId: string }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const post = useQuery(trpc.publish.posts.get.queryOptions({ orgId, postId }));
  if (post.isPending) return <Spinner label="Loading the post" />;
  if (post.isError) return <ErrorMessage message={describeError(post.error)} onRetry={() => void post.refetch()} />;
  return (
    <div className="flex flex-col gap-2" data-post-panel={postId}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TargetStateBadge state={post.data.state} />
        {post.data.scheduledAt && <span className="text-xs text-slate-500">For {formatDateTime(post.data.scheduledAt)}</span>}
      </div>
      <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{post.data.content || "(no text)"}</p>
      <PublishPostTargets post={post.data} />
    </div>
  );
}

function Workspace() {
  const current = useCurrentOrg();
  const describeError = useDescribeError();
  const [postId, setPostId] = useState<string | null>(null);
  if (current.isLoading) return <Spinner label="Loading your workspaces" />;
  if (current.error && !current.org) return <ErrorMessage message={describeError(current.error)} onRetry={current.refetch} />;
  if (!current.org)
    return (
      <Card title="Publish calendar">
        <EmptyState title="You are in no workspace">Create one in Glow on the web (Publish), then its calendar shows here.</EmptyState>
      </Card>
    );
  const org = current.org;
  return (
    <div className="flex flex-col gap-4" key={org.id}>
      <Card title="Publish calendar" description="Scheduled and published posts of a workspace.">
        <div className="flex flex-col gap-4">
          <OrgSwitcher className="flex min-w-0 max-w-md items-center gap-3" />
          <PublishCalendar orgId={org.id} onOpenPost={setPostId} />
        </div>
      </Card>
      {postId && (
        <Card title="Post">
          <PostPanel orgId={org.id} postId={postId} />
        </Card>
      )}
      <PublishSlotsEditor orgId={org.id} canEdit={org.role !== "client"} />
    </div>
  );
}

export function CalendarScreen() {
  return (
    <CurrentOrgProvider storageKey={DESKTOP_WORKSPACE_KEY}>
      <Workspace />
    </CurrentOrgProvider>
  );
}
