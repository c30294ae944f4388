import { errorMessage, formProblems, useCurrentOrg, useTRPC, type MyOrganization } from "@glow/react";
import { Button, Card, ErrorMessage, FormError, Notice, SelectField, Spinner, Stat, TextField } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { formText, useFocusFirstInvalid, usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

function useUpdateOrg(org: MyOrganization) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.orgs.update.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.orgs.get.queryKey({ orgId: org.id }), updated);
        return Promise.all([
          queryClient.invalidateQueries(trpc.orgs.mine.pathFilter()),
          queryClient.invalidateQueries(trpc.orgs.children.pathFilter()),
          queryClient.invalidateQueries(trpc.coach.portal.children.pathFilter()),
        ]);
      },
    }),
  );
}

function RenameForm({ org, name }: { org: MyOrganization; name: string }) {
  const update = useUpdateOrg(org);
  const formRef = useRef<HTMLFormElement>(null);
  const problems = formProblems(update.error, ["name"]);
  useFocusFirstInvalid(formRef, update.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ orgId: org.id, name: formText(new FormData(event.currentTarget), "name") });
  }

  return (
    <Card title="Name" description="What your staff and clients see, in the header and in invitation emails.">
      <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Business name"
          name="name"
          required
          maxLength={100}
          defaultValue={name}
          className="sm:flex-1"
          error={problems.fields.name}
        />
        <Button type="submit" className="sm:mt-6" busy={update.isPending}>
          Rename
        </Button>
      </form>
      <div className="mt-3 flex flex-col gap-2">
        <FormError message={problems.alert} />
        {update.isSuccess && !update.isPending && <Notice tone="success">Renamed to {update.data.name}.</Notice>}
      </div>
    </Card>
  );
}

function ParentForm({ org, parent }: { org: MyOrganization; parent: { id: string; name: string } | null }) {
  const { orgs } = useCurrentOrg();
  const update = useUpdateOrg(org);
  const formRef = useRef<HTMLFormElement>(null);
  const problems = formProblems(update.error, ["parentId"]);
  useFocusFirstInvalid(formRef, update.error);
  // A parent is one of the caller's own businesses (the server refuses others and loops).
  const candidates = orgs.filter((candidate) => candidate.role === "owner" && candidate.id !== org.id);
  const shownParent = parent && !candidates.some((candidate) => candidate.id === parent.id) ? [parent] : [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parentId = formText(new FormData(event.currentTarget), "parentId");
    update.mutate({ orgId: org.id, parentId: parentId || null });
  }

  return (
    <Card
      title="Parent business"
      description="A head office or chain sees this business's figures (clients, programs, adherence), never its clients' details."
    >
      <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <SelectField label="Part of" name="parentId" defaultValue={parent?.id ?? ""} className="sm:flex-1" error={problems.fields.parentId}>
          <option value="">No parent: an independent business</option>
          {[...shownParent, ...candidates].map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="sm:mt-6" busy={update.isPending}>
          Save parent
        </Button>
      </form>
      <div className="mt-3 flex flex-col gap-2">
        <FormError message={problems.alert} />
        {update.isSuccess && !update.isPending && (
          <Notice tone="success">{update.data.parent ? `Now part of ${update.data.parent.name}.` : "Now an independent business."}</Notice>
        )}
        {candidates.length === 0 && !parent && <p className="text-sm text-slate-500">You own no other business to put this one under.</p>}
      </div>
    </Card>
  );
}

function OrgSettings({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const details = useQuery(trpc.orgs.get.queryOptions({ orgId: org.id }));
  return (
    <>
      <CoachHeading title="Business settings" org={org} />
      {details.isLoading && <Spinner label="Loading the business" />}
      {details.error && <ErrorMessage message={errorMessage(details.error)} onRetry={() => void details.refetch()} />}
      {details.data && (
        <>
          <Card title="Members">
            <dl className="grid grid-cols-3 gap-4">
              <Stat label="Owners" value={details.data.memberCounts.owner} />
              <Stat label="Staff" value={details.data.memberCounts.staff} />
              <Stat label="Clients" value={details.data.memberCounts.client} />
            </dl>
          </Card>
          <RenameForm org={org} name={details.data.name} />
          <ParentForm org={org} parent={details.data.parent} />
        </>
      )}
    </>
  );
}

/** `/coach/settings`: the owner renames the business and links it under a parent. */
export function CoachSettingsPage() {
  usePageTitle("Business settings");
  return (
    <RequireOrg role="owner" screen="The business settings">
      {(org) => <OrgSettings key={org.id} org={org} />}
    </RequireOrg>
  );
}
