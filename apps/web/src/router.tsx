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
        { path: "admin/roles", element: <AdminRolesPage /> },
        { path: "admin/server", element: <AdminServerPage /> },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
