// Server-side entry: the router and what a host needs to serve it.
export { appRouter, createCaller, type AppRouter } from "./root.ts";
export { createContext } from "./create-context.ts";
export {
  createAppServices,
  type AppConfig,
  type AppServices,
  type AppServicesInput,
  type Context,
  type IncomingRequest,
  type Logger,
  type Caller,
  type UploadLimits,
} from "./context.ts";
export type { AiConfig, AiProvider } from "./core/ai.ts";
export type { Cache } from "./core/cache.ts";
export {
  contentRefusal,
  createStorage,
  DEFAULT_UPLOAD_MAX_VIDEO_BYTES,
  formatBytes,
  inspectUpload,
  isValidKey,
  keyVisibleTo,
  libraryKey,
  LocalDiskStorage,
  MAX_SIGNED_URL_SECONDS,
  orgKey,
  S3Storage,
  SNIFF_BYTES,
  sniffContentType,
  tooLargeMessage,
  validKey,
  VIDEO_CONTENT_TYPES,
  type ByteRange,
  type SignedRequestVerdict,
  type S3StorageOptions,
  type SniffedType,
  type Storage,
  type StorageConfig,
  type StoredObject,
} from "./core/storage/index.ts";
export { SmtpMailer, OutboxMailer, type Mail, type Mailer } from "./core/mailer.ts";
export { DEFAULT_RATE_LIMITS, type RateLimitSettings } from "./core/rate-limit.ts";
export { setCookies, type CookieToSet } from "./core/cookies.ts";
export { SESSION_COOKIE } from "./modules/auth/credentials.ts";
export { finishOAuth, type OAuthOutcome } from "./modules/auth/oauth/service.ts";
export { OAUTH_PROVIDER_IDS, type OAuthConfig, type OAuthProviderId } from "./modules/auth/oauth/providers.ts";
// The bundled library videos into storage (the server at start, the web browser tests over their own storage).
export { ensureLibraryVideos } from "./modules/coach/videos.ts";
// The coach demo (a parent business, two children, their clients' programs and workouts), seeded with the demo accounts.
export { seedCoachDemo } from "./modules/coach/demo.ts";
export { seedPublishDemo } from "./modules/publish/demo-seed.ts";
export { createPlatforms, sandboxPlatform, type PlatformsConfig } from "./modules/publish/platforms/index.ts";
export { SandboxPlatform, SANDBOX_AUTHORIZE_PATH, SANDBOX_POSTS_PATH } from "./modules/publish/platforms/sandbox.ts";
// Third-party tokens at rest (decision 024): the server reads TOKEN_ENCRYPTION_KEYS or its key file.
export { formatTokenKeys, generateTokenKey, parseTokenKeys, TokenCipher, TokenKeyError, type TokenKey } from "./core/secrets.ts";
export { createCallerFactory, type FieldErrors, type GlowMeta } from "./trpc.ts";
export { openApiDocument, REST_BASE_PATH } from "./openapi.ts";
export type { OpenAPIObject } from "trpc-to-openapi";
// Plans and payments (decision 025): the server's webhook route and sandbox checkout page, and Stripe when configured.
export { PLANS, PLAN_TIERS, type PlanDefinition, type PlanMetric, type PlanTier } from "./core/billing/plans.ts";
export { StripePayments, type StripeConfig } from "./core/payments/stripe.ts";
export { SandboxPayments, SANDBOX_CHECKOUT_PATH, SANDBOX_SIGNATURE_HEADER } from "./core/payments/sandbox.ts";
export { receivePaymentWebhook, type WebhookOutcome } from "./core/payments/webhooks.ts";
export type { PaymentsProvider, PaymentWebhookEvent } from "./core/payments/types.ts";
// The durable job queue (decision 023): every job definition, for the servers and workers that run them.
export { JOBS } from "./jobs.ts";
export { defineJob, RetryLaterError, type JobDefinition, type JobRun } from "./core/jobs/definition.ts";
export { JobQueue, type JobQueueOptions, type JobState, type JobSummary } from "./core/jobs/queue.ts";
export { GlowMetrics } from "./core/observability.ts";
