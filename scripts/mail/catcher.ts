// A real SMTP server that keeps what it receives, for the demo and the tests (never for
// production): `smtp-server` speaks SMTP, `mailparser` reads the messages, and a small web view
// lists them so a newcomer can open the links. Tests read the same list as JSON.
//
//   GET /                 the caught messages, newest first (HTML)
//   GET /messages/<id>    one message: its HTML (in a sandboxed frame) and its plain text
//   GET /api/messages     JSON: [{ id, messageId, from, to, subject, text, html, receivedAt }]
//   DELETE /api/messages  forget them all
//   POST /api/smtp/stop, POST /api/smtp/start   take the SMTP port away / bring it back (an outage)
//
// Test knobs: recipients at the domain `reject.invalid` are refused with 550 (a permanent
// failure); `latencyMs` delays the answer to every message (a slow SMTP server); stopSmtp /
// startSmtp take the SMTP port away and bring it back (an outage), keeping what was caught.
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type CaughtMail = { id: number; messageId: string; from: string; to: string[]; subject: string; text: string; html: string; receivedAt: string };

export type MailCatcher = {
  smtpPort: number;
  webPort: number;
  smtpUrl: string;
  webUrl: string;
  messages: () => CaughtMail[];
  /** Resolves with the first caught message `match` accepts (waiting for it up to `timeoutMs`). */
  waitFor: (match: (mail: CaughtMail) => boolean, timeoutMs?: number) => Promise<CaughtMail>;
  setLatency: (ms: number) => void;
  stopSmtp: () => Promise<void>;
  startSmtp: () => Promise<void>;
  stop: () => Promise<void>;
};

const KEEP = 1_000;
export const REJECTED_DOMAIN = "reject.invalid";

export async function startMailCatcher(options: { smtpPort?: number; webPort?: number; host?: string; latencyMs?: number } = {}): Promise<MailCatcher> {
  const host = options.host ?? "127.0.0.1";
  const caught: CaughtMail[] = [];
  let nextId = 1;
  let latencyMs = options.latencyMs ?? 0;
  const waiters = new Set<() => void>();

  function createSmtp(): SMTPServer {
    return new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      size: 1024 * 1024,
      onRcptTo(address, _session, callback) {
        if (address.address.toLowerCase().endsWith(`@${REJECTED_DOMAIN}`)) {
          const error = Object.assign(new Error("5.1.1 mailbox unavailable (the catcher refuses this domain)"), { responseCode: 550 });
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (parsed) => {
            if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
            caught.push({
              id: nextId++,
              messageId: parsed.messageId ?? "",
              from: parsed.from?.text ?? "",
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              receivedAt: new Date().toISOString(),
            });
            if (caught.length > KEEP) caught.shift();
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      },
    });
  }

  let smtp = createSmtp();
  const listenSmtp = (port: number) =>
    new Promise<number>((resolve, reject) => {
      smtp.once("error", reject);
      smtp.listen(port, host, () => resolve((smtp.server.address() as AddressInfo).port));
    });
  const smtpPort = await listenSmtp(options.smtpPort ?? 0);
  let smtpUp = true;

  const control = {
    stopSmtp: async () => {
      if (!smtpUp) return;
      smtpUp = false;
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
    startSmtp: async () => {
      if (smtpUp) return;
      smtp = createSmtp();
      await listenSmtp(smtpPort);
      smtpUp = true;
    },
  };
  const web = createHttpServer((request, response) => {
    const path = request.url ?? "/";
    if (request.method === "POST" && (path === "/api/smtp/stop" || path === "/api/smtp/start")) {
      const action = path.endsWith("stop") ? control.stopSmtp : control.startSmtp;
      action().then(
        () => response.writeHead(204).end(),
        (error: unknown) => response.writeHead(500, { "content-type": "text/plain" }).end(String(error)),
      );
      return;
    }
    serveWeb(request, response, caught);
  });
  const webPort = await new Promise<number>((resolve, reject) => {
    web.once("error", reject);
    web.listen(options.webPort ?? 0, host, () => resolve((web.address() as AddressInfo).port));
  });

  return {
    smtpPort,
    webPort,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    webUrl: `http://localhost:${webPort}`,
    messages: () => [...caught],
    waitFor: (match, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = caught.find(match);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${caught.length} caught)`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      }),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    stopSmtp: control.stopSmtp,
    startSmtp: control.startSmtp,
    stop: async () => {
      if (smtpUp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
      smtpUp = false;
      await closeHttp(web);
    },
  };
}

function closeHttp(server: HttpServer): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function serveWeb(request: IncomingMessage, response: ServerResponse, caught: CaughtMail[]): void {
  const url = new URL(request.url ?? "/", "http://catcher");
  if (url.pathname === "/api/messages" && request.method === "DELETE") {
    caught.length = 0;
    response.writeHead(204).end();
    return;
  }
  if (url.pathname === "/api/messages") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify([...caught].reverse()));
    return;
  }
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>` +
    `<style>body{font:15px system-ui,sans-serif;margin:1.5rem;max-width:60rem}table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}iframe{width:100%;height:40rem;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style></head><body>${body}</body></html>`;
  const match = /^\/messages\/(\d+)$/.exec(url.pathname);
  if (match) {
    const mail = caught.find((m) => m.id === Number(match[1]));
    if (!mail) {
      response.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(page("Not found", `<p>No such message. <a href="/">All caught mail</a></p>`));
      return;
    }
    const body =
      `<p><a href="/">← All caught mail</a></p><h1>${escapeHtml(mail.subject)}</h1>` +
      `<p>From ${escapeHtml(mail.from)} to ${escapeHtml(mail.to.join(", "))}, ${escapeHtml(mail.receivedAt)}</p>` +
      `<h2>HTML</h2><iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="The message's HTML" srcdoc="${escapeHtml(mail.html)}"></iframe>` +
      `<h2>Plain text</h2><pre>${escapeHtml(mail.text)}</pre>`;
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(mail.subject, body));
    return;
  }
  if (url.pathname !== "/") {
    response.writeHead(404).end();
    return;
  }
  const rows = [...caught]
    .reverse()
    .map((m) => `<tr><td>${escapeHtml(m.receivedAt.slice(11, 19))}</td><td>${escapeHtml(m.to.join(", "))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject || "(no subject)")}</a></td></tr>`)
    .join("");
  const body =
    `<h1>Caught mail</h1><p>Everything the demo sends lands here (a local SMTP server; nothing leaves this machine). Newest first; reload to see new mail.</p>` +
    (rows ? `<table><thead><tr><th>Time (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table>` : `<p>No mail yet.</p>`);
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page("Caught mail", body));
}
