// The bare baseline: a plain node:http server answering the same reads with the same data
// queries through pg, with no framework, validation, logging or rate limiting. Auth is a
// lookup in memory, as Glow's warm session cache is.
//
// coach.programs.current runs Glow's own SQL three ways: as Glow does (the tenant role, the
// organization's setting and the statement in one message, so row-level security applies),
// as the tables' owner with the same message (policies skipped), and as the owner with the
// plain query (no setting, no policies): the cost of row-level security, split.
import http from "node:http";
import { tenantDatabaseUrl, tenantStatement } from "@glow/db";
import pg from "pg";
import { CURRENT_PROGRAM_SQL } from "../../packages/api/src/modules/coach/programs.ts";
import { calendarSql, calendarView, type CalendarRow } from "../../packages/api/src/modules/publish/calendar.ts";
import { localDayRange } from "../../packages/api/src/modules/publish/scheduling.ts";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const tenantPool = new pg.Pool({ connectionString: tenantDatabaseUrl(process.env.DATABASE_URL!), max: 10 });
const users = new Map<string, string>([
  [process.env.BENCH_TOKEN!, process.env.BENCH_USER_ID!],
  [process.env.BENCH_COACH_TOKEN!, process.env.BENCH_COACH_USER_ID!],
]);
const ORG_ID = process.env.BENCH_ORG_ID!;
if (!/^[0-9a-f-]{36}$/.test(ORG_ID)) throw new Error("BENCH_ORG_ID is not a uuid");
const today = () => new Date().toISOString().slice(0, 10);

// Today's plan with each step's progress, as Glow's reset.plan.today reads it.
const PLAN_SQL = `
  SELECT p.id, p.date, p.day, p.source,
    json_agg(json_build_object('step', s.step, 'title', s.title, 'description', s.description, 'target', s.target, 'completedAt', s.completed_at) ORDER BY s.position) AS steps,
    (SELECT count(*)::int FROM creator_blocks b WHERE b.user_id = $1 AND b.created_at >= $2::date AND b.created_at < $2::date + 1) AS blocked,
    (SELECT count(*)::int FROM video_watches w WHERE w.user_id = $1 AND w.watched_on = $2::date) AS watched,
    (SELECT count(DISTINCT e.properties->>'videoId')::int FROM analytics_events e
      WHERE e.user_id = $1 AND e.name = 'favorite_rewatched' AND e.created_at >= $2::date AND e.created_at < $2::date + 1) AS rewatched
  FROM plans p JOIN plan_steps s ON s.plan_id = p.id
  WHERE p.user_id = $1 AND p.date = $2 GROUP BY p.id`;

const VIDEOS_SQL = `
  SELECT v.id, v.title, v.url, v.thumbnail_url, v.duration_seconds, v.category_id, c.handle, c.display_name,
    EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = $1 AND f.video_id = v.id) AS is_favorite
  FROM curated_videos v JOIN creators c ON c.id = v.creator_id
  WHERE v.category_id IN (SELECT category_id FROM user_categories WHERE user_id = $1)
    AND v.archived_at IS NULL AND c.archived_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM creator_blocks b WHERE b.user_id = $1 AND b.creator_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM video_watches w WHERE w.user_id = $1 AND w.video_id = v.id AND w.watched_on = $2)
  ORDER BY v.id LIMIT 11`;

interface ProgramRow {
  id: string;
  client_id: string;
  assessment_id: string;
  status: string;
  title: string;
  weeks: number;
  reason: string | null;
  created_at: Date;
  sessions: unknown;
}

/** The program in coach.programs.current's shape. */
const programBody = (row: ProgramRow | undefined) =>
  row
    ? {
        id: row.id,
        clientId: row.client_id,
        assessmentId: row.assessment_id,
        status: row.status,
        title: row.title,
        weeks: row.weeks,
        reason: row.reason,
        createdAt: row.created_at,
        sessions: row.sessions,
      }
    : null;

// As Glow's tenant.query sends it (@glow/db tenantStatement): the setting and the statement in one message.
async function withSetting(from: pg.Pool, userId: string): Promise<ProgramRow | undefined> {
  const results = (await from.query(tenantStatement(ORG_ID, CURRENT_PROGRAM_SQL, [userId]))) as unknown as Array<
    pg.QueryResult<ProgramRow>
  >;
  return results[1]!.rows[0];
}

const PROGRAM_READS: Record<string, (userId: string) => Promise<ProgramRow | undefined>> = {
  "/coach/program": (userId) => withSetting(tenantPool, userId),
  "/coach/program/owner-transaction": (userId) => withSetting(pool, userId),
  "/coach/program/no-rls": async (userId) => (await pool.query<ProgramRow>(CURRENT_PROGRAM_SQL, [userId])).rows[0],
};

// publish.calendar: Glow's own statement, sent as Glow's tenant.query sends it, shaped as Glow answers.
const CALENDAR = JSON.parse(process.env.BENCH_CALENDAR!) as { from: string; to: string; timeZone: string };
async function calendarBody(): Promise<unknown> {
  const { start, end } = localDayRange(CALENDAR.from, CALENDAR.to, CALENDAR.timeZone);
  const results = (await tenantPool.query(
    tenantStatement(ORG_ID, calendarSql(start, end, CALENDAR.timeZone), [ORG_ID]),
  )) as unknown as Array<pg.QueryResult<CalendarRow>>;
  return calendarView(results[1]!.rows, CALENDAR.timeZone);
}

const server = http.createServer(async (req, res) => {
  const userId = users.get((req.headers.authorization ?? "").slice("Bearer ".length));
  if (!userId) return void res.writeHead(401).end();
  if (req.url === "/publish/calendar") {
    try {
      const body = await calendarBody();
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify(body));
    } catch (error) {
      return void res.writeHead(500).end(String(error));
    }
  }
  const programRead = PROGRAM_READS[req.url ?? ""];
  if (programRead) {
    try {
      const body = programBody(await programRead(userId));
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(JSON.stringify(body));
    } catch (error) {
      return void res.writeHead(500).end(String(error));
    }
  }
  const sql = req.url === "/plan/today" ? PLAN_SQL : req.url === "/videos/curated" ? VIDEOS_SQL : null;
  if (!sql) return void res.writeHead(404).end();
  try {
    const { rows } = await pool.query(sql, [userId, today()]);
    const body =
      req.url === "/plan/today" ? (rows[0] ?? null) : { items: rows.slice(0, 10), nextCursor: rows.length > 10 ? rows[9].id : null };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("listening\n"));
process.on("SIGTERM", () => server.close(() => Promise.all([pool.end(), tenantPool.end()]).then(() => process.exit(0))));
