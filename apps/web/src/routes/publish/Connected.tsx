// /publish/connected: where a platform's authorize page sends the person back, with `state`
// and `code` (or `error` when they said no). Finishes the connection once, then goes home.
import { errorMessage, useTRPC } from "@glow/react";
import { buttonClassName, Card, ErrorMessage, Spinner } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { RequireAccount } from "../../components/RequireAccount.tsx";
import { usePageTitle } from "../../forms.ts";

function Completing() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const state = params.get("state");
  const code = params.get("code");
  const denied = params.get("error_description") ?? params.get("error");
  const complete = useMutation(
    trpc.publish.accounts.completeConnect.mutationOptions({
      onSuccess: async (account) => {
        await queryClient.invalidateQueries(trpc.publish.accounts.pathFilter());
        void navigate("/publish", { replace: true, state: { connected: account.handle } });
      },
    }),
  );
  // A code works once: a re-render (or React's development double effect) must not send it twice.
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current || !state || !code || denied) return;
    sent.current = true;
    complete.mutate({ state, code });
  }, [state, code, denied, complete]);

  const back = (
    <Link to="/publish" className={buttonClassName("secondary", "self-start")}>
      Back to Publish
    </Link>
  );
  if (denied || !state || !code)
    return (
      <Card title="The account was not connected">
        <div className="flex flex-col gap-3">
          <p className="text-sm text-slate-600">
            {denied
              ? `The platform said: ${denied}`
              : "This page is where a platform sends you back after you approve Glow; the link lacks its code."}
          </p>
          {back}
        </div>
      </Card>
    );
  if (complete.isError)
    return (
      <Card title="The account was not connected">
        <div className="flex flex-col gap-3">
          <ErrorMessage message={errorMessage(complete.error)} />
          {back}
        </div>
      </Card>
    );
  return <Spinner label="Connecting the account" />;
}

export function PublishConnectedPage() {
  usePageTitle("Connecting an account");
  return <RequireAccount>{() => <Completing />}</RequireAccount>;
}
