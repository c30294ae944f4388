// What an OAuth provider file implements; the provider files and the registry in
// providers.ts both import it, and it imports nothing of theirs.
export interface ProviderCredentials {
  clientId: string;
  clientSecret: string;
}

/** Credentials per provider id; a provider without credentials is not offered. */
export type OAuthConfig = Partial<Record<string, ProviderCredentials>>;

export interface OAuthProfile {
  /** The provider's stable id for the user. */
  id: string;
  name: string;
  /** Only an email the provider says is verified. */
  email: string | null;
}

export interface OAuthClient {
  /** Whether the provider takes a PKCE code verifier. */
  readonly usesPkce: boolean;
  authorizationUrl(state: string, codeVerifier: string): URL;
  /** Exchanges the code and reads the profile. */
  finish(code: string, codeVerifier: string): Promise<OAuthProfile>;
}

export interface OAuthProviderDefinition {
  id: string;
  label: string;
  create(credentials: ProviderCredentials, redirectUri: string): OAuthClient;
}

/** GET a JSON document with a bearer token; throws with the status on failure. */
export async function fetchJson<T>(url: string, accessToken: string): Promise<T> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json", "user-agent": "Glow" },
  });
  if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
  return (await response.json()) as T;
}
