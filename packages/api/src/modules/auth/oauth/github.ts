import { GitHub } from "arctic";
import { fetchJson, type OAuthProviderDefinition } from "./definition.ts";

interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
}
interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

// GitHub's OAuth apps take no PKCE; the state parameter protects the flow.
export const github = {
  id: "github",
  label: "GitHub",
  create({ clientId, clientSecret }, redirectUri) {
    const client = new GitHub(clientId, clientSecret, redirectUri);
    return {
      usesPkce: false,
      authorizationUrl: (state) => client.createAuthorizationURL(state, ["read:user", "user:email"]),
      async finish(code) {
        const tokens = await client.validateAuthorizationCode(code);
        const accessToken = tokens.accessToken();
        const user = await fetchJson<GitHubUser>("https://api.github.com/user", accessToken);
        const emails = await fetchJson<GitHubEmail[]>("https://api.github.com/user/emails", accessToken);
        const email = emails.find((e) => e.primary && e.verified)?.email ?? null;
        return { id: String(user.id), name: user.name ?? user.login, email };
      },
    };
  },
} as const satisfies OAuthProviderDefinition;
