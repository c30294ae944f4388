import { errorMessage, useTRPC } from "@glow/react";
import { Button, EmptyState, ErrorMessage, FormError, linkClassName, Spinner } from "@glow/ui";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { CuratedVideoCard } from "../components/CuratedVideoCard.tsx";
import { PlanStepPage, type StepScreenProps } from "../components/PlanStepPage.tsx";
import { focusNext, useToggleFavorite, type Video } from "../reset.ts";

function CuratedVideos({ addProgress, focusCompletion }: StepScreenProps) {
  const trpc = useTRPC();
  // Watched videos leave the list at once (the server leaves them out from then on).
  const [watched, setWatched] = useState<string[]>([]);
  const videos = useInfiniteQuery(
    trpc.reset.videos.curated.infiniteQueryOptions({ limit: 6 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  // Favorite changes made here, over what the list said when it loaded.
  const [favorite, setFavorite] = useState<Record<string, boolean>>({});
  const [news, setNews] = useState("");
  const list = useRef<HTMLUListElement>(null);
  const markWatched = useMutation(trpc.reset.videos.markWatched.mutationOptions());
  const favorites = useToggleFavorite();
  const items = (videos.data?.pages.flatMap((page) => page.items) ?? []).filter((video) => !watched.includes(video.id));
  const isFavorite = (video: Video) => favorite[video.id] ?? video.isFavorite;
  const favoriteError = favorites.add.error ?? favorites.remove.error;

  function watch(video: Video) {
    markWatched.mutate(
      { videoId: video.id },
      {
        onSuccess: () => {
          setWatched((current) => [...current, video.id]);
          addProgress();
          setNews(`“${video.title}” is marked watched.`);
          focusNext(list.current, "button[data-watched]:not(:disabled)", focusCompletion);
        },
      },
    );
  }

  function toggleFavorite(video: Video) {
    const next = !isFavorite(video);
    const mutation = next ? favorites.add : favorites.remove;
    mutation.mutate(
      { videoId: video.id },
      {
        onSuccess: () => {
          setFavorite((current) => ({ ...current, [video.id]: next }));
          setNews(next ? `“${video.title}” is in your favorites.` : `“${video.title}” is no longer a favorite.`);
        },
      },
    );
  }

  const favoriteBusy = (video: Video) =>
    (favorites.add.isPending && favorites.add.variables?.videoId === video.id) ||
    (favorites.remove.isPending && favorites.remove.variables?.videoId === video.id);

  return (
    <section aria-labelledby="videos-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="videos-heading" className="text-lg font-semibold text-slate-900">
          Videos for you
        </h2>
        <p className="text-sm text-slate-600">
          Open each one on TikTok, watch it to the end and like it, then mark it watched. Save the ones you love: you will rewatch one in
          the next step.
        </p>
      </div>
      <p className="sr-only" role="status">
        {news}
      </p>
      {videos.isLoading && <Spinner label="Loading videos" />}
      {videos.error && <ErrorMessage message={errorMessage(videos.error)} onRetry={() => void videos.refetch()} />}
      {videos.data && items.length === 0 && !videos.hasNextPage && (
        <EmptyState title="No videos left for today">
          You have watched every video we have in your categories today.{" "}
          <Link to="/onboarding" className={linkClassName}>
            Add categories
          </Link>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul ref={list} aria-label="Videos for you" className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {items.map((video) => (
            <li key={video.id} data-video={video.id}>
              <CuratedVideoCard
                video={video}
                className="h-full"
                actions={
                  <>
                    <Button
                      data-watched
                      busy={markWatched.isPending && markWatched.variables?.videoId === video.id}
                      onClick={() => watch(video)}
                      aria-label={`Watched “${video.title}”`}
                      className="px-3 py-1.5"
                    >
                      Watched
                    </Button>
                    <Button
                      variant="secondary"
                      aria-pressed={isFavorite(video)}
                      aria-label={`Favorite “${video.title}”`}
                      busy={favoriteBusy(video)}
                      onClick={() => toggleFavorite(video)}
                      className="px-3 py-1.5 aria-pressed:bg-glow-50 aria-pressed:ring-glow-500"
                    >
                      <span aria-hidden="true" className={isFavorite(video) ? "text-glow-600" : "text-slate-400"}>
                        {isFavorite(video) ? "♥" : "♡"}
                      </span>
                      Favorite
                    </Button>
                  </>
                }
              />
            </li>
          ))}
        </ul>
      )}
      <FormError message={markWatched.error ? `Could not mark it watched: ${errorMessage(markWatched.error)}` : null} />
      <FormError message={favoriteError ? `Could not change your favorites: ${errorMessage(favoriteError)}` : null} />
      {videos.hasNextPage && (
        <Button variant="secondary" className="self-center" busy={videos.isFetchingNextPage} onClick={() => void videos.fetchNextPage()}>
          Show more
        </Button>
      )}
    </section>
  );
}

export function PlanWatchPage() {
  return <PlanStepPage step="watch">{(props) => <CuratedVideos {...props} />}</PlanStepPage>;
}
