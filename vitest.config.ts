import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "tooling/**/*.test.ts", "packages/**/*.test.ts"],
    exclude: ["node_modules", "e2e", ".next", "lib/generated"],
    setupFiles: ["test/setup-database-guard.ts"],
    // Integration tests share one fresh database per run; each test seeds its own rows.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
