// /publish/posts/:postId: the post and each account's target as it goes out, live
// (publish.posts.onChange): the published post's link, or the platform's reason it failed;
// reschedule, cancel, post now, edit while nothing went out yet.
import type { RouterOutputs } from "@glow/api/client";
import { errorMessage, formProblems, PublishPostTargets, usePublishUpdates, useTRPC, type MyOrganization } from "@glow/react";
import {
  browserTimeZone,
  Button,
  buttonClassName,
  Card,
  ErrorMessage,
  formatDateTime,
  FormError,
  Spinner,
  TargetStateBadge,
  TimeZoneSelect,
} from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { usePageTitle } from "../../forms.ts";
import { holdsOrgRole } from "../orgs/RequireOrg.tsx";
import { PublishHeading, RequireWorkspace } from "./workspace.tsx";

type Post = RouterOutputs["publish"]["posts"]["get"];

/** A date-time as a local "YYYY-MM-DD" and "HH:mm" in `timeZone`. */
function localParts(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

function Reschedule({ org, post, onDone }: { org: MyOrganization; post: Post; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [timeZone, setTimeZone] = useState(post.timeZone ?? browserTimeZone());
  // Read once: a new default on every render would fight the person's own choice.
  const [initial] = useState(() => localParts(post.scheduledAt ?? new Date(Date.now() + 3_600_000), post.timeZone ?? browserTimeZone()));
  const schedule = useMutation(
    trpc.publish.posts.schedule.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.publish.posts.get.queryKey({ orgId: org.id, postId: post.id }), saved);
        void queryClient.invalidateQueries(trpc.publish.calendar.pathFilter());
        onDone();
      },
    }),
  );
  const problems = formProblems(schedule.error, ["at", "timeZone"]);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    schedule.mutate({ orgId: org.id, postId: post.id, at: `${String(data.get("date"))}T${String(data.get("time"))}`, timeZone });
  }
  return (
    <form noValidate onSubmit={submit} aria-label="Reschedule" className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Date
          <input
            type="date"
            name="date"
            defaultValue={initial.date}
            className="rounded-lg bg-white px-3 py-1.5 text-base ring-1 ring-slate-300 sm:text-sm"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Time
          <input
            type="time"
            name="time"
            defaultValue={initial.time}
            className="rounded-lg bg-white px-3 py-1.5 text-base ring-1 ring-slate-300 sm:text-sm"
          />
        </label>
        <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={problems.fields.timeZone} />
      </div>
      {problems.fields.at && <p className="text-sm font-medium text-red-700">{problems.fields.at}</p>}
      <FormError message={problems.alert} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={schedule.isPending}>
          Save the time
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Never mind
        </Button>
      </div>
    </form>
  );
}

function Detail({ org, postId }: { org: MyOrganization; postId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const live = usePublishUpdates(org.id);
  const post = useQuery(trpc.publish.posts.get.queryOptions({ orgId: org.id, postId }));
  const [rescheduling, setRescheduling] = useState(false);
  const replace = (saved: Post) => {
    queryClient.setQueryData(trpc.publish.posts.get.queryKey({ orgId: org.id, postId }), saved);
    void queryClient.invalidateQueries(trpc.publish.posts.list.pathFilter());
    void queryClient.invalidateQueries(trpc.publish.calendar.pathFilter());
  };
  const cancel = useMutation(trpc.publish.posts.cancel.mutationOptions({ onSuccess: replace }));
  const now = useMutation(trpc.publish.posts.publishNow.mutationOptions({ onSuccess: replace }));
  const staff = holdsOrgRole(org.role, "staff");

  if (post.isPending) return <Spinner label="Loading the post" />;
  if (post.isError) return <ErrorMessage message={errorMessage(post.error)} onRetry={() => void post.refetch()} />;
  const data = post.data;
  const started = data.targets.some((target) => target.state === "publishing" || target.state === "published");
  const pending = data.targets.some((target) => target.state === "draft" || target.state === "scheduled" || target.state === "failed");
  const failure = cancel.error ?? now.error;

  return (
    <>
      <PublishHeading title="Post" org={org}>
        <span className="flex items-center gap-2" data-post-state={data.state}>
          <TargetStateBadge state={data.state} />
          {live.status === "pending" && <span className="text-xs text-emerald-700">Live</span>}
        </span>
      </PublishHeading>
      <Card title="Text">
        <p className="text-sm break-words whitespace-pre-wrap text-slate-800">{data.content || "(no text)"}</p>
        {data.media.length > 0 && (
          <p className="mt-2 text-xs text-slate-500">
            {data.media.length} {data.media.length === 1 ? "attachment" : "attachments"}
          </p>
        )}
        <p className="mt-3 text-xs text-slate-500">
          By {data.author.name} ·{" "}
          {data.scheduledAt ? `for ${formatDateTime(data.scheduledAt)}${data.timeZone ? ` (${data.timeZone})` : ""}` : "not scheduled"}
        </p>
      </Card>
      <Card title="Accounts">
        <PublishPostTargets post={data} />
      </Card>
      {staff && pending && (
        <Card title="Change">
          {rescheduling ? (
            <Reschedule org={org} post={data} onDone={() => setRescheduling(false)} />
          ) : (
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => setRescheduling(true)}>{data.scheduledAt ? "Reschedule" : "Schedule"}</Button>
              <Button variant="secondary" busy={now.isPending} onClick={() => now.mutate({ orgId: org.id, postId })}>
                Post now
              </Button>
              {!started && (
                <Link to={`/publish/posts/${postId}/edit`} className={buttonClassName("secondary")}>
                  Edit
                </Link>
              )}
              {data.state !== "cancelled" && (
                <Button variant="danger" busy={cancel.isPending} onClick={() => cancel.mutate({ orgId: org.id, postId })}>
                  Cancel post
                </Button>
              )}
            </div>
          )}
          <FormError message={failure ? errorMessage(failure) : null} />
        </Card>
      )}
    </>
  );
}

export function PublishPostPage() {
  const { postId = "" } = useParams();
  usePageTitle("Post");
  return <RequireWorkspace screen="The post">{(org) => <Detail key={`${org.id}:${postId}`} org={org} postId={postId} />}</RequireWorkspace>;
}
