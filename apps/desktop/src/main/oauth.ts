// Sign-in with a provider for a native app (RFC 8252): the system browser does the
// provider's part, the server sends it back to glow://auth/callback with a one-time code,
// and main trades that code for a session token with the PKCE verifier only it holds. A
// code that reaches the app by any other way (a link on a web page) is useless without it.
import { createHash, randomBytes } from "node:crypto";
import { createGlowClient, OAUTH_UNKNOWN_ERROR, oauthErrorMessage, TRPCClientError } from "@glow/api/client";
import type { SignInResult } from "../shared/bridge.ts";
import { parseDeepLink } from "./deep-link.ts";
import type { Fetch } from "./server-fetch.ts";
import type { SettingsStore } from "./settings.ts";
import type { TokenStore } from "./token-store.ts";

/** The server keeps its side of the sign-in (state, verifier) for 10 minutes. */
export const OAUTH_TIMEOUT_MS = 10 * 60 * 1000;
const PROVIDER_SHAPE = /^[a-z][a-z0-9-]{1,29}$/;

export interface PkcePair {
  /** 43 characters of base64url: 32 random bytes. */
  verifier: string;
  /** S256: base64url(SHA-256(verifier)). */
  challenge: string;
}

export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

interface Pending {
  serverUrl: string;
  verifier: string;
  timer: ReturnType<typeof setTimeout>;
  finish(result: SignInResult): void;
}

export interface ProviderSignIn {
  /** Opens the provider's sign-in in the browser; resolves once the app is called back (or not). */
  start(provider: unknown): Promise<SignInResult>;
  /** A glow:// link from the OS. Resolves true when it finished a pending sign-in. */
  handleDeepLink(url: unknown): Promise<boolean>;
  cancel(): void;
}

function failure(error: string): SignInResult {
  return { ok: false, error, fieldErrors: {} };
}

function serverError(error: unknown, serverUrl: string): SignInResult {
  if (error instanceof TRPCClientError && error.data) return failure(error.message);
  return failure(`Could not reach the Glow server at ${serverUrl}`);
}

export function createProviderSignIn(deps: {
  settings: Pick<SettingsStore, "serverUrl">;
  tokens: TokenStore;
  fetch: Fetch;
  /** shell.openExternal in the app. */
  openExternal(url: string): Promise<void>;
  timeoutMs?: number;
}): ProviderSignIn {
  let pending: Pending | null = null;
  const client = (serverUrl: string, token?: string) =>
    createGlowClient({ url: serverUrl, fetch: deps.fetch, ...(token ? { token } : {}) });

  async function exchange(current: Pending, code: string): Promise<SignInResult> {
    if ((await deps.settings.serverUrl()) !== current.serverUrl)
      return failure("The server changed while you were signing in. Please sign in again.");
    const previous = await deps.tokens.read();
    // As with a password: a previous session on this server goes along, and the server ends it.
    const previousToken = previous?.serverUrl === current.serverUrl ? previous.token : undefined;
    try {
      const signedIn = await client(current.serverUrl, previousToken).auth.oauth.exchange.mutate({ code, codeVerifier: current.verifier });
      if (!signedIn.token) return failure("The server did not hand out a session token");
      await deps.tokens.save({ serverUrl: current.serverUrl, token: signedIn.token });
      return { ok: true, account: signedIn.account };
    } catch (error) {
      return serverError(error, current.serverUrl);
    }
  }

  return {
    async start(provider) {
      if (typeof provider !== "string" || !PROVIDER_SHAPE.test(provider)) return failure("Choose a sign-in provider");
      // One sign-in at a time: a newer one replaces an abandoned one.
      pending?.finish(failure("Another sign-in was started"));
      const serverUrl = await deps.settings.serverUrl();
      const { verifier, challenge } = createPkcePair();
      let url: string;
      try {
        ({ url } = await client(serverUrl).auth.oauth.start.mutate({
          provider: provider as never,
          client: "desktop",
          codeChallenge: challenge,
        }));
      } catch (error) {
        return serverError(error, serverUrl);
      }
      const parsed = new URL(url);
      if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
        return failure("The server sent a sign-in address the app will not open");
      return new Promise<SignInResult>((resolve) => {
        const current: Pending = {
          serverUrl,
          verifier,
          timer: setTimeout(() => current.finish(failure("Sign-in timed out. Please try again.")), deps.timeoutMs ?? OAUTH_TIMEOUT_MS),
          finish(result) {
            clearTimeout(current.timer);
            if (pending === current) pending = null;
            resolve(result);
          },
        };
        current.timer.unref?.();
        pending = current;
        deps.openExternal(parsed.toString()).catch(() => current.finish(failure("Could not open the browser")));
      });
    },

    async handleDeepLink(url) {
      const link = parseDeepLink(url);
      const current = pending;
      if (!link || !current) return false;
      // Taken now: a second link for the same sign-in finds nothing to finish, and no timeout ends it mid-exchange.
      pending = null;
      clearTimeout(current.timer);
      // The server sends an error code; only its wording is shown, never the link's own text.
      current.finish(
        link.kind === "oauth-error" ? failure(oauthErrorMessage(link.error) ?? OAUTH_UNKNOWN_ERROR) : await exchange(current, link.code),
      );
      return true;
    },

    cancel() {
      pending?.finish(failure("Sign-in was cancelled"));
    },
  };
}
