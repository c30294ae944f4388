import { randomUUID } from "node:crypto";
import { callTrpc, sessionCookieFrom } from "../testing.ts";

export const PASSWORD = "sunflower-violin-42";

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** Signs up a new user over HTTP and returns their bearer token. */
export async function registerUser(baseUrl: string, label = "user"): Promise<TestUser> {
  const email = uniqueEmail(label);
  const response = await callTrpc(baseUrl, "auth.register", {
    type: "mutation",
    input: { email, password: PASSWORD, name: label, delivery: "token" },
  });
  if (response.status !== 200) throw new Error(`register failed: ${JSON.stringify(response.error)}`);
  const data = response.data as { token: string; account: { id: string } };
  return { id: data.account.id, email, token: data.token };
}

export async function loginWithCookie(baseUrl: string, email: string, extra: { cookie?: string; origin?: string } = {}) {
  const response = await callTrpc(baseUrl, "auth.login", { type: "mutation", input: { email, password: PASSWORD }, ...extra });
  return { response, cookie: sessionCookieFrom(response.headers) };
}

export async function loginWithToken(baseUrl: string, email: string, password = PASSWORD): Promise<string> {
  const response = await callTrpc(baseUrl, "auth.login", { type: "mutation", input: { email, password, delivery: "token" } });
  if (response.status !== 200) throw new Error(`login failed: ${JSON.stringify(response.error)}`);
  return (response.data as { token: string }).token;
}
