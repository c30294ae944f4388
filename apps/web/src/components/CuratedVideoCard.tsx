import type { RouterOutputs } from "@glow/api/client";
import { formatDuration, VideoCard, type VideoCardProps } from "@glow/ui";

type CuratedVideo = RouterOutputs["reset"]["videos"]["curated"]["items"][number];

/** A curated video as the Watch, Reinforce and Favorites screens show it. */
export function CuratedVideoCard({ video, ...rest }: { video: CuratedVideo } & Pick<VideoCardProps, "actions" | "onOpen" | "className">) {
  return (
    <VideoCard
      title={video.title}
      creatorName={video.creator.displayName}
      creatorHandle={video.creator.handle}
      duration={formatDuration(video.durationSeconds)}
      thumbnailUrl={video.thumbnailUrl}
      url={video.url}
      {...rest}
    />
  );
}
