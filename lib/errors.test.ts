import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ApiError, isDatabaseUnavailable, isTransactionConflict, toApiError, toErrorResponse } from "./errors";

// Shapes as they arrive from Prisma 7 with @prisma/adapter-pg (seen in the outage tests).
const prismaUnreachable = Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), {
  code: "P1001",
  meta: { driverAdapterError: Object.assign(new Error("DatabaseNotReachable"), { cause: { kind: "DatabaseNotReachable" } }) },
});
const rawQueryFailed = Object.assign(new Error("Raw query failed. Code: `N/A`."), {
  code: "P2010",
  meta: { driverAdapterError: Object.assign(new Error("ConnectionClosed"), { cause: { kind: "ConnectionClosed" } }) },
});

describe("toApiError: an unreachable database is a 503, never a 500", () => {
  it.each([
    ["Prisma P1001 (can't reach)", prismaUnreachable],
    ["a raw query whose connection closed (P2010 + ConnectionClosed)", rawQueryFailed],
    ["a transaction that could not start in time (P2028)", Object.assign(new Error("Transaction API error"), { code: "P2028" })],
    ["pg's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["pg's query timeout", new Error("Query read timeout")],
    ["a connection dropped mid-query", new Error("Connection terminated unexpectedly")],
    ["ECONNREFUSED on the cause", new Error("x", { cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" }) })],
    ["SQLSTATE 57P01 (admin shutdown)", Object.assign(new Error("terminating connection"), { code: "57P01" })],
    ["SQLSTATE class 08 (connection failure)", Object.assign(new Error("x"), { code: "08006" })],
  ])("%s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toApiError(error)).toMatchObject({ code: "service_unavailable", status: 503 });
  });

  it("keeps query errors, validation errors and our own errors as they are", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("unique"), { code: "P2002" }))).toBe(false);
    expect(toApiError(Object.assign(new Error("unique"), { code: "P2002" })).code).toBe("internal_error");
    expect(toApiError(new ZodError([])).code).toBe("validation_failed");
    expect(toApiError(new ApiError("not_found", "x")).code).toBe("not_found");
  });

  it("answers a 503 in the error shape with Retry-After", async () => {
    const response = toErrorResponse(prismaUnreachable);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: { code: "service_unavailable", message: expect.any(String) } });
  });
});

describe("isTransactionConflict: the transactions Postgres aborts to resolve a deadlock are retried", () => {
  it("recognises a deadlock and a serialization failure as Prisma and its driver adapter report them", () => {
    expect(isTransactionConflict(Object.assign(new Error("deadlock"), { code: "P2034" }))).toBe(true);
    const viaAdapter = Object.assign(new Error("x"), { code: "P2010", meta: { driverAdapterError: Object.assign(new Error("x"), { cause: { kind: "postgres", code: "40P01" } }) } });
    expect(isTransactionConflict(viaAdapter)).toBe(true);
    expect(isTransactionConflict(Object.assign(new Error("x"), { cause: { kind: "TransactionWriteConflict" } }))).toBe(true);
    expect(isTransactionConflict(Object.assign(new Error("unique"), { code: "P2002" }))).toBe(false);
    expect(toApiError(viaAdapter).code).toBe("service_unavailable");
  });
});
