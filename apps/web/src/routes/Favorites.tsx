import { errorMessage, useTRPC } from "@glow/react";
import { Button, EmptyState, ErrorMessage, FormError, linkClassName, Spinner } from "@glow/ui";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { CuratedVideoCard } from "../components/CuratedVideoCard.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";
import { focusNext, useToggleFavorite, type Video } from "../reset.ts";

function FavoriteList() {
  const trpc = useTRPC();
  const favorites = useInfiniteQuery(
    trpc.reset.favorites.list.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const { remove } = useToggleFavorite();
  const [removed, setRemoved] = useState<string[]>([]);
  const [news, setNews] = useState("");
  const list = useRef<HTMLUListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const items = (favorites.data?.pages.flatMap((page) => page.items) ?? []).filter((video) => !removed.includes(video.id));

  function removeFavorite(video: Video) {
    remove.mutate(
      { videoId: video.id },
      {
        onSuccess: () => {
          setRemoved((current) => [...current, video.id]);
          setNews(`“${video.title}” is no longer a favorite.`);
          focusNext(list.current, "button[data-remove]:not(:disabled)", () => heading.current?.focus());
        },
      },
    );
  }

  return (
    <>
      <div>
        <h1 ref={heading} tabIndex={-1} className="text-2xl font-bold text-slate-900 focus:outline-none">
          Your favorites
        </h1>
        <p className="mt-1 text-slate-600">Videos you saved. The Reinforce step picks one of these for you to rewatch.</p>
      </div>
      <p className="sr-only" role="status">
        {news}
      </p>
      {favorites.isLoading && <Spinner label="Loading your favorites" />}
      {favorites.error && <ErrorMessage message={errorMessage(favorites.error)} onRetry={() => void favorites.refetch()} />}
      {favorites.data && items.length === 0 && (
        <EmptyState title="No favorites yet">
          Save videos you love on the{" "}
          <Link to="/plan/watch" className={linkClassName}>
            Watch step
          </Link>
          .
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul ref={list} aria-label="Favorites" className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {items.map((video) => (
            <li key={video.id} data-favorite={video.id}>
              <CuratedVideoCard
                video={video}
                className="h-full"
                actions={
                  <Button
                    data-remove
                    variant="secondary"
                    className="px-3 py-1.5"
                    busy={remove.isPending && remove.variables?.videoId === video.id}
                    onClick={() => removeFavorite(video)}
                    aria-label={`Remove “${video.title}” from favorites`}
                  >
                    Remove
                  </Button>
                }
              />
            </li>
          ))}
        </ul>
      )}
      <FormError message={remove.error ? `Could not remove it: ${errorMessage(remove.error)}` : null} />
      {favorites.hasNextPage && (
        <Button
          variant="secondary"
          className="self-center"
          busy={favorites.isFetchingNextPage}
          onClick={() => void favorites.fetchNextPage()}
        >
          Show more
        </Button>
      )}
    </>
  );
}

export function FavoritesPage() {
  usePageTitle("Favorites");
  return <RequireAccount>{() => <FavoriteList />}</RequireAccount>;
}
