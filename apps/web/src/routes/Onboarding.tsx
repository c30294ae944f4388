import { errorMessage, formProblems, useTRPC } from "@glow/react";
import { Button, buttonClassName, CheckboxCard, EmptyState, ErrorMessage, FormError, Spinner } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import type { Account } from "../account.ts";
import { EmailReminder } from "../components/EmailReminder.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { useFocusFirstInvalid, usePageTitle } from "../forms.ts";
import { useGeneratePlan, type Category } from "../reset.ts";

function CategoryPicker({ account, categories, chosen }: { account: Account; categories: Category[]; chosen: string[] }) {
  const trpc = useTRPC();
  const firstRun = chosen.length === 0;
  const [selected, setSelected] = useState<string[]>(chosen);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const errorId = useId();
  const generate = useGeneratePlan();
  const save = useMutation(
    trpc.reset.preferences.setCategories.mutationOptions({
      onSuccess: async (preferences) => {
        queryClient.setQueryData(trpc.reset.preferences.get.queryKey(), preferences);
        void queryClient.invalidateQueries(trpc.reset.videos.curated.pathFilter());
        // Today's plan is made now, so the dashboard opens on it; if this fails, the dashboard offers to start it.
        await generate.mutateAsync().catch(() => undefined);
        void navigate("/", { replace: firstRun });
      },
    }),
  );
  const problems = formProblems(save.error, ["categoryIds"]);
  useFocusFirstInvalid(formRef, save.error);

  function toggle(id: string) {
    setSelected((current) => (current.includes(id) ? current.filter((c) => c !== id) : [...current, id]));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ categoryIds: selected });
  }

  return (
    <>
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold text-slate-900">{firstRun ? `Welcome, ${account.name}` : "Your categories"}</h1>
        <p className="text-slate-600">
          {firstRun
            ? "Has your For You feed gone bad? Pick what you want more of. Each day Glow gives you a three-step plan to bring it back: clear, watch, reinforce."
            : "Change what you want more of on your For You feed. Your next plan and the videos you are offered follow these."}
        </p>
        <EmailReminder account={account} />
      </div>
      {categories.length === 0 ? (
        <EmptyState title="There are no categories to pick from yet">
          An administrator has to add some first. Please check back soon.
        </EmptyState>
      ) : (
        <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-4">
          <fieldset aria-describedby={problems.fields.categoryIds ? errorId : undefined} className="flex min-w-0 flex-col gap-3">
            <legend className="mb-3 text-base font-semibold text-slate-900">What do you want more of?</legend>
            <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              {categories.map((category) => (
                <CheckboxCard
                  key={category.id}
                  name="categoryIds"
                  value={category.id}
                  title={category.name}
                  description={category.description}
                  icon={category.emoji}
                  checked={selected.includes(category.id)}
                  onChange={() => toggle(category.id)}
                  aria-invalid={problems.fields.categoryIds ? true : undefined}
                />
              ))}
            </div>
            {problems.fields.categoryIds && (
              <p id={errorId} className="text-sm font-medium text-red-700">
                {problems.fields.categoryIds}
              </p>
            )}
          </fieldset>
          <FormError message={problems.alert} />
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" busy={save.isPending || generate.isPending}>
              {firstRun ? "Start my reset" : "Save categories"}
            </Button>
            {!firstRun && (
              <Link to="/" className={buttonClassName("secondary")}>
                Cancel
              </Link>
            )}
            <p className="text-sm text-slate-600" aria-live="polite">
              {selected.length === 1 ? "1 category selected" : `${selected.length} categories selected`}
            </p>
          </div>
        </form>
      )}
    </>
  );
}

function Onboarding({ account }: { account: Account }) {
  const trpc = useTRPC();
  const categories = useQuery(trpc.reset.categories.list.queryOptions());
  const preferences = useQuery(trpc.reset.preferences.get.queryOptions());
  if (categories.isLoading || preferences.isLoading) return <Spinner label="Loading categories" />;
  const error = categories.error ?? preferences.error;
  if (error || !categories.data || !preferences.data) {
    return (
      <ErrorMessage
        message={errorMessage(error)}
        onRetry={() => {
          void categories.refetch();
          void preferences.refetch();
        }}
      />
    );
  }
  return <CategoryPicker account={account} categories={categories.data} chosen={preferences.data.categoryIds} />;
}

export function OnboardingPage() {
  usePageTitle("Your categories");
  return <RequireAccount>{(account) => <Onboarding account={account} />}</RequireAccount>;
}
