// /publish/inbox: the messages and comments of all the workspace's accounts in one place
// (PublishInbox, shared with the desktop); staff and owners answer them from here.
import { PublishInbox, type MyOrganization } from "@glow/react";
import { usePageTitle } from "../../forms.ts";
import { holdsOrgRole } from "../orgs/RequireOrg.tsx";
import { PublishHeading, RequireWorkspace } from "./workspace.tsx";

function InboxScreen({ org }: { org: MyOrganization }) {
  return (
    <>
      <PublishHeading title="Inbox" org={org} intro="Messages and comments from every connected account, newest first." />
      <PublishInbox orgId={org.id} canAnswer={holdsOrgRole(org.role, "staff")} />
    </>
  );
}

export function PublishInboxPage() {
  usePageTitle("Publish inbox");
  return <RequireWorkspace screen="The inbox">{(org) => <InboxScreen key={org.id} org={org} />}</RequireWorkspace>;
}
