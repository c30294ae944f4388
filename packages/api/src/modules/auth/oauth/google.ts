import { decodeIdToken, Google } from "arctic";
import type { OAuthProviderDefinition } from "./definition.ts";

interface GoogleClaims {
  sub: string;
  name?: string;
  email?: string;
  email_verified?: boolean;
}

export const google = {
  id: "google",
  label: "Google",
  create({ clientId, clientSecret }, redirectUri) {
    const client = new Google(clientId, clientSecret, redirectUri);
    return {
      usesPkce: true,
      authorizationUrl: (state, codeVerifier) => client.createAuthorizationURL(state, codeVerifier, ["openid", "profile", "email"]),
      async finish(code, codeVerifier) {
        const tokens = await client.validateAuthorizationCode(code, codeVerifier);
        // The ID token comes straight from Google's token endpoint over TLS, so its
        // claims can be read without checking the signature (OpenID Connect 3.1.3.7).
        const claims = decodeIdToken(tokens.idToken()) as GoogleClaims;
        return {
          id: claims.sub,
          name: claims.name ?? claims.email ?? "Google user",
          email: claims.email && claims.email_verified ? claims.email : null,
        };
      },
    };
  },
} as const satisfies OAuthProviderDefinition;
