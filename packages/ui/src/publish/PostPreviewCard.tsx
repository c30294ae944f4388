import type { ReactNode } from "react";
import { CharacterCounter, countCharacters } from "./CharacterCounter.tsx";

export interface PostPreviewRules {
  maxLength: number;
  requiresMedia: boolean;
  mediaKinds: ReadonlyArray<"image" | "video">;
  maxMedia: number;
}

/**
 * What one account will post: its text, the media count and the platform's limits, with the
 * problems the server would refuse (too long, media missing or of the wrong kind) said up front.
 */
export function PostPreviewCard({
  platformName,
  handle,
  text,
  media,
  rules,
  children,
}: {
  platformName: string;
  handle: string;
  text: string;
  media: ReadonlyArray<{ kind: "image" | "video" }>;
  rules: PostPreviewRules;
  /** Under the preview: e.g. the per-account override's controls. */
  children?: ReactNode;
}) {
  const count = countCharacters(text);
  const problems = [
    count > rules.maxLength && `${count - rules.maxLength} characters over ${platformName}'s ${rules.maxLength}.`,
    rules.requiresMedia && media.length === 0 && `${platformName} needs an image or a video.`,
    media.length > rules.maxMedia && `${platformName} takes at most ${rules.maxMedia} media.`,
    media.some((item) => !rules.mediaKinds.includes(item.kind)) &&
      `${platformName} takes ${rules.mediaKinds.join(" and ") || "no"} media only.`,
  ].filter((problem): problem is string => Boolean(problem));
  return (
    <article
      aria-label={`Preview on ${platformName} as ${handle}`}
      data-preview={platformName}
      className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="min-w-0 truncate text-sm font-semibold text-slate-900">
          {platformName} <span className="font-normal text-slate-500">@{handle}</span>
        </span>
        <CharacterCounter count={count} limit={rules.maxLength} />
      </header>
      <p className="min-h-10 text-sm break-words whitespace-pre-wrap text-slate-800">
        {text || <span className="text-slate-400">Nothing written yet.</span>}
      </p>
      {media.length > 0 && (
        <p className="text-xs text-slate-500">
          {media.length} {media.length === 1 ? "attachment" : "attachments"}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="flex flex-col gap-0.5 text-xs font-medium text-red-700" data-preview-problems>
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {children}
    </article>
  );
}
