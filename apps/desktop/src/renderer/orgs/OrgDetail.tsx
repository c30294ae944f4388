// One organization as an admin sees it: its parent (open it), its direct children (open one),
// and its members, whose roles change through admin.orgs.setMemberRole.
import { hasPermission, OrganizationMembers, useDescribeError, useTRPC } from "@glow/react";
import { Card, ErrorMessage, formatDateTime, LinkButton, OrgChildrenTable, Spinner } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Account } from "../../shared/bridge.ts";
import { DetailField, DetailSection } from "../ui/DetailParts.tsx";

export function OrgDetail({ orgId, currentAccount, onOpen }: { orgId: string; currentAccount: Account; onOpen(orgId: string): void }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const queryClient = useQueryClient();
  const org = useQuery(trpc.admin.orgs.get.queryOptions({ orgId }));
  const setMemberRole = useMutation(trpc.admin.orgs.setMemberRole.mutationOptions());
  const mayChangeRoles = hasPermission(currentAccount, { action: "write", entity: "organizations" });

  if (org.isPending) {
    return (
      <Card title="Organization details">
        <Spinner label="Loading the organization" />
      </Card>
    );
  }
  if (org.isError) {
    return (
      <Card title="Organization details">
        <ErrorMessage message={describeError(org.error)} onRetry={() => void org.refetch()} />
      </Card>
    );
  }
  const details = org.data;
  return (
    <Card title={details.name}>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <DetailField label="Slug">{details.slug}</DetailField>
        <DetailField label="Parent">
          {details.parent ? (
            <LinkButton aria-label={`Open the parent, ${details.parent.name}`} onClick={() => onOpen(details.parent!.id)}>
              {details.parent.name}
            </LinkButton>
          ) : (
            "None (a top-level organization)"
          )}
        </DetailField>
        <DetailField label="Created">{formatDateTime(details.createdAt)}</DetailField>
      </dl>

      <DetailSection title="Child organizations">
        <OrgChildrenTable
          organizations={details.children.map((child) => ({ id: child.id, name: child.name, depth: 1, members: child.memberCount }))}
          figures={false}
          hideCaption
          onOpen={(child) => onOpen(child.id)}
        />
      </DetailSection>

      <DetailSection title="Members">
        <OrganizationMembers
          query={{ isPending: false, error: null, data: details.members, refetch: () => void org.refetch() }}
          caption={`Members of ${details.name}`}
          exportName={`${details.slug}-members`}
          filter
          setRole={
            mayChangeRoles
              ? async (userId, role) => {
                  await setMemberRole.mutateAsync({ orgId, userId, role });
                  await queryClient.invalidateQueries(trpc.admin.orgs.pathFilter());
                }
              : undefined
          }
        />
      </DetailSection>
    </Card>
  );
}
