// Unit: the guard that keeps tests away from any database but a local one.
import { describe, expect, it } from "vitest";
import { assertLocalDatabaseUrl } from "@/tooling/db/test-database";

describe("assertLocalDatabaseUrl", () => {
  it.each([
    "postgres://postgres@127.0.0.1:5432/postgres",
    "postgresql://user:secret@localhost/app",
    "postgres://postgres@LOCALHOST:5432/postgres",
    "postgres://postgres@[::1]:5432/postgres",
    "postgres://postgres@%2Fvar%2Frun%2Fpostgresql/app",
    "postgres://postgres@/app?host=/var/run/postgresql",
    "socket:/var/run/postgresql?db=app",
  ])("accepts the local database %s", (url) => {
    expect(() => assertLocalDatabaseUrl(url)).not.toThrow();
  });

  it.each([
    "postgres://postgres@db.example.com:5432/postgres",
    "postgres://postgres@10.0.0.5:5432/postgres",
    "postgres://postgres@192.168.1.20/app",
    "postgres://postgres@localhost.example.com/app",
    "postgres://postgres@127.0.0.1/app?host=db.example.com",
    "postgres://postgres@/app",
  ])("refuses to run tests against the non-local database %s", (url) => {
    expect(() => assertLocalDatabaseUrl(url)).toThrow(/refusing to run tests against a non-local database/i);
  });

  it("refuses something that is not a Postgres URL", () => {
    expect(() => assertLocalDatabaseUrl("mysql://root@127.0.0.1/app")).toThrow(/non-Postgres URL/);
    expect(() => assertLocalDatabaseUrl("not a url")).toThrow(/cannot be parsed/);
  });

  it("never repeats the password in its error", () => {
    expect(() => assertLocalDatabaseUrl("postgres://admin:hunter2@db.example.com/app")).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining("hunter2") }),
    );
  });
});
