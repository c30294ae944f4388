import { useId, type ReactNode } from "react";
import { cn } from "./cn.ts";
import { ExternalLink } from "./ExternalLink.tsx";

export interface VideoCardProps {
  title: string;
  creatorName: string;
  creatorHandle: string;
  /** e.g. "0:45" */
  duration: string;
  /** A picture for the video; shown with alt text naming the video. */
  thumbnailUrl: string;
  /** Where the video plays (TikTok). */
  url: string;
  /** Buttons for what a person can do with the video. */
  actions?: ReactNode;
  /** Called when the person opens the video. */
  onOpen?: () => void;
  className?: string;
}

/** A curated video: its picture, title, creator and length, a link to play it, and actions. */
export function VideoCard({ title, creatorName, creatorHandle, duration, thumbnailUrl, url, actions, onOpen, className }: VideoCardProps) {
  const titleId = useId();
  return (
    <article
      aria-labelledby={titleId}
      className={cn("flex min-w-0 gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200", className)}
    >
      <img
        src={thumbnailUrl}
        alt={`Thumbnail for “${title}”`}
        width={72}
        height={128}
        loading="lazy"
        className="h-32 w-18 shrink-0 rounded-lg bg-slate-100 object-cover"
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <h3 id={titleId} className="font-semibold break-words text-slate-900">
          {title}
        </h3>
        <p className="text-sm break-words text-slate-600">
          {creatorName} <span className="text-slate-500">@{creatorHandle}</span>
        </p>
        <p className="text-xs text-slate-500">
          <span className="sr-only">Length </span>
          {duration}
        </p>
        <ExternalLink href={url} onClick={onOpen} className="self-start">
          Open on TikTok<span className="sr-only">: {title}</span>
        </ExternalLink>
        {actions && <div className="mt-auto flex flex-wrap gap-2 pt-2">{actions}</div>}
      </div>
    </article>
  );
}
