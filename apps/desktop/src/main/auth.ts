// Sign-in and sign-out, done by the main process so that the session token never reaches
// the renderer: the renderer sends the email and password and gets the account back.
import { createGlowClient, TRPCClientError, type RouterOutputs } from "@glow/api/client";
import type { AuthStatus, SignInResult, SignOutResult } from "../shared/bridge.ts";
import type { Fetch } from "./server-fetch.ts";
import type { SettingsStore } from "./settings.ts";
import type { TokenStore } from "./token-store.ts";

export interface Auth {
  status(): Promise<AuthStatus>;
  signIn(email: unknown, password: unknown): Promise<SignInResult>;
  signOut(): Promise<SignOutResult>;
  /** Signs out of the previous server when the user switches servers. */
  serverChanged(serverUrl: string): Promise<void>;
}

/** Longer inputs are refused before they reach the network (the server's own limits are lower). */
const MAX_INPUT_LENGTH = 1_024;

type FieldErrors = Record<string, string[]>;

function failure(error: unknown, serverUrl: string): { error: string; fieldErrors: FieldErrors } {
  if (error instanceof TRPCClientError && error.data) {
    const fieldErrors = (error.data as { fieldErrors?: FieldErrors | null }).fieldErrors ?? {};
    return { error: error.message, fieldErrors };
  }
  // No tRPC answer at all: the server is down, unreachable, slow or not a Glow server.
  return { error: `Could not reach the Glow server at ${serverUrl}`, fieldErrors: {} };
}

export function createAuth(deps: { settings: Pick<SettingsStore, "serverUrl">; tokens: TokenStore; fetch: Fetch }): Auth {
  const client = (serverUrl: string, token?: string) =>
    createGlowClient({ url: serverUrl, fetch: deps.fetch, ...(token ? { token } : {}) });

  async function signOut(): Promise<SignOutResult> {
    const session = await deps.tokens.read();
    // Wiped before the server is asked, so no request can use the token from here on and a
    // slow or unreachable server cannot keep it alive on this computer.
    await deps.tokens.wipe();
    if (!session) return { endedOnServer: true };
    try {
      await client(session.serverUrl, session.token).auth.logout.mutate();
      return { endedOnServer: true };
    } catch (error) {
      console.warn("Signed out locally; the server could not end the session:", failure(error, session.serverUrl).error);
      return { endedOnServer: false };
    }
  }

  return {
    async status() {
      const [serverUrl, session, tokenStorage] = await Promise.all([deps.settings.serverUrl(), deps.tokens.read(), deps.tokens.storage()]);
      return { tokenStored: session?.serverUrl === serverUrl, tokenStorage };
    },

    async signIn(email, password) {
      if (
        typeof email !== "string" ||
        typeof password !== "string" ||
        email.length > MAX_INPUT_LENGTH ||
        password.length > MAX_INPUT_LENGTH
      ) {
        return { ok: false, error: "Enter your email and password", fieldErrors: {} };
      }
      const serverUrl = await deps.settings.serverUrl();
      const previous = await deps.tokens.read();
      // A previous session on this server goes along: the server ends it as it signs in (no session fixation).
      const previousToken = previous?.serverUrl === serverUrl ? previous.token : undefined;
      let signedIn: RouterOutputs["auth"]["login"];
      try {
        signedIn = await client(serverUrl, previousToken).auth.login.mutate({ email, password, delivery: "token" });
      } catch (error) {
        return { ok: false, ...failure(error, serverUrl) };
      }
      if (!signedIn.token) return { ok: false, error: "The server did not hand out a session token", fieldErrors: {} };
      await deps.tokens.save({ serverUrl, token: signedIn.token });
      return { ok: true, account: signedIn.account };
    },

    signOut,

    async serverChanged(serverUrl) {
      const session = await deps.tokens.read();
      if (session && session.serverUrl !== serverUrl) await signOut();
    },
  };
}
