import { errorMessage, useTRPC } from "@glow/react";
import { Button, EmptyState, ErrorMessage, linkClassName, Spinner } from "@glow/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { CuratedVideoCard } from "../components/CuratedVideoCard.tsx";
import { PlanStepPage, type StepScreenProps } from "../components/PlanStepPage.tsx";

function RandomFavorite({ addProgress }: StepScreenProps) {
  const trpc = useTRPC();
  // One pick stays put until the person asks for another.
  const favorite = useQuery(trpc.reset.favorites.random.queryOptions(undefined, { staleTime: Infinity, refetchOnWindowFocus: false }));
  // Opening a favorite on TikTok counts as rewatching it, toward today's Reinforce step.
  const markRewatched = useMutation(trpc.reset.favorites.markRewatched.mutationOptions({ onSuccess: addProgress }));

  async function pickAnother() {
    const current = favorite.data?.id;
    // Random can land on the same one again; try a couple of times for a different one.
    for (let attempt = 0; attempt < 3; attempt++) {
      const { data } = await favorite.refetch();
      if (!data || data.id !== current) break;
    }
  }

  return (
    <section aria-labelledby="favorite-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="favorite-heading" className="text-lg font-semibold text-slate-900">
          Rewatch a favorite
        </h2>
        <p className="text-sm text-slate-600">
          Coming back to a video you loved tells the algorithm this is what you want. Watch it again to the end.
        </p>
      </div>
      {favorite.isLoading && <Spinner label="Picking one of your favorites" />}
      {favorite.error && <ErrorMessage message={errorMessage(favorite.error)} onRetry={() => void favorite.refetch()} />}
      {favorite.data === null && (
        <EmptyState title="You have no favorites yet">
          Save a video you love on the Watch step, then come back here to rewatch it.{" "}
          <Link to="/plan/watch" className={linkClassName}>
            Go to the Watch step
          </Link>
        </EmptyState>
      )}
      {favorite.data && (
        <div aria-live="polite" aria-busy={favorite.isFetching}>
          <CuratedVideoCard
            key={favorite.data.id}
            video={favorite.data}
            onOpen={() => markRewatched.mutate({ videoId: favorite.data!.id })}
            actions={
              <Button variant="secondary" busy={favorite.isFetching} onClick={() => void pickAnother()}>
                Pick another
              </Button>
            }
          />
        </div>
      )}
    </section>
  );
}

export function PlanReinforcePage() {
  return <PlanStepPage step="reinforce">{(props) => <RandomFavorite {...props} />}</PlanStepPage>;
}
