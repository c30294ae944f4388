// /publish/new and /publish/posts/:postId/edit: the text once, a different one per account
// where wanted, a preview per account with the platform's limits, media uploaded with
// progress, and then Save draft, Schedule (a local time in a chosen time zone), Add to queue
// (the next weekly slot) or Post now. The server's refusals show beside their fields.
import type { RouterOutputs } from "@glow/api/client";
import { AiCaptionButton, errorData, errorMessage, useTRPC, useTRPCClient, type MyOrganization } from "@glow/react";
import {
  browserTimeZone,
  Button,
  Card,
  CheckboxField,
  cn,
  EmptyState,
  ErrorMessage,
  FormError,
  linkClassName,
  PostPreviewCard,
  ProgressBar,
  Spinner,
  TimeZoneSelect,
  todayIn,
  type PostPreviewRules,
} from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { uploadFile } from "../../components/coach/upload.ts";
import { usePageTitle } from "../../forms.ts";
import { PlanLimitLink, PlanLimitOr } from "./PlanLimit.tsx";
import { PublishHeading, RequireWorkspace } from "./workspace.tsx";

type Post = RouterOutputs["publish"]["posts"]["get"];
type Account = RouterOutputs["publish"]["accounts"]["list"]["items"][number];
type Platform = RouterOutputs["publish"]["accounts"]["platforms"]["items"][number];
type PlatformId = Platform["id"];
type Attachment = { key: string; kind: "image" | "video"; contentType: string; bytes: number; name: string };
type Choice = { override: boolean; content: string };
type Action = "draft" | "schedule" | "queue" | "now";

const ACCEPT = "image/png,image/jpeg,image/webp,image/gif,video/mp4,video/quicktime";
const kindOf = (contentType: string): "image" | "video" => (contentType.startsWith("video/") ? "video" : "image");
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** An hour from now, on the hour, as a local date and time in `timeZone`. */
function nextHour(timeZone: string): { date: string; time: string } {
  const later = new Date(Date.now() + 60 * 60 * 1000);
  const hour = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(later);
  return { date: todayIn(timeZone, later), time: `${hour.padStart(2, "0")}:00` };
}

/**
 * The server's field errors placed: `content`, `media`, `at`, `timeZone`, and per account
 * (`targets.<index>…` in the order sent, or `targets.<accountId>…`); the rest in one alert.
 */
function placeProblems(error: unknown, sentAccountIds: readonly string[]) {
  const fields: Record<string, string> = {};
  const perAccount: Record<string, string> = {};
  const rest: string[] = [];
  const fieldErrors = errorData(error)?.fieldErrors;
  if (!error) return { fields, perAccount, alert: null };
  if (!fieldErrors) return { fields, perAccount, alert: errorMessage(error) };
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const text = messages.join(" ");
    const [head, second] = key.split(".");
    if (head && ["content", "media", "at", "timeZone", "targets"].includes(head) && second === undefined) fields[head] = text;
    else if (head === "targets" && second !== undefined) {
      const accountId = /^\d+$/.test(second) ? sentAccountIds[Number(second)] : second;
      if (accountId) perAccount[accountId] = [perAccount[accountId], text].filter(Boolean).join(" ");
      else rest.push(text);
    } else if (head === "media") fields.media = text;
    else rest.push(text);
  }
  return { fields, perAccount, alert: rest.length > 0 ? rest.join(" ") : null };
}

function MediaPicker({
  orgId,
  media,
  onChange,
  onBusy,
  error,
}: {
  orgId: string;
  media: Attachment[];
  onChange: (media: Attachment[]) => void;
  onBusy: (busy: boolean) => void;
  error?: string | undefined;
}) {
  const trpcClient = useTRPCClient();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function upload(file: File) {
    setProblem(null);
    setProgress({ name: file.name, sent: 0, total: file.size });
    onBusy(true);
    try {
      const contentType = file.type || "application/octet-stream";
      const target = await trpcClient.publish.posts.uploadUrl
        .mutate({ orgId, contentType: contentType as never, bytes: file.size })
        .catch((refused: unknown) => {
          const fields = errorData(refused)?.fieldErrors;
          throw new Error(fields?.contentType?.[0] ?? fields?.bytes?.[0] ?? errorMessage(refused));
        });
      await uploadFile(target, file, (sent, total) => setProgress({ name: file.name, sent, total }));
      onChange([...media, { key: target.key, kind: kindOf(contentType), contentType, bytes: file.size, name: file.name }]);
    } catch (failure) {
      setProblem(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setProgress(null);
      onBusy(false);
      if (fileRef.current) fileRef.current.value = "";
    }
  }

  const shown = problem ?? error ?? null;
  return (
    <div className="flex min-w-0 flex-col gap-2" data-media-picker>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        Images and videos
      </label>
      {media.length > 0 && (
        <ul aria-label="Attached media" className="flex flex-col gap-1">
          {media.map((item) => (
            <li key={item.key} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 px-3 py-1.5 text-sm">
              <span className="min-w-0 truncate">
                {item.name} · {item.kind} · {sizeText(item.bytes)}
              </span>
              <Button variant="secondary" className="py-0.5" onClick={() => onChange(media.filter((other) => other.key !== item.key))}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={fileRef}
        id={inputId}
        type="file"
        accept={ACCEPT}
        disabled={progress !== null}
        aria-invalid={shown ? true : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
        }}
        className={cn(
          "w-full min-w-0 text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium file:text-slate-800",
          shown && "rounded-lg ring-1 ring-red-500",
        )}
      />
      <p className="text-xs text-slate-500">PNG, JPEG, WebP, GIF, MP4 or MOV.</p>
      {progress && (
        <div className="flex flex-col gap-1" data-upload="uploading">
          <ProgressBar value={progress.sent} max={progress.total} label={`Upload of ${progress.name}`} />
          <span aria-live="polite" className="text-sm text-slate-600">
            Uploading {progress.name}: {sizeText(progress.sent)} of {sizeText(progress.total)}
          </span>
        </div>
      )}
      {shown && (
        <p role="alert" className="text-sm font-medium text-red-700" data-media-problem>
          {shown}
        </p>
      )}
    </div>
  );
}

function ComposerForm({
  org,
  post,
  accounts,
  platforms,
}: {
  org: MyOrganization;
  post: Post | null;
  accounts: Account[];
  platforms: Platform[];
}) {
  const trpc = useTRPC();
  const trpcClient = useTRPCClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const contentId = useId();
  const [content, setContent] = useState(post?.content ?? "");
  const [choices, setChoices] = useState<Record<string, Choice>>(() =>
    post
      ? Object.fromEntries(
          post.targets.map((target) => [target.accountId, { override: target.content !== null, content: target.content ?? "" }]),
        )
      : accounts.length === 1
        ? { [accounts[0]!.id]: { override: false, content: "" } }
        : {},
  );
  const [media, setMedia] = useState<Attachment[]>(
    () =>
      post?.media.map((item) => ({
        key: item.key,
        kind: item.kind,
        contentType: item.contentType,
        bytes: item.bytes,
        name: item.key.split("/").pop() ?? "file",
      })) ?? [],
  );
  const [uploading, setUploading] = useState(false);
  const [timeZone, setTimeZone] = useState(post?.timeZone ?? browserTimeZone());
  const [when, setWhen] = useState(() => nextHour(post?.timeZone ?? browserTimeZone()));
  const rules = new Map<PlatformId, Platform>(platforms.map((platform) => [platform.id, platform]));
  const chosen = accounts.filter((account) => choices[account.id]);

  // A new post is created once: when the action after its creation is refused, the next try updates it.
  const createdId = useRef<string | null>(null);
  const save = useMutation({
    mutationFn: async (action: Action) => {
      const targets = chosen.map((account) => {
        const choice = choices[account.id]!;
        return { accountId: account.id, content: choice.override ? choice.content : null };
      });
      const fields = { content, media: media.map((item) => ({ key: item.key })), targets };
      const existingId = post?.id ?? createdId.current;
      const saved = existingId
        ? await trpcClient.publish.posts.update.mutate({ orgId: org.id, postId: existingId, ...fields })
        : await trpcClient.publish.posts.create.mutate({ orgId: org.id, ...fields });
      createdId.current = saved.id;
      if (action === "schedule")
        return trpcClient.publish.posts.schedule.mutate({ orgId: org.id, postId: saved.id, at: `${when.date}T${when.time}`, timeZone });
      if (action === "queue") return trpcClient.publish.posts.queue.mutate({ orgId: org.id, postId: saved.id, timeZone });
      if (action === "now") return trpcClient.publish.posts.publishNow.mutate({ orgId: org.id, postId: saved.id });
      return saved;
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(trpc.publish.posts.get.queryKey({ orgId: org.id, postId: saved.id }), saved);
      await queryClient.invalidateQueries(trpc.publish.posts.list.pathFilter());
      void queryClient.invalidateQueries(trpc.publish.calendar.pathFilter());
      void navigate(`/publish/posts/${saved.id}`);
    },
  });
  const problems = placeProblems(
    save.error,
    chosen.map((account) => account.id),
  );
  const busy = save.isPending || uploading;
  const firstPlatform = chosen[0]?.platform ?? accounts[0]?.platform;

  return (
    <form
      noValidate
      aria-label={post ? "Edit post" : "New post"}
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate("schedule");
      }}
      className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
    >
      <div className="flex min-w-0 flex-col gap-4">
        <Card title="Post">
          <div className="flex flex-col gap-3">
            <label htmlFor={contentId} className="text-sm font-medium text-slate-700">
              Text
            </label>
            <textarea
              id={contentId}
              name="content"
              rows={6}
              value={content}
              onChange={(event) => setContent(event.target.value)}
              aria-invalid={problems.fields.content ? true : undefined}
              className={cn(
                "w-full min-w-0 rounded-lg bg-white px-3 py-2 text-base text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500 sm:text-sm",
                problems.fields.content && "ring-red-500",
              )}
            />
            {problems.fields.content && <p className="text-sm font-medium text-red-700">{problems.fields.content}</p>}
            {firstPlatform && (
              <AiCaptionButton orgId={org.id} content={content} platform={firstPlatform} onPick={setContent} planLink={<PlanLimitLink />} />
            )}
            <MediaPicker orgId={org.id} media={media} onChange={setMedia} onBusy={setUploading} error={problems.fields.media} />
          </div>
        </Card>
        <Card title="Accounts" description="Where it goes. Give an account its own text when the shared one does not fit there.">
          <fieldset className="flex flex-col gap-3" aria-label="Accounts">
            {accounts.map((account) => {
              const choice = choices[account.id];
              const problem = problems.perAccount[account.id];
              return (
                <div key={account.id} className="flex flex-col gap-2" data-target-account={account.handle}>
                  <CheckboxField
                    label={`${rules.get(account.platform)?.name ?? account.platform} · @${account.handle}`}
                    checked={Boolean(choice)}
                    onChange={(event) =>
                      setChoices(({ [account.id]: _dropped, ...rest }) =>
                        event.target.checked ? { ...rest, [account.id]: { override: false, content: "" } } : rest,
                      )
                    }
                  />
                  {choice && (
                    <div className="ml-6 flex flex-col gap-2">
                      <CheckboxField
                        label={`Own text for @${account.handle}`}
                        checked={choice.override}
                        onChange={(event) =>
                          setChoices((all) => ({
                            ...all,
                            [account.id]: { override: event.target.checked, content: choice.content || content },
                          }))
                        }
                      />
                      {choice.override && (
                        <textarea
                          aria-label={`Text for @${account.handle}`}
                          rows={3}
                          value={choice.content}
                          onChange={(event) => setChoices((all) => ({ ...all, [account.id]: { ...choice, content: event.target.value } }))}
                          className="w-full min-w-0 rounded-lg bg-white px-3 py-2 text-base text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500 sm:text-sm"
                        />
                      )}
                    </div>
                  )}
                  {problem && (
                    <p className="ml-6 text-sm font-medium text-red-700" data-target-problem>
                      {problem}
                    </p>
                  )}
                </div>
              );
            })}
            {problems.fields.targets && <p className="text-sm font-medium text-red-700">{problems.fields.targets}</p>}
          </fieldset>
        </Card>
        <Card title="When">
          <div className="flex flex-col gap-3">
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
                Date
                <input
                  type="date"
                  name="date"
                  value={when.date}
                  onChange={(event) => setWhen((current) => ({ ...current, date: event.target.value }))}
                  aria-invalid={problems.fields.at ? true : undefined}
                  className="rounded-lg bg-white px-3 py-1.5 text-base text-slate-900 ring-1 ring-slate-300 sm:text-sm"
                />
              </label>
              <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
                Time
                <input
                  type="time"
                  name="time"
                  value={when.time}
                  onChange={(event) => setWhen((current) => ({ ...current, time: event.target.value }))}
                  aria-invalid={problems.fields.at ? true : undefined}
                  className="rounded-lg bg-white px-3 py-1.5 text-base text-slate-900 ring-1 ring-slate-300 sm:text-sm"
                />
              </label>
              <TimeZoneSelect value={timeZone} onChange={setTimeZone} error={problems.fields.timeZone} />
            </div>
            {problems.fields.at && (
              <p className="text-sm font-medium text-red-700" data-field-problem="at">
                {problems.fields.at}
              </p>
            )}
            <PlanLimitOr error={save.error}>
              <FormError message={problems.alert} />
            </PlanLimitOr>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" busy={save.isPending && save.variables === "schedule"} disabled={busy}>
                Schedule
              </Button>
              <Button
                variant="secondary"
                busy={save.isPending && save.variables === "queue"}
                disabled={busy}
                onClick={() => save.mutate("queue")}
              >
                Add to queue
              </Button>
              <Button
                variant="secondary"
                busy={save.isPending && save.variables === "now"}
                disabled={busy}
                onClick={() => save.mutate("now")}
              >
                Post now
              </Button>
              <Button
                variant="secondary"
                busy={save.isPending && save.variables === "draft"}
                disabled={busy}
                onClick={() => save.mutate("draft")}
              >
                Save draft
              </Button>
            </div>
          </div>
        </Card>
      </div>
      <section aria-label="Previews" className="flex min-w-0 flex-col gap-3">
        <h2 className="text-base font-semibold text-slate-900">Previews</h2>
        {chosen.length === 0 ? (
          <EmptyState title="Pick an account">Each account's preview shows here with its platform's limits.</EmptyState>
        ) : (
          chosen.map((account) => {
            const platform = rules.get(account.platform);
            const choice = choices[account.id]!;
            const fallback: PostPreviewRules = { maxLength: 63_206, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 10 };
            return (
              <PostPreviewCard
                key={account.id}
                platformName={platform?.name ?? account.platform}
                handle={account.handle}
                text={choice.override ? choice.content : content}
                media={media}
                rules={platform?.rules ?? fallback}
              />
            );
          })
        )}
      </section>
    </form>
  );
}

function Composer({ org, postId }: { org: MyOrganization; postId: string | null }) {
  const trpc = useTRPC();
  const accounts = useQuery(trpc.publish.accounts.list.queryOptions({ orgId: org.id }));
  const platforms = useQuery(trpc.publish.accounts.platforms.queryOptions({ orgId: org.id }));
  const post = useQuery(trpc.publish.posts.get.queryOptions({ orgId: org.id, postId: postId ?? "" }, { enabled: postId !== null }));
  const failed = [accounts, platforms, ...(postId ? [post] : [])].find((query) => query.isError);
  const ready = accounts.isSuccess && platforms.isSuccess && (postId === null || post.isSuccess);
  const locked = post.data?.targets.some((target) => target.state === "publishing" || target.state === "published");
  return (
    <>
      <PublishHeading title={postId ? "Edit post" : "New post"} org={org} intro="Write it once; adapt it per account where it needs to." />
      {failed?.error && <ErrorMessage message={errorMessage(failed.error)} onRetry={() => void failed.refetch()} />}
      {!failed && !ready && <Spinner label="Loading the composer" />}
      {ready && accounts.data.items.length === 0 && (
        <EmptyState title="Connect an account first">
          <Link to="/publish" className={linkClassName}>
            Connect one on the Publish page
          </Link>
        </EmptyState>
      )}
      {ready && locked && (
        <EmptyState title="This post is already going out">
          <Link to={`/publish/posts/${postId}`} className={linkClassName}>
            See its state
          </Link>
        </EmptyState>
      )}
      {ready && !locked && accounts.data.items.length > 0 && (
        <ComposerForm
          org={org}
          post={post.data ?? null}
          accounts={accounts.data.items.filter(
            (account) => account.status === "active" || post.data?.targets.some((t) => t.accountId === account.id),
          )}
          platforms={platforms.data.items}
        />
      )}
    </>
  );
}

export function PublishComposerPage() {
  const { postId } = useParams();
  usePageTitle(postId ? "Edit post" : "New post");
  return (
    <RequireWorkspace role="staff" screen="The composer">
      {(org) => <Composer key={`${org.id}:${postId ?? "new"}`} org={org} postId={postId ?? null} />}
    </RequireWorkspace>
  );
}
