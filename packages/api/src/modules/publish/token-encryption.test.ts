// Social platforms' tokens at rest: after connecting accounts for real (X's fake and the
// sandbox), no table of the database holds a token in the clear; a wrong key or column does not
// decrypt; and a key rotation is finished by the re-encryption job.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { generateTokenKey, TokenCipher, type TokenKey } from "../../core/secrets.ts";
import { createTestServices, personCalling } from "../../testing.ts";
import { startFakeX } from "../../testing/platforms/x.ts";
import { ensureMembership, ensureOrganization } from "../coach/demo.ts";
import { reencryptTokens, reencryptTokensJob } from "./accounts.jobs.ts";
import { ACCESS_TOKEN_CONTEXT, connectedAccount, REFRESH_TOKEN_CONTEXT } from "./accounts.ts";
import { Platforms } from "./platforms/registry.ts";
import { SandboxPlatform } from "./platforms/sandbox.ts";
import { XPlatform } from "./platforms/x.ts";

let database: TestDatabase;
let services: AppServices;
let fake: Awaited<ReturnType<typeof startFakeX>>;
let sandbox: SandboxPlatform;
let oldKey: TokenKey;
let orgId: string;
/** The tokens the platforms issued, as the accounts' rows hold them decrypted. */
let plaintexts: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeX();
  sandbox = new SandboxPlatform({ publicUrl: "http://127.0.0.1:3000", secret: "encryption-test" });
  oldKey = generateTokenKey("k2026a");
  services = {
    ...createTestServices(database.db, { platforms: new Platforms([sandbox, new XPlatform(fake.credentials)]) }),
    secrets: new TokenCipher([oldKey]),
  };
  const owner = await personCalling(services, "enc-owner");
  orgId = await ensureOrganization(database.db, { slug: "enc-org", name: "Sealed" });
  await ensureMembership(database.db, orgId, owner.id, "owner");

  const x = await owner.call.publish.accounts.connect({ orgId, platform: "x" });
  await owner.call.publish.accounts.completeConnect(await fake.approve(new URL(x.authorizeUrl)));
  const sbx = await owner.call.publish.accounts.connect({ orgId, platform: "sandbox" });
  const back = sandbox.consent(new URL(sbx.authorizeUrl).searchParams, { allow: true, handle: "sealed" })!;
  await owner.call.publish.accounts.completeConnect({ state: back.searchParams.get("state")!, code: back.searchParams.get("code")! });

  const rows = await database.db.publishAccount.findMany({ where: { orgId } });
  if (rows.length !== 2) throw new Error(`Expected two connected accounts, found ${rows.length}`);
  plaintexts = rows.flatMap((row) => [
    services.secrets.decrypt(row.accessToken, ACCESS_TOKEN_CONTEXT),
    services.secrets.decrypt(row.refreshToken!, REFRESH_TOKEN_CONTEXT),
  ]);
});
afterAll(async () => {
  await fake.close();
  await services.jobs.stop();
  await database.drop();
});

/** Every row of every table in the database (every schema, the job queue's too), as text. */
async function everyRowAsText(): Promise<Array<{ table: string; text: string }>> {
  const tables = await database.db.$queryRawUnsafe<Array<{ schemaname: string; relname: string }>>(
    "SELECT schemaname::text AS schemaname, relname::text AS relname FROM pg_stat_user_tables ORDER BY 1, 2",
  );
  expect(tables.length).toBeGreaterThan(20);
  const rows: Array<{ table: string; text: string }> = [];
  for (const { schemaname, relname } of tables) {
    const name = `"${schemaname.replaceAll('"', '""')}"."${relname.replaceAll('"', '""')}"`;
    const found = await database.db.$queryRawUnsafe<Array<{ text: string }>>(`SELECT t::text AS text FROM ${name} t`);
    rows.push(...found.map((row) => ({ table: name, text: row.text })));
  }
  return rows;
}

describe("tokens at rest", () => {
  it("are real tokens the platforms accept, held only as AES-GCM ciphertext", async () => {
    expect(plaintexts).toHaveLength(4);
    for (const token of plaintexts) expect(token.length).toBeGreaterThan(15);
    const x = (await database.db.publishAccount.findMany({ where: { orgId, platform: "x" } }))[0]!;
    const usable = await connectedAccount(services, x);
    await expect(usable.platform.profile(usable.accessToken)).resolves.toMatchObject({ handle: "glow_fake" });

    const columns = await database.db.$queryRawUnsafe<Array<{ text: string }>>(
      "SELECT row_to_json(a)::text AS text FROM publish_accounts a",
    );
    expect(columns).toHaveLength(2);
    for (const { text } of columns) {
      for (const token of plaintexts) expect(text).not.toContain(token);
      expect(text).toMatch(/"access_token":"gcm1:k2026a:/);
    }
  });

  it("appear nowhere in the database in the clear (a dump holds no usable token)", async () => {
    const rows = await everyRowAsText();
    expect(rows.some((row) => row.table.endsWith('"publish_accounts"'))).toBe(true);
    const leaks = rows.filter((row) => plaintexts.some((token) => row.text.includes(token)));
    expect(leaks.map((leak) => leak.table)).toEqual([]);
    // Nor the signature part of the sandbox's signed tokens on its own.
    const sandboxSignatures = plaintexts.filter((token) => token.startsWith("sbx_")).map((token) => token.split(".")[2]!);
    expect(sandboxSignatures).toHaveLength(2);
    expect(rows.filter((row) => sandboxSignatures.some((part) => row.text.includes(part)))).toEqual([]);
  });

  it("do not decrypt with another key of the same id, nor in the other column", async () => {
    const row = (await database.db.publishAccount.findMany({ where: { orgId } }))[0]!;
    const impostor = new TokenCipher([generateTokenKey("k2026a")]);
    expect(() => impostor.decrypt(row.accessToken, ACCESS_TOKEN_CONTEXT)).toThrow();
    expect(() => new TokenCipher([generateTokenKey("other")]).decrypt(row.accessToken, ACCESS_TOKEN_CONTEXT)).toThrow(/not configured/);
    expect(() => services.secrets.decrypt(row.accessToken, REFRESH_TOKEN_CONTEXT)).toThrow();
    const tampered = `${row.accessToken.slice(0, -4)}${row.accessToken.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    expect(() => services.secrets.decrypt(tampered, ACCESS_TOKEN_CONTEXT)).toThrow();
  });

  it("are re-encrypted with a new key by the job after a rotation, old keys decrypting meanwhile", async () => {
    const newKey = generateTokenKey("k2026b");
    const rotated: AppServices = { ...services, secrets: new TokenCipher([newKey, oldKey]) };
    const before = await database.db.publishAccount.findMany({ where: { orgId }, orderBy: { id: "asc" } });
    // Both keys decrypt during the rotation: accounts keep working.
    for (const row of before) {
      expect(rotated.secrets.needsRotation(row.accessToken)).toBe(true);
      expect(plaintexts).toContain(rotated.secrets.decrypt(row.accessToken, ACCESS_TOKEN_CONTEXT));
    }
    await expect(connectedAccount(rotated, before[0]!)).resolves.toMatchObject({ accessToken: expect.any(String) });

    await reencryptTokensJob.run({}, rotated, {
      id: "t",
      queue: reencryptTokensJob.queue,
      attempt: 1,
      signal: new AbortController().signal,
    });
    const after = await database.db.publishAccount.findMany({ where: { orgId }, orderBy: { id: "asc" } });
    const onlyNew = new TokenCipher([newKey]);
    for (const [index, row] of after.entries()) {
      expect(onlyNew.keyIdOf(row.accessToken)).toBe("k2026b");
      expect(onlyNew.keyIdOf(row.refreshToken!)).toBe("k2026b");
      expect(onlyNew.decrypt(row.accessToken, ACCESS_TOKEN_CONTEXT)).toBe(
        rotated.secrets.decrypt(before[index]!.accessToken, ACCESS_TOKEN_CONTEXT),
      );
      expect(onlyNew.decrypt(row.refreshToken!, REFRESH_TOKEN_CONTEXT)).toBe(
        rotated.secrets.decrypt(before[index]!.refreshToken!, REFRESH_TOKEN_CONTEXT),
      );
      expect(() => new TokenCipher([oldKey]).decrypt(row.accessToken, ACCESS_TOKEN_CONTEXT)).toThrow(/not configured/);
    }
    // Nothing is left to rewrite.
    expect(await reencryptTokens(rotated)).toEqual({ rewritten: 0 });
    // The old key can go: the new one alone runs the accounts.
    const retired: AppServices = { ...services, secrets: onlyNew };
    const usable = await connectedAccount(
      retired,
      after.find((row) => row.platform === "x")!,
    );
    await expect(usable.platform.profile(usable.accessToken)).resolves.toMatchObject({ handle: "glow_fake" });
  });
});
