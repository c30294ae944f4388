// OAuth sign-in providers. Each is one file that wraps Arctic's client for that provider
// and reads the user's profile; adding a provider is adding a file and a line below.
import { github } from "./github.ts";
import { google } from "./google.ts";
import { tiktok } from "./tiktok.ts";

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

export const OAUTH_PROVIDERS = [tiktok, google, github] as const satisfies readonly OAuthProviderDefinition[];
export type OAuthProviderId = (typeof OAUTH_PROVIDERS)[number]["id"];
export const OAUTH_PROVIDER_IDS = OAUTH_PROVIDERS.map((provider) => provider.id) as [OAuthProviderId, ...OAuthProviderId[]];

export interface OAuthProviders {
  /** The configured providers, for sign-in buttons. */
  enabled(): Array<{ id: OAuthProviderId; label: string }>;
  /** The provider's client, or null when it is not configured. */
  client(id: OAuthProviderId): OAuthClient | null;
  redirectUri(id: OAuthProviderId): string;
}

export function createOAuthProviders(config: OAuthConfig, publicUrl: string): OAuthProviders {
  const redirectUri = (id: string) => `${publicUrl.replace(/\/+$/, "")}/auth/oauth/${id}/callback`;
  const clients = new Map<string, OAuthClient>();
  for (const provider of OAUTH_PROVIDERS) {
    const credentials = config[provider.id];
    if (credentials) clients.set(provider.id, provider.create(credentials, redirectUri(provider.id)));
  }
  return {
    enabled: () => OAUTH_PROVIDERS.filter((p) => clients.has(p.id)).map((p) => ({ id: p.id, label: p.label })),
    client: (id) => clients.get(id) ?? null,
    redirectUri,
  };
}

/** GET a JSON document with a bearer token; throws with the status on failure. */
export async function fetchJson<T>(url: string, accessToken: string): Promise<T> {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/json", "user-agent": "Glow" },
  });
  if (!response.ok) throw new Error(`${new URL(url).host} answered ${response.status}`);
  return (await response.json()) as T;
}
