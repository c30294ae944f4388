// Publish's inbox for both apps: the messages and comments of every connected account, newest
// first, with unread counts per account, mark read, reply through the platform, "Sync now",
// and new arrivals announced over SSE (publish.inbox.onNew) refreshing what is on screen.
import { Button, EmptyState, ErrorMessage, InboxFilters, InboxMessageList, Notice, Spinner } from "@glow/ui";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { useDescribeError } from "./provider.tsx";
import { useTRPC } from "./trpc.ts";

const PAGE_SIZE = 20;

/** The workspace's inbox; `canAnswer` (staff and owners) adds mark read, reply and Sync now. */
export function PublishInbox({ orgId, canAnswer }: { orgId: string; canAnswer: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const [accountId, setAccountId] = useState<string | null>(null);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [arrived, setArrived] = useState(0);

  const accounts = useQuery(trpc.publish.accounts.list.queryOptions({ orgId }));
  const platforms = useQuery(trpc.publish.accounts.platforms.queryOptions({ orgId }));
  const unread = useQuery(trpc.publish.inbox.unread.queryOptions({ orgId }));
  const messages = useInfiniteQuery(
    trpc.publish.inbox.list.infiniteQueryOptions(
      { orgId, limit: PAGE_SIZE, ...(accountId ? { accountId } : {}), ...(unreadOnly ? { unread: true } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.publish.inbox.list.pathFilter()),
      queryClient.invalidateQueries(trpc.publish.inbox.unread.pathFilter()),
    ]);

  useSubscription(
    trpc.publish.inbox.onNew.subscriptionOptions(
      { orgId },
      {
        onData: (arrival) => {
          setArrived((count) => count + arrival.count);
          void refresh();
          void queryClient.invalidateQueries(trpc.publish.accounts.list.pathFilter());
        },
      },
    ),
  );

  const markRead = useMutation(trpc.publish.inbox.markRead.mutationOptions({ onSuccess: () => refresh() }));
  const reply = useMutation(trpc.publish.inbox.reply.mutationOptions({ onSuccess: () => refresh() }));
  const sync = useMutation(trpc.publish.inbox.sync.mutationOptions());

  const counts = new Map((unread.data?.byAccount ?? []).map((entry) => [entry.accountId, entry.count]));
  const platformNames = Object.fromEntries((platforms.data?.items ?? []).map((platform) => [platform.id, platform.name]));
  const choices = (accounts.data?.items ?? []).map((account) => ({
    id: account.id,
    label: `@${account.handle} · ${platformNames[account.platform] ?? account.platform}`,
    unread: counts.get(account.id) ?? 0,
  }));
  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];
  const noAccounts = accounts.isSuccess && accounts.data.items.length === 0;

  return (
    <div className="flex min-w-0 flex-col gap-4" data-inbox>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite" data-unread-total={unread.data?.total ?? ""}>
          {unread.data ? (unread.data.total === 0 ? "Nothing unread." : `${unread.data.total} unread`) : " "}
        </p>
        {canAnswer && !noAccounts && (
          <Button variant="secondary" busy={sync.isPending} onClick={() => sync.mutate({ orgId })}>
            Sync now
          </Button>
        )}
      </div>
      {sync.isSuccess && (
        <Notice>
          <p>
            {sync.data.queued === 0
              ? "No connected account to check."
              : `Checking ${sync.data.queued} account${sync.data.queued === 1 ? "" : "s"} for new messages; they appear here as they arrive.`}
          </p>
        </Notice>
      )}
      {sync.error && <ErrorMessage message={describeError(sync.error)} />}
      {arrived > 0 && (
        <Notice tone="success">
          <p>
            {arrived} new message{arrived === 1 ? "" : "s"} arrived.
          </p>
        </Notice>
      )}
      {choices.length > 0 && (
        <InboxFilters
          accounts={choices}
          totalUnread={unread.data?.total ?? 0}
          accountId={accountId}
          onAccountChange={setAccountId}
          unreadOnly={unreadOnly}
          onUnreadOnlyChange={setUnreadOnly}
        />
      )}
      {markRead.error && <ErrorMessage message={describeError(markRead.error)} />}
      {messages.isPending && <Spinner label="Loading the inbox" />}
      {messages.isError && <ErrorMessage message={describeError(messages.error)} onRetry={() => void messages.refetch()} />}
      {messages.isSuccess && items.length === 0 && (
        <EmptyState title={noAccounts ? "No accounts connected yet" : unreadOnly ? "Nothing unread" : "No messages yet"}>
          {noAccounts
            ? "Connect an account to see its messages and comments here."
            : unreadOnly
              ? "Everything here has been read."
              : "Messages and comments appear here as they arrive."}
        </EmptyState>
      )}
      {items.length > 0 && (
        <InboxMessageList
          messages={items}
          platformNames={platformNames}
          canAnswer={canAnswer}
          describeError={describeError}
          onMarkRead={(messageId) => markRead.mutate({ orgId, messageIds: [messageId] })}
          onReply={(messageId, text) => reply.mutateAsync({ orgId, messageId, text })}
        />
      )}
      {messages.hasNextPage && (
        <Button
          variant="secondary"
          className="self-center"
          busy={messages.isFetchingNextPage}
          onClick={() => void messages.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </div>
  );
}
