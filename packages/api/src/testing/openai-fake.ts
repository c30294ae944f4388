// A local server speaking OpenAI's chat-completions contract (POST /v1/chat/completions with a
// bearer key, its answer and error bodies, usage in tokens), for tests of the AI provider path.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  response_format?: { type: string };
}

export interface FakeOpenAi {
  /** The base URL to configure (AI_BASE_URL), ending in /v1. */
  url: string;
  apiKey: string;
  requests: ChatRequest[];
  /** What the assistant answers (its message content); default: three suggestions as JSON. */
  reply: (request: ChatRequest) => string;
  usage: { prompt_tokens: number; completion_tokens: number };
  /** The next `count` calls answer this status with OpenAI's error body. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided." },
  429: { type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached for requests." },
  500: { type: "server_error", code: null, message: "The server had an error while processing your request." },
  503: { type: "server_error", code: null, message: "The engine is currently overloaded, please try again later." },
};

export async function startFakeOpenAi(options: { apiKey?: string } = {}): Promise<FakeOpenAi> {
  const apiKey = options.apiKey ?? "sk-test-key";
  let failures: number[] = [];
  const fake: FakeOpenAi = {
    url: "",
    apiKey,
    requests: [],
    reply: () => JSON.stringify({ suggestions: ["One from the model", "Two from the model", "Three from the model"] }),
    usage: { prompt_tokens: 150, completion_tokens: 90 },
    failNext(count, status) {
      failures = [...failures, ...Array.from({ length: count }, () => status)];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const sendError = (res: http.ServerResponse, status: number) => {
    const error = ERROR_TYPES[status] ?? { type: "invalid_request_error", code: null, message: `Error ${status}` };
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ error: { ...error, param: null } }));
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return sendError(res, 404);
      if (req.headers.authorization !== `Bearer ${apiKey}`) return sendError(res, 401);
      const failure = failures.shift();
      if (failure !== undefined) return sendError(res, failure);
      const request = JSON.parse(body) as ChatRequest;
      fake.requests.push(request);
      const { prompt_tokens, completion_tokens } = fake.usage;
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id: `chatcmpl-${fake.requests.length}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: request.model,
          choices: [{ index: 0, message: { role: "assistant", content: fake.reply(request) }, finish_reason: "stop" }],
          usage: { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
