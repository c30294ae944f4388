// /publish/posts: every post of the workspace, newest first, filtered by state, paged with "Load more".
import type { RouterInputs, RouterOutputs } from "@glow/api/client";
import { errorMessage, usePublishUpdates, useTRPC, type MyOrganization } from "@glow/react";
import { Button, EmptyState, ErrorMessage, formatDateTime, SelectField, Spinner, TargetStateBadge } from "@glow/ui";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { usePageTitle } from "../../forms.ts";
import { PublishHeading, RequireWorkspace } from "./workspace.tsx";

type Post = RouterOutputs["publish"]["posts"]["list"]["items"][number];
type State = NonNullable<RouterInputs["publish"]["posts"]["list"]["state"]>;
const STATES: Array<{ value: State; label: string }> = [
  { value: "draft", label: "Drafts" },
  { value: "scheduled", label: "Scheduled" },
  { value: "publishing", label: "Publishing" },
  { value: "published", label: "Published" },
  { value: "partial", label: "Partly published" },
  { value: "failed", label: "Failed" },
  { value: "cancelled", label: "Cancelled" },
];

export function PostRow({ post }: { post: Post }) {
  return (
    <li data-post={post.id}>
      <Link
        to={`/publish/posts/${post.id}`}
        className="flex min-w-0 flex-col gap-1 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-glow-500 focus-visible:outline-2 focus-visible:outline-glow-500"
      >
        <span className="flex flex-wrap items-center justify-between gap-2">
          <TargetStateBadge state={post.state} />
          <span className="text-xs text-slate-500">
            {post.scheduledAt ? `For ${formatDateTime(post.scheduledAt)}` : `Written ${formatDateTime(post.createdAt)}`}
          </span>
        </span>
        <span className="line-clamp-2 text-sm break-words text-slate-800">{post.content || "(no text)"}</span>
        <span className="truncate text-xs text-slate-500">{post.targets.map((target) => `@${target.accountHandle}`).join(", ")}</span>
      </Link>
    </li>
  );
}

function PostList({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const [state, setState] = useState<State | "">("");
  usePublishUpdates(org.id);
  const posts = useInfiniteQuery(
    trpc.publish.posts.list.infiniteQueryOptions(
      { orgId: org.id, limit: 20, ...(state ? { state } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const items = posts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PublishHeading title="Posts" org={org} intro="Drafts, scheduled and published posts, newest first." />
      <SelectField label="State" value={state} onChange={(event) => setState(event.target.value as State | "")} className="sm:w-56">
        <option value="">All</option>
        {STATES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </SelectField>
      {posts.isPending && <Spinner label="Loading the posts" />}
      {posts.isError && <ErrorMessage message={errorMessage(posts.error)} onRetry={() => void posts.refetch()} />}
      {posts.isSuccess && items.length === 0 && (
        <EmptyState title={state ? "No post in this state" : "No posts yet"}>
          {state ? "Try another state." : "Write one with New post."}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul aria-label="Posts" className="flex flex-col gap-3">
          {items.map((post) => (
            <PostRow key={post.id} post={post} />
          ))}
        </ul>
      )}
      {posts.hasNextPage && (
        <Button variant="secondary" className="self-center" busy={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
          Load more
        </Button>
      )}
    </>
  );
}

export function PublishPostsPage() {
  usePageTitle("Posts");
  return <RequireWorkspace screen="The posts">{(org) => <PostList key={org.id} org={org} />}</RequireWorkspace>;
}
