// The sandbox platform's pages over real HTTP: the consent page a newcomer sees when connecting
// the sandbox account, its Allow/Deny answers back to the web app, and the published post's page.
import { personCalling } from "@glow/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxPlatform } from "@glow/api";
import { ALLOWED_ORIGIN, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
let orgId: string;
let owner: Awaited<ReturnType<typeof personCalling>>;

beforeAll(async () => {
  server = await startTestServer({ sandboxPlatform: true, workers: false, webUrl: ALLOWED_ORIGIN });
  owner = await personCalling(server.services, "sandbox-page-owner");
  orgId = (await server.database.db.organization.create({ data: { name: "Sandbox Studio", slug: "sandbox-studio" } })).id;
  await server.database.db.orgMembership.create({ data: { orgId, userId: owner.id, role: "owner" } });
});
afterAll(() => server.close());

async function authorizeUrl(): Promise<URL> {
  const { authorizeUrl: url } = await owner.call.publish.accounts.connect({ orgId, platform: "sandbox" });
  return new URL(url);
}

function answer(url: URL, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url, ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

describe("the sandbox platform's pages", () => {
  it("asks to connect, and Allow lands on the web app with a code that connects the account", async () => {
    const url = await authorizeUrl();
    expect(url.origin).toBe(server.url);
    const consent = await fetch(url);
    expect(consent.status).toBe(200);
    const html = await consent.text();
    expect(html).toContain("Glow Sandbox wants to connect");
    expect(html).toMatch(/>Allow</);
    expect(html).toMatch(/>Deny</);
    expect(consent.headers.get("content-security-policy")).toContain(`form-action 'self' ${ALLOWED_ORIGIN}`);

    const allowed = await answer(url, { handle: "studio_one", decision: "allow" });
    expect(allowed.status).toBe(303);
    const back = new URL(allowed.headers.get("location")!);
    expect(back.origin + back.pathname).toBe(`${ALLOWED_ORIGIN}/publish/connected`);
    expect(back.searchParams.get("state")).toBe(url.searchParams.get("state"));
    const account = await owner.call.publish.accounts.completeConnect({
      state: back.searchParams.get("state")!,
      code: back.searchParams.get("code")!,
    });
    expect(account).toMatchObject({ platform: "sandbox", handle: "studio_one", status: "active" });

    // What the sandbox publishes has a page on this server, the text escaped.
    const sandbox = sandboxPlatform(server.services.platforms)!;
    const tokens = sandbox.mintTokens({ externalId: "sbx_page", handle: "page", displayName: "Page" });
    const post = await sandbox.publish(
      tokens.accessToken,
      { externalId: "sbx_page", handle: "page", displayName: "Page" },
      {
        text: "Hello <b>world</b>",
        media: [],
        idempotencyKey: "page-1",
      },
    );
    const shown = await fetch(post.url);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("Hello &lt;b&gt;world&lt;/b&gt;");
    expect((await fetch(`${server.url}/publish/sandbox/posts/sbxp_0000`)).status).toBe(404);
  });

  it("sends Deny back as access_denied, with no code", async () => {
    const denied = await answer(await authorizeUrl(), { decision: "deny" });
    expect(denied.status).toBe(303);
    const back = new URL(denied.headers.get("location")!);
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.has("code")).toBe(false);
  });

  it("refuses a redirect elsewhere than Glow's, a bad handle, and a cross-site answer", async () => {
    const url = await authorizeUrl();
    const elsewhere = new URL(url);
    elsewhere.searchParams.set("redirect_uri", "https://evil.example/steal");
    expect((await fetch(elsewhere)).status).toBe(400);
    const stolen = await answer(elsewhere, { handle: "x", decision: "allow" });
    expect(stolen.status).toBe(400);
    expect(stolen.headers.get("location")).toBeNull();

    expect((await answer(url, { handle: "<script>", decision: "allow" })).status).toBe(400);
    const crossSite = await answer(url, { handle: "studio", decision: "allow" }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("location")).toBeNull();
  });
});
