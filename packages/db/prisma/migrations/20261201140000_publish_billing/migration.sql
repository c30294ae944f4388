-- Billing (plans, usage, payments) in core, and the publish module's tables (issue 13).

-- CreateEnum
CREATE TYPE "PlanTier" AS ENUM ('free', 'basic', 'pro', 'business', 'enterprise');

-- CreateEnum
CREATE TYPE "SocialPlatform" AS ENUM ('sandbox', 'x', 'instagram', 'facebook', 'linkedin', 'youtube', 'tiktok');

-- CreateEnum
CREATE TYPE "SocialAccountStatus" AS ENUM ('active', 'needs_reconnect');

-- CreateEnum
CREATE TYPE "PublishTargetState" AS ENUM ('draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "plan_subscriptions" (
    "org_id" UUID NOT NULL,
    "plan" "PlanTier" NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "provider" TEXT NOT NULL,
    "customer_id" TEXT,
    "subscription_id" TEXT,
    "current_period_end" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "plan_subscriptions_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "usage_counters" (
    "org_id" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_counters_pkey" PRIMARY KEY ("org_id","metric","period")
);

-- CreateTable
CREATE TABLE "payment_checkouts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "plan" "PlanTier" NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_checkouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payment_events" (
    "provider" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "payment_events_pkey" PRIMARY KEY ("provider","event_id")
);

-- CreateTable
CREATE TABLE "publish_accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "platform" "SocialPlatform" NOT NULL,
    "external_id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "access_token" TEXT NOT NULL,
    "refresh_token" TEXT,
    "token_expires_at" TIMESTAMPTZ(3),
    "scopes" TEXT[],
    "status" "SocialAccountStatus" NOT NULL DEFAULT 'active',
    "status_reason" TEXT,
    "connected_by_id" UUID NOT NULL,
    "inbox_cursor" TEXT,
    "last_synced_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_connect_states" (
    "id" TEXT NOT NULL,
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "platform" "SocialPlatform" NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_connect_states_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_posts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "content" TEXT NOT NULL,
    "media" JSONB NOT NULL DEFAULT '[]',
    "time_zone" TEXT,
    "scheduled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_posts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_targets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "post_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "content" TEXT,
    "state" "PublishTargetState" NOT NULL DEFAULT 'draft',
    "scheduled_at" TIMESTAMPTZ(3),
    "published_at" TIMESTAMPTZ(3),
    "external_id" TEXT,
    "external_url" TEXT,
    "failure_reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_targets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_attempts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "target_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT,
    "external_id" TEXT,
    "error" TEXT,

    CONSTRAINT "publish_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_slots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "weekday" INTEGER NOT NULL,
    "minute_of_day" INTEGER NOT NULL,
    "time_zone" TEXT NOT NULL,

    CONSTRAINT "publish_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "publish_inbox_messages" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "parent_external_id" TEXT,
    "author_name" TEXT NOT NULL,
    "author_handle" TEXT,
    "text" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3),
    "reply_text" TEXT,
    "reply_external_id" TEXT,
    "replied_at" TIMESTAMPTZ(3),
    "replied_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "publish_inbox_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "plan_subscriptions_subscription_id_key" ON "plan_subscriptions"("subscription_id");

-- CreateIndex
CREATE UNIQUE INDEX "payment_checkouts_external_id_key" ON "payment_checkouts"("external_id");

-- CreateIndex
CREATE INDEX "payment_checkouts_org_id_created_at_idx" ON "payment_checkouts"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "publish_accounts_token_expires_at_idx" ON "publish_accounts"("token_expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "publish_accounts_org_id_platform_external_id_key" ON "publish_accounts"("org_id", "platform", "external_id");

-- CreateIndex
CREATE INDEX "publish_connect_states_expires_at_idx" ON "publish_connect_states"("expires_at");

-- CreateIndex
CREATE INDEX "publish_posts_org_id_created_at_idx" ON "publish_posts"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "publish_posts_org_id_scheduled_at_idx" ON "publish_posts"("org_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "publish_targets_org_id_scheduled_at_idx" ON "publish_targets"("org_id", "scheduled_at");

-- CreateIndex
CREATE INDEX "publish_targets_state_scheduled_at_idx" ON "publish_targets"("state", "scheduled_at");

-- CreateIndex
CREATE UNIQUE INDEX "publish_targets_post_id_account_id_key" ON "publish_targets"("post_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "publish_attempts_target_id_number_key" ON "publish_attempts"("target_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "publish_slots_org_id_weekday_minute_of_day_key" ON "publish_slots"("org_id", "weekday", "minute_of_day");

-- CreateIndex
CREATE INDEX "publish_inbox_messages_org_id_received_at_idx" ON "publish_inbox_messages"("org_id", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "publish_inbox_messages_account_id_external_id_key" ON "publish_inbox_messages"("account_id", "external_id");

-- AddForeignKey
ALTER TABLE "publish_targets" ADD CONSTRAINT "publish_targets_post_id_fkey" FOREIGN KEY ("post_id") REFERENCES "publish_posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_targets" ADD CONSTRAINT "publish_targets_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "publish_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_attempts" ADD CONSTRAINT "publish_attempts_target_id_fkey" FOREIGN KEY ("target_id") REFERENCES "publish_targets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "publish_inbox_messages" ADD CONSTRAINT "publish_inbox_messages_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "publish_accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Row-level security: every org_id table is the tenant's own (decision 020). Plans are changed
-- by the payments flow on the owner's connection, so the tenant only reads them.
ALTER TABLE "plan_subscriptions" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "plan_subscriptions" TO glow_tenant
  USING ("org_id" = (SELECT glow_current_org())) WITH CHECK ("org_id" = (SELECT glow_current_org()));
GRANT SELECT ON "plan_subscriptions" TO glow_tenant;

ALTER TABLE "payment_checkouts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "payment_checkouts" TO glow_tenant
  USING ("org_id" = (SELECT glow_current_org())) WITH CHECK ("org_id" = (SELECT glow_current_org()));
GRANT SELECT, INSERT ON "payment_checkouts" TO glow_tenant;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['usage_counters', 'publish_accounts', 'publish_connect_states', 'publish_posts',
                           'publish_targets', 'publish_attempts', 'publish_slots', 'publish_inbox_messages'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I TO glow_tenant USING ("org_id" = (SELECT glow_current_org())) WITH CHECK ("org_id" = (SELECT glow_current_org()))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO glow_tenant', t);
  END LOOP;
END
$$;
