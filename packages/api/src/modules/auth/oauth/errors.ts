// Why a provider sign-in did not finish. The server sends only a code (in /sign-in?error= or
// glow://auth/callback?error=); the apps show the message for a known code and a generic one
// otherwise, so a crafted link cannot put words of its choosing on Glow's sign-in screen.

export const OAUTH_ERROR_MESSAGES = {
  oauth_cancelled: "Sign-in was cancelled at the provider.",
  oauth_expired: "This sign-in link has expired or was already used. Please try again.",
  oauth_failed: "The provider did not confirm the sign-in. Please try again.",
  oauth_unavailable: "Sign-in with this provider is not set up on this server.",
  state_mismatch: "This sign-in was started in another browser, or too long ago. Please start it again here.",
  link_mismatch:
    "Linking has to finish in the browser, signed in as the same account, that started it. Please link again from your settings.",
  account_exists: "An account with this email already exists. Sign in with your password, then link the provider in your account settings.",
  deactivated: "This account has been deactivated.",
  already_linked: "That account is already linked to another Glow account.",
  provider_already_linked: "Your Glow account is already linked to another account at this provider.",
} as const satisfies Record<string, string>;

export type OAuthErrorCode = keyof typeof OAUTH_ERROR_MESSAGES;

export const OAUTH_UNKNOWN_ERROR = "Sign-in did not finish. Please try again.";

/** The message for an error code from a callback link; null when there is none. */
export function oauthErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return Object.hasOwn(OAUTH_ERROR_MESSAGES, code) ? OAUTH_ERROR_MESSAGES[code as OAuthErrorCode] : OAUTH_UNKNOWN_ERROR;
}
