// Per-test data for the Playwright suite: each test makes its own organisation (unique hosts,
// callbacks on the e2e server's port) instead of sharing mutable demo state.
import { test as base } from "@playwright/test";
import type { SsoMode } from "@/lib/generated/prisma/enums.ts";
import { createTestOrg, type TestOrg } from "../../test/http/factory";
import { port } from "./hosts";

export const test = base.extend<{ makeOrg: (mode: SsoMode) => Promise<TestOrg> }>({
  makeOrg: async ({}, use) => {
    await use((mode) => createTestOrg({ mode, port }));
  },
});

export { expect } from "@playwright/test";
