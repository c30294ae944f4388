import { formProblems, useCurrentOrg, useTRPC } from "@glow/react";
import { Button, Card, FormError, SelectField, TextField } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { RequireAccount } from "../../components/RequireAccount.tsx";
import { formText, useFocusFirstInvalid, usePageTitle } from "../../forms.ts";

function NewOrgForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { orgs, setOrgId } = useCurrentOrg();
  const formRef = useRef<HTMLFormElement>(null);
  // Only an owner of the parent may put a business under it (the server checks it too).
  const parents = orgs.filter((org) => org.role === "owner");
  const create = useMutation(
    trpc.orgs.create.mutationOptions({
      onSuccess: async (org) => {
        setOrgId(org.id);
        await queryClient.invalidateQueries(trpc.orgs.mine.pathFilter());
        void navigate("/coach");
      },
    }),
  );
  const problems = formProblems(create.error, ["name", "parentId"]);
  useFocusFirstInvalid(formRef, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parentId = formText(data, "parentId");
    create.mutate({ name: formText(data, "name"), ...(parentId ? { parentId } : {}) });
  }

  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-4 sm:pt-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Create a business</h1>
        <p className="mt-1 text-slate-600">
          Your gym, studio or coaching practice on Glow. You become its owner, and invite your staff and clients next.
        </p>
      </div>
      <Card>
        <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-4">
          <TextField label="Business name" name="name" required maxLength={100} autoComplete="organization" error={problems.fields.name} />
          {parents.length > 0 && (
            <SelectField
              label="Part of"
              name="parentId"
              defaultValue=""
              hint="A head office or chain you own sees this business's figures (never its clients' details)."
              error={problems.fields.parentId}
            >
              <option value="">No parent: an independent business</option>
              {parents.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </SelectField>
          )}
          <FormError message={problems.alert} />
          <Button type="submit" className="w-full" busy={create.isPending || create.isSuccess}>
            Create business
          </Button>
        </form>
      </Card>
    </div>
  );
}

export function NewOrgPage() {
  usePageTitle("Create a business");
  return <RequireAccount>{() => <NewOrgForm />}</RequireAccount>;
}
