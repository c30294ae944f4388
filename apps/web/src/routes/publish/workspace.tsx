// What every publish screen stands on: a signed-in member of a workspace (an organization of
// the tenancy core) with the role the screen needs, its heading, and the publish section's tabs.
import { formProblems, useCurrentOrg, useTRPC, type MyOrganization, type OrgRole } from "@glow/react";
import { Button, Card, cn, FormError, TextField } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, type FormEvent, type ReactNode } from "react";
import { NavLink } from "react-router";
import { RequireAccount } from "../../components/RequireAccount.tsx";
import { formText, useFocusFirstInvalid } from "../../forms.ts";
import { OrgGate, type OrgGateSection } from "../orgs/RequireOrg.tsx";

/** Creates a workspace (orgs.create) and works in it from then on. */
export function NewWorkspaceForm({ onCreated }: { onCreated?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { setOrgId } = useCurrentOrg();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useMutation(
    trpc.orgs.create.mutationOptions({
      onSuccess: async (org) => {
        setOrgId(org.id);
        await queryClient.invalidateQueries(trpc.orgs.mine.pathFilter());
        onCreated?.();
      },
    }),
  );
  const problems = formProblems(create.error, ["name"]);
  useFocusFirstInvalid(formRef, create.error);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: formText(new FormData(event.currentTarget), "name") });
  }
  return (
    <form ref={formRef} noValidate onSubmit={submit} aria-label="New workspace" className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <TextField label="Workspace name" name="name" required maxLength={100} error={problems.fields.name} className="sm:w-72" />
      <Button type="submit" busy={create.isPending}>
        Create workspace
      </Button>
      <FormError message={problems.alert} />
    </form>
  );
}

function NoWorkspace() {
  return (
    <Card title="Create your workspace">
      <div className="flex flex-col gap-3 text-sm text-slate-600">
        <p>
          A workspace holds your connected social accounts, your posts and your team. You become its owner; invite people to write and
          schedule with you later.
        </p>
        <NewWorkspaceForm />
      </div>
    </Card>
  );
}

const PUBLISH_SECTION: OrgGateSection = {
  loading: "Loading your workspaces",
  none: <NoWorkspace />,
  back: { to: "/publish", label: "Back to Publish" },
};

/** A publish screen for a member of the selected workspace with at least `role`; says plainly what stops anyone else. */
export function RequireWorkspace({
  role = "client",
  screen,
  children,
}: {
  role?: OrgRole;
  /** The screen's name in a sentence: "The composer". */
  screen: string;
  children: (org: MyOrganization) => ReactNode;
}) {
  return (
    <RequireAccount>
      {() => (
        <OrgGate role={role} screen={screen} section={PUBLISH_SECTION}>
          {children}
        </OrgGate>
      )}
    </RequireAccount>
  );
}

// The publish section's screens (the demo, /publish/demo, is for visitors and has its own page).
const TABS = [
  { to: "/publish", label: "Accounts", end: true },
  { to: "/publish/new", label: "New post", end: true },
  { to: "/publish/calendar", label: "Calendar", end: true },
  { to: "/publish/posts", label: "Posts", end: false },
  { to: "/publish/inbox", label: "Inbox", end: true },
  { to: "/publish/plan", label: "Plan", end: true },
] as const;

/** A publish screen's heading (the workspace, the title, what it is for) above the section's tabs. */
export function PublishHeading({
  title,
  org,
  intro,
  children,
}: {
  title: string;
  org: MyOrganization;
  intro?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-3">
      <nav aria-label="Publish" className="-mx-1 flex gap-1 overflow-x-auto pb-1">
        {TABS.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            className={({ isActive }) =>
              cn(
                "shrink-0 rounded-lg px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-glow-500",
                isActive ? "bg-glow-100 text-glow-700" : "text-slate-600 hover:bg-slate-100",
              )
            }
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-semibold text-glow-700">{org.name}</p>
          <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
          {intro && <p className="mt-1 text-slate-600">{intro}</p>}
        </div>
        {children}
      </div>
    </div>
  );
}
