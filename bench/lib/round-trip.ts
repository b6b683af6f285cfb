// What one database round trip costs the app's process, in CPU: a named prepared statement
// (as lib/db/prepared.ts runs them) over the same connection string the server uses, back to
// back, counted with process.cpuUsage (driver work plus the kernel's socket send and receive).
// The handshake makes 14 of them; this figure turns that count into milliseconds.
import pg from "pg";

export type RoundTrip = { cpuMicroseconds: number; wallMicroseconds: number; samples: number };

export async function measureRoundTrip(connectionString: string, samples = 5000): Promise<RoundTrip> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const query = (i: number) => client.query({ name: "bench_round_trip", text: "SELECT $1::int AS n", values: [i] });
    for (let i = 0; i < 500; i++) await query(i); // warm-up
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < samples; i++) await query(i);
    const cpu = process.cpuUsage(cpuBefore);
    return { cpuMicroseconds: Math.round((cpu.user + cpu.system) / samples), wallMicroseconds: Math.round(((performance.now() - started) * 1000) / samples), samples };
  } finally {
    await client.end();
  }
}

export const describeRoundTrip = (r: RoundTrip) =>
  `one database round trip (a named prepared statement, back to back): ${r.cpuMicroseconds} µs of client CPU, ${r.wallMicroseconds} µs wall (${r.samples} samples)`;
