// A post's targets as both apps show them: each account's state, the published post's link,
// the platform's reason for a failure, and how many attempts it took.
import type { RouterOutputs } from "@glow/api/client";
import { ExternalLink, formatDateTime, TargetStateBadge } from "@glow/ui";

export type PublishPost = RouterOutputs["publish"]["posts"]["get"];

export function PublishPostTargets({ post }: { post: PublishPost }) {
  return (
    <ul aria-label="Targets" className="flex flex-col divide-y divide-slate-100">
      {post.targets.map((target) => (
        <li key={target.id} className="flex flex-col gap-1 py-3" data-target={target.accountHandle} data-state={target.state}>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span className="min-w-0 truncate font-medium text-slate-900">@{target.accountHandle}</span>
            <TargetStateBadge state={target.state} />
          </div>
          {target.content !== null && <p className="text-sm text-slate-600">Own text: {target.text}</p>}
          {target.state === "published" && target.externalUrl && (
            <p className="text-sm">
              Published{target.publishedAt ? ` ${formatDateTime(target.publishedAt)}` : ""}:{" "}
              <ExternalLink href={target.externalUrl}>see the post</ExternalLink>
            </p>
          )}
          {target.state === "failed" && target.failureReason && (
            <p className="text-sm text-red-700" data-failure>
              {target.failureReason}
            </p>
          )}
          {target.attempts > 1 && <p className="text-xs text-slate-500">{target.attempts} attempts</p>}
        </li>
      ))}
    </ul>
  );
}
