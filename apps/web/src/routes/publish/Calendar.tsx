// /publish/calendar: the workspace's posts on a week or a month, and its weekly posting slots.
import { PublishCalendar, PublishSlotsEditor, usePublishUpdates, type MyOrganization } from "@glow/react";
import { buttonClassName } from "@glow/ui";
import { Link, useNavigate } from "react-router";
import { usePageTitle } from "../../forms.ts";
import { holdsOrgRole } from "../orgs/RequireOrg.tsx";
import { PublishHeading, RequireWorkspace } from "./workspace.tsx";

function CalendarScreen({ org }: { org: MyOrganization }) {
  const navigate = useNavigate();
  usePublishUpdates(org.id);
  const staff = holdsOrgRole(org.role, "staff");
  return (
    <>
      <PublishHeading title="Calendar" org={org} intro="What goes out when, in the time zone you pick.">
        {staff && (
          <Link to="/publish/new" className={buttonClassName("primary")}>
            New post
          </Link>
        )}
      </PublishHeading>
      <PublishCalendar orgId={org.id} onOpenPost={(postId) => void navigate(`/publish/posts/${postId}`)} />
      <PublishSlotsEditor orgId={org.id} canEdit={staff} />
    </>
  );
}

export function PublishCalendarPage() {
  usePageTitle("Publish calendar");
  return <RequireWorkspace screen="The calendar">{(org) => <CalendarScreen key={org.id} org={org} />}</RequireWorkspace>;
}
