import { createBrowserRouter } from "react-router";
import { Layout, LayoutFallback } from "./components/Layout.tsx";
import { AdminOutboxPage } from "./routes/AdminOutbox.tsx";
import { AdminRolesPage } from "./routes/AdminRoles.tsx";
import { AdminServerPage } from "./routes/AdminServer.tsx";
import { ChallengePage } from "./routes/Challenge.tsx";
import { FavoritesPage } from "./routes/Favorites.tsx";
import { ForgotPasswordPage } from "./routes/ForgotPassword.tsx";
import { HomePage } from "./routes/Home.tsx";
import { NotFoundPage } from "./routes/NotFound.tsx";
import { OnboardingPage } from "./routes/Onboarding.tsx";
import { PlanClearPage } from "./routes/PlanClear.tsx";
import { PlanReinforcePage } from "./routes/PlanReinforce.tsx";
import { PlanWatchPage } from "./routes/PlanWatch.tsx";
import { ResetPasswordPage } from "./routes/ResetPassword.tsx";
import { RouteError } from "./routes/RouteError.tsx";
import { SettingsPage } from "./routes/Settings.tsx";
import { SignInPage } from "./routes/SignIn.tsx";
import { SignUpPage } from "./routes/SignUp.tsx";
import { VerifyEmailPage } from "./routes/VerifyEmail.tsx";

export function createRouter() {
  return createBrowserRouter([
    {
      element: <Layout />,
      errorElement: <RouteError />,
      hydrateFallbackElement: <LayoutFallback />,
      children: [
        // The front page for visitors; the Reset dashboard once signed in.
        { index: true, element: <HomePage /> },
        { path: "sign-in", element: <SignInPage /> },
        { path: "sign-up", element: <SignUpPage /> },
        { path: "forgot-password", element: <ForgotPasswordPage /> },
        // Links in emails (packages/api/src/modules/auth/password.ts, email.ts) point at these two.
        { path: "reset-password", element: <ResetPasswordPage /> },
        { path: "verify-email", element: <VerifyEmailPage /> },
        { path: "settings", element: <SettingsPage /> },
        // The feed reset: "/" is its dashboard once signed in.
        { path: "onboarding", element: <OnboardingPage /> },
        { path: "plan/clear", element: <PlanClearPage /> },
        { path: "plan/watch", element: <PlanWatchPage /> },
        { path: "plan/reinforce", element: <PlanReinforcePage /> },
        { path: "favorites", element: <FavoritesPage /> },
        { path: "challenge", element: <ChallengePage /> },
        // Admin screens load on demand: charts (recharts) stay out of everyone else's download.
        { path: "admin/metrics", lazy: async () => ({ Component: (await import("./routes/AdminMetrics.tsx")).AdminMetricsPage }) },
        { path: "admin/curation", lazy: async () => ({ Component: (await import("./routes/AdminCuration.tsx")).AdminCurationPage }) },
        { path: "admin/outbox", element: <AdminOutboxPage /> },
        { path: "admin/jobs", lazy: async () => ({ Component: (await import("./routes/AdminJobs.tsx")).AdminJobsPage }) },
        { path: "admin/roles", element: <AdminRolesPage /> },
        { path: "admin/server", element: <AdminServerPage /> },
        // Coach, business side: businesses, invitations and the portal load on demand.
        { path: "orgs/new", lazy: async () => ({ Component: (await import("./routes/orgs/NewOrg.tsx")).NewOrgPage }) },
        // The link in invitation emails (packages/api/src/modules/orgs/members.ts).
        { path: "invite/:token", lazy: async () => ({ Component: (await import("./routes/orgs/Invitation.tsx")).InvitationPage }) },
        { path: "coach", lazy: async () => ({ Component: (await import("./routes/coach/Home.tsx")).CoachHomePage }) },
        { path: "coach/clients", lazy: async () => ({ Component: (await import("./routes/coach/Clients.tsx")).CoachClientsPage }) },
        {
          path: "coach/clients/:clientId",
          lazy: async () => ({ Component: (await import("./routes/coach/ClientDetail.tsx")).CoachClientDetailPage }),
        },
        { path: "coach/members", lazy: async () => ({ Component: (await import("./routes/coach/Members.tsx")).CoachMembersPage }) },
        { path: "coach/settings", lazy: async () => ({ Component: (await import("./routes/coach/Settings.tsx")).CoachSettingsPage }) },
        { path: "coach/children", lazy: async () => ({ Component: (await import("./routes/coach/Children.tsx")).CoachChildrenPage }) },
        // The client's side of Coach: assessment, score, program (videos, workout logs) and progress.
        { path: "coach/assessment", lazy: async () => ({ Component: (await import("./routes/coach/Assessment.tsx")).AssessmentPage }) },
        {
          path: "coach/assessment/:templateId",
          lazy: async () => ({ Component: (await import("./routes/coach/Assessment.tsx")).AssessmentPage }),
        },
        {
          path: "coach/assessments/:assessmentId",
          lazy: async () => ({ Component: (await import("./routes/coach/AssessmentResult.tsx")).AssessmentResultPage }),
        },
        { path: "coach/program", lazy: async () => ({ Component: (await import("./routes/coach/Program.tsx")).ProgramPage }) },
        { path: "coach/progress", lazy: async () => ({ Component: (await import("./routes/coach/Progress.tsx")).ProgressPage }) },
        // Staff: assessment templates and exercises (videos uploaded here).
        { path: "coach/templates", lazy: async () => ({ Component: (await import("./routes/coach/Templates.tsx")).TemplatesPage }) },
        {
          path: "coach/templates/new",
          lazy: async () => ({ Component: (await import("./routes/coach/TemplateEdit.tsx")).TemplateEditPage }),
        },
        {
          path: "coach/templates/:templateId",
          lazy: async () => ({ Component: (await import("./routes/coach/TemplateEdit.tsx")).TemplateEditPage }),
        },
        { path: "coach/exercises", lazy: async () => ({ Component: (await import("./routes/coach/Exercises.tsx")).ExercisesPage }) },
        // Publish: connected accounts, the composer, the calendar and the posts load on demand.
        { path: "publish", lazy: async () => ({ Component: (await import("./routes/publish/Home.tsx")).PublishHomePage }) },
        // Where a platform's authorize page sends the person back (packages/api/src/modules/publish/accounts.ts).
        {
          path: "publish/connected",
          lazy: async () => ({ Component: (await import("./routes/publish/Connected.tsx")).PublishConnectedPage }),
        },
        { path: "publish/new", lazy: async () => ({ Component: (await import("./routes/publish/Composer.tsx")).PublishComposerPage }) },
        {
          path: "publish/calendar",
          lazy: async () => ({ Component: (await import("./routes/publish/Calendar.tsx")).PublishCalendarPage }),
        },
        { path: "publish/posts", lazy: async () => ({ Component: (await import("./routes/publish/Posts.tsx")).PublishPostsPage }) },
        {
          path: "publish/posts/:postId",
          lazy: async () => ({ Component: (await import("./routes/publish/PostDetail.tsx")).PublishPostPage }),
        },
        {
          path: "publish/posts/:postId/edit",
          lazy: async () => ({ Component: (await import("./routes/publish/Composer.tsx")).PublishComposerPage }),
        },
        // Publish's inbox, plan & usage (the payments checkout comes back here) and the demo for visitors.
        { path: "publish/inbox", lazy: async () => ({ Component: (await import("./routes/publish/Inbox.tsx")).PublishInboxPage }) },
        { path: "publish/plan", lazy: async () => ({ Component: (await import("./routes/publish/Plan.tsx")).PublishPlanPage }) },
        { path: "publish/demo", lazy: async () => ({ Component: (await import("./routes/publish/Demo.tsx")).PublishDemoPage }) },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
