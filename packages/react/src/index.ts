export { hasPermission, useAccount, type Account } from "./account.ts";
export { catalogStateColumns, CategoryFilter, useAllCategories, useCatalogChanged, type CatalogRow } from "./curation.tsx";
export {
  errorData,
  errorMessage,
  fieldMessage,
  formProblems,
  isClientError,
  UNREACHABLE_MESSAGE,
  type FormProblems,
  type GlowErrorData,
} from "./errors.ts";
export { ChallengeFunnelCard, DailyPlansCard, MetricCard, PeopleCard, type MetricRange } from "./metrics.tsx";
export { Jobs, type JobsFilter, type JobsProps } from "./jobs.tsx";
export { OrganizationMembers, type OrganizationMembersProps } from "./org-members.tsx";
export {
  chooseOrg,
  CURRENT_ORG_KEY,
  CurrentOrgProvider,
  orgRoleName,
  OrgSwitcher,
  useCurrentOrg,
  useMyOrganizations,
  type CurrentOrg,
  type MyOrganization,
  type OrgRole,
} from "./orgs.tsx";
export { ApiProvider, useDescribeError } from "./provider.tsx";
export { usePublishUpdates } from "./publish.ts";
export { AiCaptionButton, AiCaptionPopover, CAPTION_TONES, type CaptionTone } from "./publish-ai.tsx";
export { PublishInbox } from "./publish-inbox.tsx";
export { PlanLimitNotice, planLimitOf, type PlanLimit } from "./publish-plan.tsx";
export { PublishPostTargets, type PublishPost } from "./publish-post.tsx";
export { calendarRange, PublishCalendar, PublishSlotsEditor, type CalendarView } from "./publish-calendar.tsx";
export { createQueryClient, shouldRetryQuery } from "./query-client.ts";
export { RolesEditor } from "./roles.tsx";
export { ServerStatus } from "./ServerStatus.tsx";
export { TRPCProvider, useTRPC, useTRPCClient, type ApiError } from "./trpc.ts";
export { createTRPCOptionsProxy, useSubscription } from "@trpc/tanstack-react-query";
