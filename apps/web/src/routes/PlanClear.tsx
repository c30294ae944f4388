import { errorMessage, useTRPC } from "@glow/react";
import { Badge, Button, EmptyState, ErrorMessage, ExternalLink, FormError, Spinner } from "@glow/ui";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { PlanStepPage, type StepScreenProps } from "../components/PlanStepPage.tsx";
import { focusNext, type ToxicCreator } from "../reset.ts";

function CreatorRow({ creator, blocked, busy, onBlock }: { creator: ToxicCreator; blocked: boolean; busy: boolean; onBlock: () => void }) {
  return (
    <li data-creator={creator.handle} data-blocked={blocked || undefined}>
      <article
        aria-label={creator.displayName}
        className={`flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-start sm:justify-between ${blocked ? "opacity-70" : ""}`}
      >
        <div className="flex min-w-0 flex-col gap-1">
          <h3 className="font-semibold break-words text-slate-900">{creator.displayName}</h3>
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span className="break-words">@{creator.handle}</span>
            <Badge>{creator.categoryName}</Badge>
          </p>
          {creator.reason && (
            <p className="text-sm text-slate-700">
              <span className="font-medium">Why: </span>
              {creator.reason}
            </p>
          )}
          <ExternalLink href={creator.profileUrl} className="self-start">
            Open on TikTok<span className="sr-only">: {creator.displayName}</span>
          </ExternalLink>
        </div>
        <div className="shrink-0">
          {blocked ? (
            <Badge tone="success">✓ Blocked</Badge>
          ) : (
            <Button data-block variant="danger" busy={busy} onClick={onBlock} aria-label={`Block ${creator.displayName}`}>
              Block
            </Button>
          )}
        </div>
      </article>
    </li>
  );
}

function ToxicCreators({ addProgress, focusCompletion }: StepScreenProps) {
  const trpc = useTRPC();
  // Blocked here stay in view, marked, until the list is next loaded (the server then leaves them out).
  const [blocked, setBlocked] = useState<string[]>([]);
  const creators = useInfiniteQuery(
    trpc.reset.creators.toxic.infiniteQueryOptions({ limit: 10 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const [news, setNews] = useState("");
  const list = useRef<HTMLUListElement>(null);
  const block = useMutation(trpc.reset.creators.block.mutationOptions());
  const items = creators.data?.pages.flatMap((page) => page.items) ?? [];

  function blockCreator(creator: ToxicCreator) {
    block.mutate(
      { creatorId: creator.id },
      {
        onSuccess: () => {
          setBlocked((current) => [...current, creator.id]);
          addProgress();
          setNews(`${creator.displayName} is blocked.`);
          focusNext(list.current, "button[data-block]:not(:disabled)", focusCompletion);
        },
      },
    );
  }

  return (
    <section aria-labelledby="creators-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="creators-heading" className="text-lg font-semibold text-slate-900">
          Creators to block
        </h2>
        <p className="text-sm text-slate-600">
          We flagged these creators for content that drags a feed down. Open each one on TikTok and block them there, then mark them blocked
          here.
        </p>
      </div>
      <p className="sr-only" role="status">
        {news}
      </p>
      {creators.isLoading && <Spinner label="Loading creators" />}
      {creators.error && <ErrorMessage message={errorMessage(creators.error)} onRetry={() => void creators.refetch()} />}
      {creators.data && items.length === 0 && (
        <EmptyState title="Nothing left to clear">You have blocked every creator we flagged. Mark this step done.</EmptyState>
      )}
      {items.length > 0 && (
        <ul ref={list} aria-label="Creators to block" className="flex flex-col gap-3">
          {items.map((creator) => (
            <CreatorRow
              key={creator.id}
              creator={creator}
              blocked={blocked.includes(creator.id)}
              busy={block.isPending && block.variables?.creatorId === creator.id}
              onBlock={() => blockCreator(creator)}
            />
          ))}
        </ul>
      )}
      <FormError message={block.error ? `Could not block: ${errorMessage(block.error)}` : null} />
      {creators.hasNextPage && (
        <Button
          variant="secondary"
          className="self-center"
          busy={creators.isFetchingNextPage}
          onClick={() => void creators.fetchNextPage()}
        >
          Show more
        </Button>
      )}
    </section>
  );
}

export function PlanClearPage() {
  return <PlanStepPage step="clear">{(props) => <ToxicCreators {...props} />}</PlanStepPage>;
}
