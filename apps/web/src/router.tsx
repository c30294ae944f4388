import { createBrowserRouter } from "react-router";
import { Layout } from "./components/Layout.tsx";
import { AdminOutboxPage } from "./routes/AdminOutbox.tsx";
import { ForgotPasswordPage } from "./routes/ForgotPassword.tsx";
import { HomePage } from "./routes/Home.tsx";
import { NotFoundPage } from "./routes/NotFound.tsx";
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
      children: [
        { index: true, element: <HomePage /> },
        { path: "sign-in", element: <SignInPage /> },
        { path: "sign-up", element: <SignUpPage /> },
        { path: "forgot-password", element: <ForgotPasswordPage /> },
        // Links in emails (packages/api/src/modules/auth/service.ts) point at these two.
        { path: "reset-password", element: <ResetPasswordPage /> },
        { path: "verify-email", element: <VerifyEmailPage /> },
        { path: "settings", element: <SettingsPage /> },
        { path: "admin/outbox", element: <AdminOutboxPage /> },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
