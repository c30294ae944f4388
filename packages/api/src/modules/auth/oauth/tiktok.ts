import { TikTok } from "arctic";
import { fetchJson, type OAuthProviderDefinition } from "./definition.ts";

interface TikTokUserInfo {
  data: { user: { open_id: string; display_name?: string } };
}

// TikTok Login Kit with PKCE (seed 000). TikTok shares no email address.
export const tiktok = {
  id: "tiktok",
  label: "TikTok",
  create({ clientId, clientSecret }, redirectUri) {
    const client = new TikTok(clientId, clientSecret, redirectUri);
    return {
      usesPkce: true,
      authorizationUrl: (state, codeVerifier) => client.createAuthorizationURL(state, codeVerifier, ["user.info.basic"]),
      async finish(code, codeVerifier) {
        const tokens = await client.validateAuthorizationCode(code, codeVerifier);
        const info = await fetchJson<TikTokUserInfo>(
          "https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name",
          tokens.accessToken(),
        );
        return { id: info.data.user.open_id, name: info.data.user.display_name ?? "TikTok user", email: null };
      },
    };
  },
} as const satisfies OAuthProviderDefinition;
