// /publish/plan: the workspace's plan, what it has used of each limit, and the plans to move
// to. An upgrade from free goes through the payments provider's checkout (the local sandbox's
// page in the embedded default), which comes back here with ?checkout=success; the plan
// changes when the provider's webhook lands, so the page asks again for a little while.
import type { RouterOutputs } from "@glow/api/client";
import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import { Button, Card, ErrorMessage, Notice, PlansTable, PlanUsageList, Spinner } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { usePageTitle } from "../../forms.ts";
import { holdsOrgRole } from "../orgs/RequireOrg.tsx";
import { PublishHeading, RequireWorkspace } from "./workspace.tsx";

type Tier = RouterOutputs["publish"]["plan"]["list"][number]["tier"];
type Offer = RouterOutputs["publish"]["plan"]["list"][number];

/** How long to wait for the webhook after paying (one look a second), then stop asking. */
const CHECKOUT_WAIT_MS = 15_000;

function PlanScreen({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  const checkout = search.get("checkout");
  const [gaveUp, setGaveUp] = useState(false);
  const [downgrade, setDowngrade] = useState<Offer | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  const owner = holdsOrgRole(org.role, "owner");
  const waitingForWebhook = checkout === "success" && !gaveUp;

  const current = useQuery({
    ...trpc.publish.plan.current.queryOptions({ orgId: org.id }),
    // Back from paying: until the webhook has moved the plan off free, ask again each second.
    refetchInterval: (query) => (waitingForWebhook && query.state.data?.tier === "free" ? 1000 : false),
  });
  useEffect(() => {
    if (checkout !== "success") return;
    const timer = setTimeout(() => setGaveUp(true), CHECKOUT_WAIT_MS);
    return () => clearTimeout(timer);
  }, [checkout]);
  const usage = useQuery(trpc.publish.plan.usage.queryOptions({ orgId: org.id }));
  const plans = useQuery(trpc.publish.plan.list.queryOptions());

  const change = useMutation(
    trpc.publish.plan.change.mutationOptions({
      onSuccess: async (answer) => {
        if (answer.status === "checkout") return window.location.assign(answer.url);
        setDowngrade(null);
        const name = plans.data?.find((plan) => plan.tier === answer.plan)?.name ?? answer.plan;
        setChanged(answer.status === "changed" ? `You are on the ${name} plan now.` : `You are already on the ${name} plan.`);
        await Promise.all([
          queryClient.invalidateQueries(trpc.publish.plan.current.pathFilter()),
          queryClient.invalidateQueries(trpc.publish.plan.usage.pathFilter()),
        ]);
      },
    }),
  );
  const choose = (tier: Tier) => change.mutate({ orgId: org.id, plan: tier, idempotencyKey: crypto.randomUUID() });
  const paid = current.data && current.data.tier !== "free";

  return (
    <>
      <PublishHeading
        title="Plan & usage"
        org={org}
        intro="What your plan allows, what you have used this month, and the plans to move to."
      />
      {checkout === "success" &&
        (paid ? (
          <Notice tone="success">
            <p>Payment received: you are on the {current.data?.name} plan.</p>
          </Notice>
        ) : waitingForWebhook ? (
          <Notice>
            <p className="flex items-center gap-2">
              <Spinner size="sm" label="" /> Payment received; waiting for the payments provider to confirm it…
            </p>
          </Notice>
        ) : (
          <Notice tone="warning">
            <p>The payment has not been confirmed yet. It can take a minute; reload this page to check again.</p>
          </Notice>
        ))}
      {checkout === "cancelled" && (
        <Notice tone="warning">
          <p>Checkout cancelled: your plan has not changed.</p>
          <Button variant="secondary" className="self-start py-1" onClick={() => setSearch({}, { replace: true })}>
            Dismiss
          </Button>
        </Notice>
      )}
      {changed && (
        <Notice tone="success">
          <p>{changed}</p>
        </Notice>
      )}
      <Card title="Your plan">
        {current.isPending && <Spinner label="Loading your plan" />}
        {current.isError && <ErrorMessage message={errorMessage(current.error)} onRetry={() => void current.refetch()} />}
        {current.isSuccess && (
          <div className="flex flex-col gap-1" data-current-plan={current.data.tier}>
            <p className="text-xl font-semibold text-slate-900">{current.data.name}</p>
            <p className="text-sm text-slate-600">
              {current.data.status === "past_due"
                ? "The last payment failed; the provider is trying again. Your plan stays as it is meanwhile."
                : current.data.currentPeriodEnd
                  ? `Renews on ${current.data.currentPeriodEnd.toLocaleDateString("en", { dateStyle: "medium" })}.`
                  : current.data.tier === "free"
                    ? "Free forever, with the limits below."
                    : "Active."}
            </p>
          </div>
        )}
      </Card>
      <Card title="Usage" description="Monthly limits start again on the 1st (UTC).">
        {usage.isPending && <Spinner label="Loading the usage" />}
        {usage.isError && <ErrorMessage message={errorMessage(usage.error)} onRetry={() => void usage.refetch()} />}
        {usage.isSuccess && <PlanUsageList usage={usage.data} />}
      </Card>
      <Card
        title="Plans"
        description={
          owner
            ? "Moving to a lower plan keeps everything you have; past its limits, new posts, accounts and captions wait until you are under them."
            : "An owner of the workspace changes its plan."
        }
      >
        {plans.isPending && <Spinner label="Loading the plans" />}
        {plans.isError && <ErrorMessage message={errorMessage(plans.error)} onRetry={() => void plans.refetch()} />}
        {plans.isSuccess && current.isSuccess && (
          <PlansTable
            plans={plans.data}
            currentTier={current.data.tier}
            busyTier={change.isPending ? (change.variables?.plan ?? null) : null}
            onChoose={
              owner
                ? (tier) => {
                    const offer = plans.data.find((plan) => plan.tier === tier);
                    const rank = (t: string) => plans.data.findIndex((plan) => plan.tier === t);
                    if (offer && rank(tier) < rank(current.data.tier)) setDowngrade(offer);
                    else choose(tier as Tier);
                  }
                : undefined
            }
          />
        )}
        {downgrade && (
          <div
            role="group"
            aria-label="Confirm the downgrade"
            className="mt-3 flex flex-wrap items-center gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
          >
            <span>Move to {downgrade.name}? Nothing is deleted; what is over its limits stays, and new uses wait.</span>
            <Button busy={change.isPending} onClick={() => choose(downgrade.tier)}>
              Move to {downgrade.name}
            </Button>
            <Button variant="secondary" onClick={() => setDowngrade(null)}>
              Keep {current.data?.name}
            </Button>
          </div>
        )}
        {change.error && (
          <div className="mt-3">
            <ErrorMessage message={errorMessage(change.error)} />
          </div>
        )}
      </Card>
    </>
  );
}

export function PublishPlanPage() {
  usePageTitle("Plan & usage");
  return <RequireWorkspace screen="The plan page">{(org) => <PlanScreen key={org.id} org={org} />}</RequireWorkspace>;
}
