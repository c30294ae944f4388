// /publish/demo: "Try the demo" for visitors, with no account. publish.demo.start gives a demo
// workspace on the Pro plan that lives in the server's cache for two hours (decision 026):
// every call here is a publish.demo.* procedure, none writes the database or reaches a
// platform. The presentational pieces are the real screens' own (packages/ui), fed by props.
import type { RouterOutputs } from "@glow/api/client";
import { AiCaptionPopover, errorData, errorMessage, formProblems, useTRPC } from "@glow/react";
import {
  addMonths,
  browserTimeZone,
  Button,
  buttonClassName,
  CalendarGrid,
  Card,
  CheckboxField,
  EmptyState,
  ErrorMessage,
  FormError,
  formatCalendarMonth,
  formatDateTime,
  InboxFilters,
  InboxMessageList,
  monthWeeks,
  Notice,
  PlansTable,
  PlanUsageList,
  SegmentedControl,
  Spinner,
  TargetStateBadge,
  TextField,
  TimeZoneSelect,
  todayIn,
} from "@glow/ui";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { usePageTitle } from "../../forms.ts";

type Workspace = RouterOutputs["publish"]["demo"]["workspace"];
type Post = RouterOutputs["publish"]["demo"]["posts"]["get"];

/** The visitor's demo survives a reload of this tab (and is forgotten with it). */
const DEMO_KEY = "glow.publish.demoId";
const SECTIONS = [
  { value: "posts", label: "Posts" },
  { value: "compose", label: "Compose" },
  { value: "inbox", label: "Inbox" },
  { value: "plan", label: "Plan" },
] as const;
type Section = (typeof SECTIONS)[number]["value"];

function storedDemoId(): string | null {
  try {
    return sessionStorage.getItem(DEMO_KEY);
  } catch {
    return null;
  }
}

function rememberDemoId(demoId: string | null): void {
  try {
    if (demoId) sessionStorage.setItem(DEMO_KEY, demoId);
    else sessionStorage.removeItem(DEMO_KEY);
  } catch {
    // Storage refused (private mode): the demo still works until the tab reloads.
  }
}

function DemoBanner({ expiresAt }: { expiresAt: Date }) {
  return (
    <div
      role="note"
      aria-label="Demo"
      data-demo-banner
      className="flex flex-col gap-2 rounded-2xl bg-amber-100 p-4 text-amber-950 ring-1 ring-amber-300 sm:flex-row sm:items-center sm:justify-between"
    >
      <div>
        <p className="font-semibold">Demo — nothing you do here is saved</p>
        <p className="text-sm">
          Sample accounts, posts and messages; nothing is sent to a real platform. It is forgotten at{" "}
          {expiresAt.toLocaleTimeString("en", { timeStyle: "short" })}.
        </p>
      </div>
      <Link to="/sign-up?next=/publish" className={buttonClassName("primary", "shrink-0")}>
        Create a free account
      </Link>
    </div>
  );
}

function DemoPostRow({ demoId, post }: { demoId: string; post: Post }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.publish.demo.posts.cancel.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.publish.demo.pathFilter()) }),
  );
  return (
    <li data-post={post.id} data-state={post.state} className="flex min-w-0 flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <TargetStateBadge state={post.state} />
        <span className="text-xs text-slate-500">
          {post.scheduledAt ? formatDateTime(post.scheduledAt) : `Written ${formatDateTime(post.createdAt)}`}
        </span>
      </div>
      <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{post.content}</p>
      <ul className="flex flex-wrap gap-2 text-xs text-slate-600" aria-label="Targets">
        {post.targets.map((target) => (
          <li key={target.id} className="flex items-center gap-1" data-target-state={target.state}>
            @{target.accountHandle} <TargetStateBadge state={target.state} />
          </li>
        ))}
      </ul>
      {post.state === "scheduled" && (
        <Button
          variant="secondary"
          className="self-start py-1"
          busy={cancel.isPending}
          onClick={() => cancel.mutate({ demoId, postId: post.id })}
        >
          Cancel
        </Button>
      )}
      <FormError message={cancel.error ? errorMessage(cancel.error) : null} />
    </li>
  );
}

function DemoPosts({ demoId }: { demoId: string }) {
  const trpc = useTRPC();
  const timeZone = browserTimeZone();
  const today = todayIn(timeZone);
  const [anchor, setAnchor] = useState(today);
  const weeks = monthWeeks(anchor);
  const first = weeks[0]![0]!;
  const last = weeks.at(-1)!.at(-1)!;
  const calendar = useQuery({
    ...trpc.publish.demo.calendar.queryOptions({ demoId, from: first, to: last, timeZone }),
    placeholderData: keepPreviousData,
  });
  const posts = useInfiniteQuery(
    trpc.publish.demo.posts.list.infiniteQueryOptions(
      { demoId, limit: 20 },
      // A demo post "publishes" a moment after its time: look again while one is on its way.
      {
        getNextPageParam: (page) => page.nextCursor ?? undefined,
        refetchInterval: (query) =>
          query.state.data?.pages.some((page) => page.items.some((post) => post.state === "publishing" || post.state === "scheduled"))
            ? 2000
            : false,
      },
    ),
  );
  const items = posts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <Card title={formatCalendarMonth(anchor)}>
        <div className="mb-3 flex gap-2">
          <Button variant="secondary" className="py-1" onClick={() => setAnchor(addMonths(anchor, -1))} aria-label="Previous month">
            ‹
          </Button>
          <Button variant="secondary" className="py-1" onClick={() => setAnchor(today)}>
            Today
          </Button>
          <Button variant="secondary" className="py-1" onClick={() => setAnchor(addMonths(anchor, 1))} aria-label="Next month">
            ›
          </Button>
        </div>
        {calendar.isPending && <Spinner label="Loading the calendar" />}
        {calendar.isError && <ErrorMessage message={errorMessage(calendar.error)} onRetry={() => void calendar.refetch()} />}
        {calendar.data && (
          <CalendarGrid
            view="month"
            anchor={anchor}
            today={today}
            entries={calendar.data.entries}
            label={`Demo posts in ${formatCalendarMonth(anchor)}`}
            onOpen={(postId) => document.querySelector(`[data-post="${postId}"]`)?.scrollIntoView({ behavior: "smooth" })}
          />
        )}
      </Card>
      {posts.isPending && <Spinner label="Loading the posts" />}
      {posts.isError && <ErrorMessage message={errorMessage(posts.error)} onRetry={() => void posts.refetch()} />}
      {posts.isSuccess && items.length === 0 && <EmptyState title="No posts yet">Write one under Compose.</EmptyState>}
      {items.length > 0 && (
        <ul aria-label="Posts" className="flex flex-col gap-3">
          {items.map((post) => (
            <DemoPostRow key={post.id} demoId={demoId} post={post} />
          ))}
        </ul>
      )}
      {posts.hasNextPage && (
        <Button variant="secondary" className="self-center" busy={posts.isFetchingNextPage} onClick={() => void posts.fetchNextPage()}>
          Load more
        </Button>
      )}
    </div>
  );
}

/** A local date-time an hour from now, on the minute ("2026-12-05T09:30"), for the schedule field. */
function inAnHour(): string {
  const at = new Date(Date.now() + 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

function DemoComposer({ workspace, onDone }: { workspace: Workspace; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const demoId = workspace.demoId;
  const [content, setContent] = useState("");
  const [accountIds, setAccountIds] = useState<string[]>(() => workspace.accounts.slice(0, 1).map((account) => account.id));
  const [at, setAt] = useState(inAnHour);
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [when, setWhen] = useState<"schedule" | "now">("schedule");
  const create = useMutation(trpc.publish.demo.posts.create.mutationOptions());
  const schedule = useMutation(trpc.publish.demo.posts.schedule.mutationOptions());
  const publishNow = useMutation(trpc.publish.demo.posts.publishNow.mutationOptions());
  const caption = useMutation(trpc.publish.demo.ai.caption.mutationOptions());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const firstPlatform = workspace.accounts.find((account) => accountIds.includes(account.id))?.platform ?? workspace.accounts[0]?.platform;
  const problems = formProblems(failure, ["content", "targets", "at", "timeZone"]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const post = await create.mutateAsync({ demoId, content, targets: accountIds.map((accountId) => ({ accountId })) });
      if (when === "now") await publishNow.mutateAsync({ demoId, postId: post.id });
      else await schedule.mutateAsync({ demoId, postId: post.id, at, timeZone });
      await queryClient.invalidateQueries(trpc.publish.demo.pathFilter());
      setContent("");
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="New demo post" description="Write once, pick the accounts, then schedule it or post it now.">
      <form noValidate onSubmit={(event) => void submit(event)} className="flex flex-col gap-4" aria-label="New demo post">
        <div className="flex flex-col gap-1">
          <label htmlFor="demo-content" className="text-sm font-medium text-slate-700">
            Post
          </label>
          <textarea
            id="demo-content"
            value={content}
            onChange={(event) => setContent(event.target.value)}
            rows={4}
            aria-invalid={problems.fields.content ? true : undefined}
            className="w-full min-w-0 rounded-lg bg-white px-3 py-2 text-base text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500 sm:text-sm"
          />
          <span className="text-xs text-slate-500">{content.length} characters</span>
          {problems.fields.content && <p className="text-sm font-medium text-red-700">{problems.fields.content}</p>}
        </div>
        {firstPlatform && (
          <AiCaptionPopover
            content={content}
            onPick={setContent}
            ask={(tone) => caption.mutateAsync({ demoId, content: content.trim(), platform: firstPlatform, tone })}
          />
        )}
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-slate-700">Accounts</legend>
          {workspace.accounts.map((account) => (
            <CheckboxField
              key={account.id}
              label={`@${account.handle}`}
              hint={account.displayName}
              checked={accountIds.includes(account.id)}
              onChange={(event) =>
                setAccountIds(event.target.checked ? [...accountIds, account.id] : accountIds.filter((id) => id !== account.id))
              }
            />
          ))}
          {problems.fields.targets && <p className="text-sm font-medium text-red-700">{problems.fields.targets}</p>}
        </fieldset>
        <SegmentedControl
          legend="When"
          name="demo-when"
          options={[
            { value: "schedule", label: "Schedule" },
            { value: "now", label: "Post now" },
          ]}
          value={when}
          onChange={setWhen}
        />
        {when === "schedule" && (
          <div className="flex flex-col gap-3 sm:flex-row">
            <TextField
              label="Date and time"
              type="datetime-local"
              value={at}
              onChange={(event) => setAt(event.target.value)}
              error={problems.fields.at}
            />
            <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={problems.fields.timeZone} />
          </div>
        )}
        <FormError message={problems.alert} />
        <Button type="submit" className="self-start" busy={busy}>
          {when === "now" ? "Post now" : "Schedule"}
        </Button>
      </form>
    </Card>
  );
}

function DemoInbox({ workspace }: { workspace: Workspace }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const demoId = workspace.demoId;
  const [accountId, setAccountId] = useState<string | null>(null);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const messages = useInfiniteQuery(
    trpc.publish.demo.inbox.list.infiniteQueryOptions(
      { demoId, limit: 20, ...(accountId ? { accountId } : {}), ...(unreadOnly ? { unread: true } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  // The demo has no unread counter of its own: count the unread among all its messages.
  const all = useQuery(trpc.publish.demo.inbox.list.queryOptions({ demoId, limit: 100, unread: true }));
  const refresh = () => queryClient.invalidateQueries(trpc.publish.demo.inbox.pathFilter());
  const markRead = useMutation(trpc.publish.demo.inbox.markRead.mutationOptions({ onSuccess: refresh }));
  const reply = useMutation(trpc.publish.demo.inbox.reply.mutationOptions({ onSuccess: refresh }));
  const unread = all.data?.items ?? [];
  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <InboxFilters
        accounts={workspace.accounts.map((account) => ({
          id: account.id,
          label: `@${account.handle}`,
          unread: unread.filter((message) => message.accountId === account.id).length,
        }))}
        totalUnread={unread.length}
        accountId={accountId}
        onAccountChange={setAccountId}
        unreadOnly={unreadOnly}
        onUnreadOnlyChange={setUnreadOnly}
      />
      {messages.isPending && <Spinner label="Loading the inbox" />}
      {messages.isError && <ErrorMessage message={errorMessage(messages.error)} onRetry={() => void messages.refetch()} />}
      {markRead.error && <ErrorMessage message={errorMessage(markRead.error)} />}
      {messages.isSuccess && items.length === 0 && <EmptyState title={unreadOnly ? "Nothing unread" : "No messages"} />}
      {items.length > 0 && (
        <InboxMessageList
          messages={items}
          canAnswer
          describeError={errorMessage}
          onMarkRead={(messageId) => markRead.mutate({ demoId, messageIds: [messageId] })}
          onReply={(messageId, text) => reply.mutateAsync({ demoId, messageId, text })}
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

function DemoPlan({ workspace }: { workspace: Workspace }) {
  const trpc = useTRPC();
  const plans = useQuery(trpc.publish.plan.list.queryOptions());
  return (
    <div className="flex flex-col gap-4">
      <Card title="Your plan" description="The demo runs on Pro; in your own workspace you start on Free and upgrade here.">
        <p className="text-xl font-semibold text-slate-900" data-current-plan={workspace.plan.tier}>
          {workspace.plan.name}
        </p>
      </Card>
      <Card title="Usage">
        <PlanUsageList usage={workspace.usage} />
      </Card>
      <Card title="Plans">
        {plans.isPending && <Spinner label="Loading the plans" />}
        {plans.isError && <ErrorMessage message={errorMessage(plans.error)} onRetry={() => void plans.refetch()} />}
        {plans.data && <PlansTable plans={plans.data} currentTier={workspace.plan.tier} />}
      </Card>
    </div>
  );
}

function DemoWorkspace({ workspace }: { workspace: Workspace }) {
  const [section, setSection] = useState<Section>("posts");
  const [posted, setPosted] = useState(false);
  return (
    <div className="flex flex-col gap-4" data-demo={workspace.demoId}>
      <DemoBanner expiresAt={workspace.expiresAt} />
      <div>
        <p className="text-sm font-semibold text-glow-700">{workspace.name}</p>
        <h1 className="text-2xl font-bold text-slate-900">Publish demo</h1>
      </div>
      <Card title="Connected accounts">
        <ul aria-label="Connected accounts" className="flex flex-wrap gap-2">
          {workspace.accounts.map((account) => (
            <li key={account.id} className="rounded-full bg-slate-100 px-3 py-1 text-sm text-slate-700" data-account={account.handle}>
              {account.displayName} <span className="text-slate-500">@{account.handle}</span>
            </li>
          ))}
        </ul>
      </Card>
      <SegmentedControl legend="Demo section" name="demo-section" options={SECTIONS} value={section} onChange={setSection} />
      {posted && section === "posts" && (
        <Notice tone="success">
          <p>Your demo post is in the list below.</p>
        </Notice>
      )}
      {section === "posts" && <DemoPosts demoId={workspace.demoId} />}
      {section === "compose" && (
        <DemoComposer
          workspace={workspace}
          onDone={() => {
            setPosted(true);
            setSection("posts");
          }}
        />
      )}
      {section === "inbox" && <DemoInbox workspace={workspace} />}
      {section === "plan" && <DemoPlan workspace={workspace} />}
    </div>
  );
}

function DemoScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [demoId, setDemoId] = useState<string | null>(storedDemoId);
  const start = useMutation(
    trpc.publish.demo.start.mutationOptions({
      onSuccess: (started) => {
        rememberDemoId(started.demoId);
        queryClient.setQueryData(trpc.publish.demo.workspace.queryKey({ demoId: started.demoId }), started.workspace);
        setDemoId(started.demoId);
      },
    }),
  );
  const workspace = useQuery({ ...trpc.publish.demo.workspace.queryOptions({ demoId: demoId ?? "" }), enabled: demoId !== null });
  const expired = workspace.isError && errorData(workspace.error)?.code === "NOT_FOUND";
  const { mutate: startDemo, isIdle } = start;
  useEffect(() => {
    // No demo yet, or its two hours are over: start a fresh one.
    if ((demoId === null || expired) && isIdle) startDemo(undefined);
  }, [demoId, expired, isIdle, startDemo]);

  if (start.isError) return <ErrorMessage message={errorMessage(start.error)} onRetry={() => start.mutate(undefined)} />;
  if (workspace.isError && !expired)
    return <ErrorMessage message={errorMessage(workspace.error)} onRetry={() => void workspace.refetch()} />;
  if (!workspace.data) return <Spinner label="Setting up your demo workspace" />;
  return <DemoWorkspace workspace={workspace.data} />;
}

export function PublishDemoPage() {
  usePageTitle("Publish demo");
  return <DemoScreen />;
}
