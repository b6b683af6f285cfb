// Every answer the topology run's own HTTP clients received, with the instance that served it
// (X-Instance-Id): the hops-per-instance count, the cookie and HSTS checks and the 5xx count
// are computed from this record, never from the clients' own expectations.
import type { IncomingHttpHeaders } from "node:http";
import { TestBrowser } from "@/test/http/browser";

export type Answer = { at: number; method: string; url: string; status: number; instance: string | null; setCookies: string[]; hsts: string | null; contentType: string | null };

export class Traffic {
  readonly answers: Answer[] = [];
  readonly #ca: Buffer;
  readonly #byBrowser = new WeakMap<TestBrowser, Answer[]>();

  constructor(ca: Buffer) {
    this.#ca = ca;
  }

  /** A fresh client (its own cookie jar) whose answers land in this record. */
  browser(): TestBrowser {
    const own: Answer[] = [];
    const browser = new TestBrowser({
      ca: this.#ca,
      onResponse: (raw) => {
        const answer = toAnswer(raw);
        this.answers.push(answer);
        own.push(answer);
      },
    });
    this.#byBrowser.set(browser, own);
    return browser;
  }

  /** This browser's answers (other clients' requests run concurrently), from index `from` on. */
  answersOf(browser: TestBrowser, from = 0): Answer[] {
    return (this.#byBrowser.get(browser) ?? []).slice(from);
  }
}

function toAnswer(answer: { url: string; method: string; status: number; headers: IncomingHttpHeaders }): Answer {
  const header = (name: string) => {
    const value = answer.headers[name];
    return typeof value === "string" ? value : null;
  };
  return {
    at: Date.now(),
    method: answer.method,
    url: answer.url,
    status: answer.status,
    instance: header("x-instance-id"),
    setCookies: answer.headers["set-cookie"] ?? [],
    hsts: header("strict-transport-security"),
    contentType: header("content-type"),
  };
}

/** The instance of each answer to `browser`'s requests since its `from`th answer. */
export function instancesSince(traffic: Traffic, browser: TestBrowser, from: number): (string | null)[] {
  return traffic.answersOf(browser, from).map((answer) => answer.instance);
}
