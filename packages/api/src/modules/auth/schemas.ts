import { z } from "zod";
import { OAUTH_PROVIDER_IDS } from "./oauth/providers.ts";
import { PASSWORD_MAX_LENGTH, passwordProblem } from "./passwords.ts";

export const email = z
  .email("Enter a valid email address")
  .max(254)
  .transform((value) => value.trim().toLowerCase());

/** A new password: long enough and not among the most common. */
const newPassword = z
  .string()
  .max(PASSWORD_MAX_LENGTH)
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const opaqueToken = z.string().min(16, "This link is incomplete; open it from the email again").max(128, "This link is not valid");

/** How the new session's token is delivered: an HttpOnly cookie (web) or the response body (desktop, API clients). */
const delivery = z.enum(["cookie", "token"]).default("cookie");

export const registerInput = z.object({
  email,
  password: newPassword,
  name: z.string().trim().min(1, "Enter your name").max(100),
  delivery,
});

export const loginInput = z.object({
  email,
  password: z.string().min(1, "Enter your password").max(PASSWORD_MAX_LENGTH),
  delivery,
});

export const revokeSessionInput = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, "Not a session id") });

export const changePasswordInput = z.object({
  /** Required when the account has a password (OAuth-only accounts set their first one). */
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  newPassword,
  /** Also revoke every API token of the account (a reset by email always does). */
  revokeApiTokens: z.boolean().default(false),
});

export const updateProfileInput = z.object({ name: z.string().trim().min(1, "Enter your name").max(100) });

export const requestResetInput = z.object({ email });
export const resetPasswordInput = z.object({ token: opaqueToken, password: newPassword });
export const verifyEmailInput = z.object({ token: opaqueToken });

export const oauthProvider = z.enum(OAUTH_PROVIDER_IDS);
const pkceChallenge = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "A base64url SHA-256 (S256) code challenge");

export const oauthStartInput = z
  .object({
    provider: oauthProvider,
    /** Link the provider to the signed-in account instead of signing in. */
    link: z.boolean().default(false),
    /** "desktop": the browser ends at glow://auth/callback with a one-time code for `auth.oauth.exchange`. */
    client: z.enum(["web", "desktop"]).default("web"),
    /** The desktop app's own PKCE challenge (RFC 8252); required for the desktop client. */
    codeChallenge: pkceChallenge.optional(),
  })
  .refine((input) => input.client === "web" || input.codeChallenge, {
    path: ["codeChallenge"],
    message: "The desktop app must send a PKCE code challenge",
  })
  // A link completes at the callback in the browser session that started it, which the desktop's system browser is not.
  .refine((input) => !(input.link && input.client === "desktop"), { path: ["link"], message: "Link accounts from Glow on the web" });

export const oauthExchangeInput = z.object({
  code: z.string().min(16).max(128),
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, "A PKCE code verifier (43–128 characters)"),
});

export const accountOutput = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  roles: z.array(z.string()),
  /** What those roles grant, "action:entity:access": the UI's `can()` reads these. */
  permissions: z.array(z.string()),
  emailVerified: z.boolean(),
  hasPassword: z.boolean(),
  linkedProviders: z.array(z.enum(OAUTH_PROVIDER_IDS)),
  createdAt: z.date(),
});
export type Account = z.infer<typeof accountOutput>;

export const signedInOutput = z.object({
  account: accountOutput,
  /** Present only when `delivery: "token"` was asked for. */
  token: z.string().nullable(),
  expiresAt: z.date(),
});

export const sessionOutput = z.object({
  id: z.string(),
  current: z.boolean(),
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
});
