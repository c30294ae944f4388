// OAuth sign-in providers. Each is one file that wraps Arctic's client for that provider
// and reads the user's profile; adding a provider is adding a file and a line below.
import { github } from "./github.ts";
import { google } from "./google.ts";
import { tiktok } from "./tiktok.ts";
import type { OAuthClient, OAuthConfig, OAuthProviderDefinition } from "./definition.ts";

export type { OAuthClient, OAuthConfig, OAuthProfile, OAuthProviderDefinition, ProviderCredentials } from "./definition.ts";

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
