export { ActionCard, type ActionCardProps } from "./ActionCard.tsx";
export { AppShell } from "./AppShell.tsx";
export { Badge } from "./Badge.tsx";
export { Button, buttonClassName, type ButtonProps, type ButtonVariant } from "./Button.tsx";
export { Card } from "./Card.tsx";
export { ChallengeTrack, type ChallengeDay, type ChallengeDayStatus } from "./ChallengeTrack.tsx";
export { CategoryBarChart, CHART_COLORS, TimeSeriesChart, type ChartProps, type ChartSeries } from "./charts.tsx";
export { CheckboxCard, type CheckboxCardProps } from "./CheckboxCard.tsx";
export { CheckboxField, type CheckboxFieldProps } from "./CheckboxField.tsx";
export { cn } from "./cn.ts";
export { DataTable, type DataColumn, type DataTableProps, type RowSelection, type SortDirection, type TableSort } from "./DataTable.tsx";
export { EmptyState } from "./EmptyState.tsx";
export { ErrorMessage } from "./ErrorMessage.tsx";
export { ExternalLink } from "./ExternalLink.tsx";
export { FormError } from "./FormError.tsx";
export {
  describeUserAgent,
  formatCount,
  formatDateTime,
  formatDay,
  formatDuration,
  formatHour,
  formatMs,
  formatPercent,
  formatPreciseTime,
  formatRelativeTime,
  formatUsd,
  parseLocalDateTime,
} from "./format.ts";
export { InlineEdit, type InlineEditProps } from "./InlineEdit.tsx";
export {
  ChallengeFunnelPanel,
  PeoplePanel,
  PlanCompletionPanel,
  SystemHealthPanel,
  type ChallengeFunnelMetrics,
  type OverviewMetrics,
  type PlanCompletionMetrics,
  type ProcedureMetrics,
  type SystemHealthPanelProps,
  type SystemMetrics,
} from "./metrics/panels.tsx";
export { lastDayByHour, lastDays, METRIC_RANGES, type MetricRange } from "./metrics/ranges.ts";
export { LinkButton, linkClassName, type LinkButtonProps } from "./LinkButton.tsx";
export { Notice } from "./Notice.tsx";
export { OrgChildrenTable, type OrgChildRow, type OrgChildrenTableProps } from "./orgs/OrgChildrenTable.tsx";
export { OrgMembersTable, type OrgMemberPending, type OrgMemberRow, type OrgMembersTableProps } from "./orgs/OrgMembersTable.tsx";
export { ORG_ROLE_LABELS, ORG_ROLE_NAMES, OrgRoleBadge, type OrgRoleName } from "./orgs/OrgRoleBadge.tsx";
export {
  canCancelJob,
  canRetryJob,
  formatWaited,
  JOB_STATE_LABELS,
  JOB_STATE_NAMES,
  JobQueuesTable,
  JobStateBadge,
  JobsTable,
  type JobQueueRow,
  type JobRow,
  type JobsTableProps,
  type JobStateName,
} from "./jobs/JobsTable.tsx";
export { ProgressBar } from "./ProgressBar.tsx";
export {
  addDays,
  addMonths,
  formatCalendarDay,
  formatCalendarMonth,
  isoWeekday,
  monthWeeks,
  todayIn,
  weekDays,
} from "./publish/calendar-days.ts";
export { CalendarGrid, type CalendarEntry } from "./publish/CalendarGrid.tsx";
export { CharacterCounter, countCharacters } from "./publish/CharacterCounter.tsx";
export { InboxFilters, InboxMessageList, type InboxAccountChoice, type InboxMessage } from "./publish/InboxMessageList.tsx";
export {
  PLAN_METRIC_LABELS,
  PlanLimitBanner,
  PlansTable,
  PlanUsageList,
  type PlanMetricName,
  type PlanOffer,
  type PlanUsageView,
} from "./publish/PlanPieces.tsx";
export { PostPreviewCard, type PostPreviewRules } from "./publish/PostPreviewCard.tsx";
export { publishStateLabel, TargetStateBadge, type PublishState } from "./publish/TargetStateBadge.tsx";
export { browserTimeZone, TimeZoneSelect } from "./publish/TimeZoneSelect.tsx";
export { ProductCard, type ProductCardProps, type ProductStatus } from "./ProductCard.tsx";
export { SegmentedControl, type SegmentedOption } from "./SegmentedControl.tsx";
export { SessionList, type SessionListEntry } from "./SessionList.tsx";
export { Field, type ControlProps, type FieldProps } from "./Field.tsx";
export { SelectField, type SelectFieldProps } from "./SelectField.tsx";
export { Spinner } from "./Spinner.tsx";
export { Stat } from "./Stat.tsx";
export { SystemStatus, type SystemStatusInfo } from "./SystemStatus.tsx";
export { cellText, compareValues, matchesQuery, toCsv, type CellValue } from "./table/model.ts";
export { csvFileName, TableExportProvider, useCsvExport, type ExportableTable, type TableExporter } from "./table/export.tsx";
export { TextField, type TextFieldProps } from "./TextField.tsx";
export { VideoCard, type VideoCardProps } from "./VideoCard.tsx";
