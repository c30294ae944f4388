-- CreateEnum
CREATE TYPE "org_role" AS ENUM ('owner', 'staff', 'client');

-- CreateEnum
CREATE TYPE "coach_assessment_outcome" AS ENUM ('scored', 'see_doctor');

-- CreateEnum
CREATE TYPE "coach_program_status" AS ENUM ('active', 'replaced');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "parent_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "org_memberships" (
    "org_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "org_role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_memberships_pkey" PRIMARY KEY ("org_id","user_id")
);

-- CreateTable
CREATE TABLE "org_invitations" (
    "id" TEXT NOT NULL,
    "org_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "org_role" NOT NULL,
    "invited_by_id" UUID,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "accepted_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_templates" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "questions" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_templates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_assessments" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "template_id" UUID NOT NULL,
    "template_version" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "outcome" "coach_assessment_outcome" NOT NULL,
    "score" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_exercises" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "muscle_groups" TEXT[],
    "equipment" TEXT[],
    "difficulty" INTEGER NOT NULL,
    "contraindications" TEXT[],
    "measure" TEXT NOT NULL DEFAULT 'reps',
    "video_key" TEXT,
    "video_seconds" INTEGER,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_exercises_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_programs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "assessment_id" UUID NOT NULL,
    "status" "coach_program_status" NOT NULL DEFAULT 'active',
    "title" TEXT NOT NULL,
    "weeks" INTEGER NOT NULL,
    "reason" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_programs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_program_sessions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "week" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "coach_program_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_program_items" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "exercise_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sets" INTEGER NOT NULL,
    "reps" INTEGER,
    "seconds" INTEGER,
    "rest_seconds" INTEGER NOT NULL,
    "load_guidance" TEXT NOT NULL,
    "load_percent" INTEGER,

    CONSTRAINT "coach_program_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_workout_logs" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "program_id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "logged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_workout_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_workout_sets" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "org_id" UUID NOT NULL,
    "log_id" UUID NOT NULL,
    "exercise_id" UUID NOT NULL,
    "set_number" INTEGER NOT NULL,
    "reps" INTEGER,
    "seconds" INTEGER,
    "load_kg" DECIMAL(6,2),
    "rpe" INTEGER,

    CONSTRAINT "coach_workout_sets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "coach_video_progress" (
    "org_id" UUID NOT NULL,
    "client_id" UUID NOT NULL,
    "exercise_id" UUID NOT NULL,
    "position_seconds" INTEGER NOT NULL,
    "completed" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "coach_video_progress_pkey" PRIMARY KEY ("org_id","client_id","exercise_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organizations_slug_key" ON "organizations"("slug");

-- CreateIndex
CREATE INDEX "organizations_parent_id_idx" ON "organizations"("parent_id");

-- CreateIndex
CREATE INDEX "org_memberships_user_id_idx" ON "org_memberships"("user_id");

-- CreateIndex
CREATE INDEX "org_memberships_org_id_role_created_at_idx" ON "org_memberships"("org_id", "role", "created_at");

-- CreateIndex
CREATE INDEX "org_invitations_org_id_created_at_idx" ON "org_invitations"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "org_invitations_email_idx" ON "org_invitations"("email");

-- CreateIndex
CREATE INDEX "coach_templates_org_id_created_at_idx" ON "coach_templates"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "coach_assessments_org_id_client_id_created_at_idx" ON "coach_assessments"("org_id", "client_id", "created_at");

-- CreateIndex
CREATE INDEX "coach_assessments_org_id_created_at_idx" ON "coach_assessments"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "coach_exercises_org_id_name_idx" ON "coach_exercises"("org_id", "name");

-- CreateIndex
CREATE INDEX "coach_programs_org_id_client_id_status_idx" ON "coach_programs"("org_id", "client_id", "status");

-- CreateIndex
CREATE INDEX "coach_programs_org_id_status_created_at_idx" ON "coach_programs"("org_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "coach_program_sessions_org_id_idx" ON "coach_program_sessions"("org_id");

-- CreateIndex
CREATE UNIQUE INDEX "coach_program_sessions_program_id_week_day_key" ON "coach_program_sessions"("program_id", "week", "day");

-- CreateIndex
CREATE INDEX "coach_program_items_org_id_idx" ON "coach_program_items"("org_id");

-- CreateIndex
CREATE INDEX "coach_program_items_exercise_id_idx" ON "coach_program_items"("exercise_id");

-- CreateIndex
CREATE UNIQUE INDEX "coach_program_items_session_id_position_key" ON "coach_program_items"("session_id", "position");

-- CreateIndex
CREATE INDEX "coach_workout_logs_org_id_client_id_logged_at_idx" ON "coach_workout_logs"("org_id", "client_id", "logged_at");

-- CreateIndex
CREATE INDEX "coach_workout_logs_org_id_logged_at_idx" ON "coach_workout_logs"("org_id", "logged_at");

-- CreateIndex
CREATE INDEX "coach_workout_sets_org_id_exercise_id_idx" ON "coach_workout_sets"("org_id", "exercise_id");

-- CreateIndex
CREATE INDEX "coach_workout_sets_log_id_idx" ON "coach_workout_sets"("log_id");

-- AddForeignKey
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_memberships" ADD CONSTRAINT "org_memberships_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_memberships" ADD CONSTRAINT "org_memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_invitations" ADD CONSTRAINT "org_invitations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_assessments" ADD CONSTRAINT "coach_assessments_template_id_fkey" FOREIGN KEY ("template_id") REFERENCES "coach_templates"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_programs" ADD CONSTRAINT "coach_programs_assessment_id_fkey" FOREIGN KEY ("assessment_id") REFERENCES "coach_assessments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_program_sessions" ADD CONSTRAINT "coach_program_sessions_program_id_fkey" FOREIGN KEY ("program_id") REFERENCES "coach_programs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_program_items" ADD CONSTRAINT "coach_program_items_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "coach_program_sessions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_program_items" ADD CONSTRAINT "coach_program_items_exercise_id_fkey" FOREIGN KEY ("exercise_id") REFERENCES "coach_exercises"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "coach_workout_sets" ADD CONSTRAINT "coach_workout_sets_log_id_fkey" FOREIGN KEY ("log_id") REFERENCES "coach_workout_logs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
