// The bare baseline: a plain node:http server answering the same two reads with the same
// data queries through pg, with no framework, validation, logging or rate limiting.
// Auth is a lookup in memory, as Glow's warm session cache is.
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const users = new Map<string, string>([[process.env.BENCH_TOKEN!, process.env.BENCH_USER_ID!]]);
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

const server = http.createServer(async (req, res) => {
  const userId = users.get((req.headers.authorization ?? "").slice("Bearer ".length));
  if (!userId) return void res.writeHead(401).end();
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
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
