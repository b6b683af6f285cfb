// A TCP proxy of our own between one app instance and Postgres, so a test can take "the
// database" away from that instance (and only that one) without touching the shared server:
// `cut()` closes the listener and destroys every open socket (clients see ECONNRESET, new
// connections ECONNREFUSED), `restore()` listens again on the same port. `freeze()` keeps every
// connection open but forwards nothing either way (a hung database or a black-holed network:
// clients see silence, not an error), `thaw()` lets the bytes through again.
import net from "node:net";

export type TcpProxy = {
  readonly port: number;
  /** Connections accepted since the start (for sanity checks). */
  readonly accepted: number;
  isUp(): boolean;
  cut(): Promise<void>;
  restore(): Promise<void>;
  freeze(): void;
  thaw(): void;
  close(): Promise<void>;
};

type Pair = { client: net.Socket; upstream: net.Socket | null; drop: () => void };

export async function startTcpProxy(options: { targetHost: string; targetPort: number; port?: number }): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let frozen = false;
  let server: net.Server | null = null;
  let port = options.port ?? 0;
  let accepted = 0;

  const forward = (pair: Pair) => {
    if (!pair.upstream) {
      const upstream = net.connect(options.targetPort, options.targetHost);
      upstream.on("error", pair.drop).on("close", pair.drop);
      pair.upstream = upstream;
    }
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const created = net.createServer((client) => {
        accepted += 1;
        const pair: Pair = {
          client,
          upstream: null,
          drop: () => {
            client.destroy();
            pair.upstream?.destroy();
            pairs.delete(pair);
          },
        };
        pairs.add(pair);
        client.on("error", pair.drop).on("close", pair.drop);
        // A connection accepted while frozen waits, silent, for thaw().
        if (!frozen) forward(pair);
      });
      created.once("error", reject);
      created.listen(port, "127.0.0.1", () => {
        const address = created.address();
        if (address && typeof address === "object") port = address.port;
        server = created;
        resolve();
      });
    });

  const stopListening = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      for (const pair of [...pairs]) pair.drop();
      if (!current) return resolve();
      current.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    get accepted() {
      return accepted;
    },
    isUp: () => server !== null,
    cut: stopListening,
    restore: listen,
    freeze() {
      frozen = true;
      for (const { client, upstream } of pairs) {
        if (!upstream) continue;
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    thaw() {
      frozen = false;
      for (const pair of pairs) forward(pair);
    },
    close: stopListening,
  };
}
