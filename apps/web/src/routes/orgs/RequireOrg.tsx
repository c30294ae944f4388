import { errorMessage, orgRoleName, useCurrentOrg, type MyOrganization, type OrgRole } from "@glow/react";
import { buttonClassName, Card, ErrorMessage, linkClassName, Spinner } from "@glow/ui";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Account } from "../../account.ts";
import { RequireAccount } from "../../components/RequireAccount.tsx";

const RANK: Record<OrgRole, number> = { owner: 3, staff: 2, client: 1 };

/** The server's rank (owner > staff > client), to show only what a role opens; the server checks it again. */
export function holdsOrgRole(held: OrgRole, needed: OrgRole): boolean {
  return RANK[held] >= RANK[needed];
}

/** What someone in no organization sees on a coach screen: what a business is, and how to get one. */
export function NoOrganization() {
  return (
    <Card title="You are not in a business yet">
      <div className="flex flex-col gap-3 text-sm text-slate-600">
        <p>
          Coach runs inside a business: a gym, a studio or a coach with clients. Create one to invite your staff and clients, or open the
          invitation link a business emailed you to join it.
        </p>
        <Link to="/orgs/new" className={buttonClassName("primary", "self-start")}>
          Create a business
        </Link>
      </div>
    </Card>
  );
}

/**
 * Renders a coach screen for a signed-in member of the selected organization with at least
 * `role`; signs anyone else in first, and says plainly when there is no organization or the
 * role does not open the screen.
 */
export function RequireOrg({
  role = "client",
  screen,
  children,
}: {
  role?: OrgRole;
  /** The screen's name in a sentence: "The members page". */
  screen: string;
  children: (org: MyOrganization, account: Account) => ReactNode;
}) {
  return (
    <RequireAccount>
      {(account) => (
        <OrgGate role={role} screen={screen} section={COACH_SECTION}>
          {(org) => children(org, account)}
        </OrgGate>
      )}
    </RequireAccount>
  );
}

/** Where a gate sends someone it stops, and what it calls the section's organizations. */
export interface OrgGateSection {
  /** "Loading your businesses". */
  loading: string;
  /** What someone in no organization sees. */
  none: ReactNode;
  back: { to: string; label: string };
}

const COACH_SECTION: OrgGateSection = {
  loading: "Loading your businesses",
  none: <NoOrganization />,
  back: { to: "/coach", label: "Back to Coach" },
};

/** The selected organization, once loaded, when the caller holds `role` there; otherwise what stops them, said plainly. */
export function OrgGate({
  role,
  screen,
  section,
  children,
}: {
  role: OrgRole;
  screen: string;
  section: OrgGateSection;
  children: (org: MyOrganization) => ReactNode;
}) {
  const current = useCurrentOrg();
  if (current.isLoading) return <Spinner label={section.loading} />;
  if (current.error && !current.org) return <ErrorMessage message={errorMessage(current.error)} onRetry={current.refetch} />;
  if (!current.org) return section.none;
  if (!holdsOrgRole(current.org.role, role))
    return (
      <Card title="You do not have access">
        <p className="text-sm text-slate-600">
          {screen} is for {role === "owner" ? "owners" : "staff and owners"} of {current.org.name}; you are{" "}
          {orgRoleName(current.org.role).toLowerCase()} there.{" "}
          <Link to={section.back.to} className={linkClassName}>
            {section.back.label}
          </Link>
        </p>
      </Card>
    );
  return children(current.org);
}

/** A coach screen's heading: its title, the business it is about, and what it is for. */
export function CoachHeading({
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
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <p className="text-sm font-semibold text-glow-700">{org.name}</p>
        <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
        {intro && <p className="mt-1 text-slate-600">{intro}</p>}
      </div>
      {children}
    </div>
  );
}
