export { useAccount, type Account } from "./account.ts";
export { CategoryFilter, useAllCategories, useCatalogChanged } from "./curation.tsx";
export { errorData, errorMessage, fieldMessage, formProblems, isClientError, UNREACHABLE_MESSAGE, type FormProblems, type GlowErrorData } from "./errors.ts";
export { ChallengeFunnelCard, DailyPlansCard, MetricCard, PeopleCard, type MetricRange } from "./metrics.tsx";
export { ApiProvider, useDescribeError } from "./provider.tsx";
export { createQueryClient, shouldRetryQuery } from "./query-client.ts";
export { ServerStatus } from "./ServerStatus.tsx";
export { TRPCProvider, useTRPC, useTRPCClient, type ApiError } from "./trpc.ts";
export { createTRPCOptionsProxy, useSubscription } from "@trpc/tanstack-react-query";
