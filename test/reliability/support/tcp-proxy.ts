// A TCP proxy of our own between one app instance and Postgres, so a test can take "the
// database" away from that instance (and only that one) without touching the shared server:
// `cut()` closes the listener and destroys every open socket (clients see ECONNRESET, new
// connections ECONNREFUSED), `restore()` listens again on the same port.
import net from "node:net";

export type TcpProxy = {
  readonly port: number;
  /** Connections accepted since the start (for sanity checks). */
  readonly accepted: number;
  isUp(): boolean;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
};

export async function startTcpProxy(options: { targetHost: string; targetPort: number; port?: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = options.port ?? 0;
  let accepted = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const created = net.createServer((client) => {
        accepted += 1;
        const upstream = net.connect(options.targetPort, options.targetHost);
        sockets.add(client);
        sockets.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
        client.pipe(upstream);
        upstream.pipe(client);
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
      for (const socket of sockets) socket.destroy();
      sockets.clear();
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
    close: stopListening,
  };
}
