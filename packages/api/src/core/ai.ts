// The optional AI provider: any service speaking OpenAI's chat-completions HTTP API
// (AI_BASE_URL, AI_API_KEY, AI_MODEL). Off unless configured; every call is logged with
// its tokens and cost in ai_request_logs.
import type { Db } from "@glow/db";

export interface AiConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  /** US dollars per million prompt / completion tokens, for the cost log. */
  inputCostPerMillion: number;
  outputCostPerMillion: number;
  timeoutMs?: number;
}

export interface AiMessage {
  role: "system" | "user";
  content: string;
}

export interface AiCallContext {
  db: Pick<Db, "aiRequestLog">;
  userId: string | null;
  purpose: string;
}

export interface AiProvider {
  readonly model: string;
  /** The reply's text; throws on failure (after logging the failed call). */
  complete(messages: AiMessage[], context: AiCallContext): Promise<string>;
}

interface ChatCompletion {
  choices?: Array<{ message?: { content?: string } }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
}

export class OpenAiCompatibleProvider implements AiProvider {
  readonly model: string;
  readonly #config: AiConfig;

  constructor(config: AiConfig) {
    this.#config = config;
    this.model = config.model;
  }

  async complete(messages: AiMessage[], context: AiCallContext): Promise<string> {
    const started = performance.now();
    let usage: ChatCompletion["usage"] = {};
    try {
      const response = await fetch(`${this.#config.baseUrl.replace(/\/+$/, "")}/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.#config.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ model: this.model, messages, max_tokens: 400, temperature: 0.4, response_format: { type: "json_object" } }),
        signal: AbortSignal.timeout(this.#config.timeoutMs ?? 8000),
      });
      if (!response.ok) throw new Error(`AI provider answered ${response.status}`);
      const body = (await response.json()) as ChatCompletion;
      usage = body.usage ?? {};
      const text = body.choices?.[0]?.message?.content;
      if (!text) throw new Error("AI provider sent no text");
      await this.#log(context, started, usage, null);
      return text;
    } catch (error) {
      await this.#log(context, started, usage, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  async #log(context: AiCallContext, started: number, usage: ChatCompletion["usage"], error: string | null): Promise<void> {
    const promptTokens = usage?.prompt_tokens ?? 0;
    const completionTokens = usage?.completion_tokens ?? 0;
    const cost = (promptTokens * this.#config.inputCostPerMillion + completionTokens * this.#config.outputCostPerMillion) / 1_000_000;
    await context.db.aiRequestLog.create({
      data: {
        userId: context.userId,
        provider: new URL(this.#config.baseUrl).host,
        model: this.model,
        purpose: context.purpose,
        promptTokens,
        completionTokens,
        costUsd: cost.toFixed(6),
        durationMs: Math.round(performance.now() - started),
        succeeded: error === null,
        error,
      },
    });
  }
}
