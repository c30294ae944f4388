// CPU time per request, from /proc (Linux): the server process's own, and that of the
// PostgreSQL backends serving it. Each server connects with an application_name of its own
// (BENCH_APP_NAMES), so its backends can be told apart from the other servers' and from the
// other work on a shared PostgreSQL. Row-level security is paid inside PostgreSQL, so the
// backends' share is where its cost shows; steal time counts in neither.
import { readFile } from "node:fs/promises";
import pg from "pg";

/** CPU seconds a process has used so far (user + system, all threads), or null (gone, or not Linux). */
export async function cpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** The same database URL, with connections named `applicationName` (pg_stat_activity.application_name). */
export function namedUrl(url: string, applicationName: string): string {
  const named = new URL(url);
  named.searchParams.set("application_name", applicationName);
  return named.toString();
}

export interface CpuSnapshot {
  node: number | null;
  /** CPU seconds so far of each backend (by pid) named for this server, or null when PostgreSQL's processes cannot be read. */
  database: Map<number, number> | null;
}

export interface CpuUse {
  nodeSeconds: number | null;
  databaseSeconds: number | null;
}

/** Reads the CPU of servers and their PostgreSQL backends, through one connection of its own. */
export class CpuMeter {
  #client: pg.Client;
  #local: boolean;

  private constructor(client: pg.Client, local: boolean) {
    this.#client = client;
    this.#local = local;
  }

  /** `databaseUrl`: the benchmark's database (its backends are only readable when PostgreSQL runs on this machine). */
  static async open(databaseUrl: string): Promise<CpuMeter> {
    const client = new pg.Client({ connectionString: namedUrl(databaseUrl, "bench-meter") });
    await client.connect();
    // A backend's pid is only this machine's process when the server is local.
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const local =
      (await cpuSeconds(rows[0]!.pid)) !== null && ["127.0.0.1", "localhost", "::1", ""].includes(new URL(databaseUrl).hostname);
    return new CpuMeter(client, local);
  }

  async snapshot(pid: number, applicationName: string): Promise<CpuSnapshot> {
    const node = await cpuSeconds(pid);
    if (!this.#local) return { node, database: null };
    const { rows } = await this.#client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
      [applicationName],
    );
    const database = new Map<number, number>();
    for (const row of rows) {
      const seconds = await cpuSeconds(row.pid);
      if (seconds !== null) database.set(row.pid, seconds);
    }
    return { node, database };
  }

  /**
   * CPU used between two snapshots. A backend that started in between counts from zero (its
   * start-up is part of the cost); one that ended in between is lost, which the pools' idle
   * timeout (10 s) makes rare while they are under load.
   */
  static between(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
    const nodeSeconds = before.node === null || after.node === null ? null : after.node - before.node;
    let databaseSeconds: number | null = null;
    if (before.database && after.database) {
      databaseSeconds = 0;
      for (const [pid, seconds] of after.database) databaseSeconds += seconds - (before.database.get(pid) ?? 0);
    }
    return { nodeSeconds, databaseSeconds };
  }

  async close(): Promise<void> {
    await this.#client.end();
  }
}
