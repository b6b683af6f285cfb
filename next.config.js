// @ts-check

// `npm run bench` builds with MSS_BENCH_BUILD=1 (read here, not in lib/env.ts: this file is
// loaded before the app). Its baseline routes, files named `route.bench.ts`, become routes only
// in that build, which goes to .next-bench: the production build (.next) never contains them.
const benchBuild = process.env.MSS_BENCH_BUILD === "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  ...(benchBuild ? { distDir: ".next-bench", pageExtensions: ["bench.ts", "tsx", "ts", "jsx", "js"] } : {}),
  reactStrictMode: true,
  poweredByHeader: false,
  // The generated Prisma client and argon2 are server-only Node modules.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  // Let proxy.ts see requests as clients sent them: with the default, Next removes React's flight
  // headers (RSC, Next-Router-State-Tree, Next-Router-Prefetch…) and the internal `_rsc` query
  // parameter from the request the proxy sees, and puts them back after it. A malformed
  // Next-Router-State-Tree then reaches Next's renderer, which answers it with a 500 before any
  // code of ours runs; seen here, the proxy refuses it with a 400 (lib/http/proxy-request.ts).
  // This app has no pages router, basePath, i18n or trailingSlash, so the rest of the URL
  // normalisation this option skips (`/_next/data` URLs, locales) never applied to it.
  skipProxyUrlNormalize: true,
  experimental: {
    // MSS_PROFILE_BUILD=1 (with MSS_BENCH_BUILD=1): server code unminified, so a CPU profile of the
    // bench (`npm run bench -- --profile`) names our functions (docs/performance.md, "Profiling").
    ...(process.env.MSS_PROFILE_BUILD === "1" ? { turbopackMinify: false, serverMinification: false } : {}),
    // Next buffers every request body for the proxy, up to this size (default 10 MB). No endpoint
    // accepts more than 8 KiB; why the buffer is a little larger: lib/http/body-limits.ts
    // (PROXY_BODY_BUFFER_BYTES, kept equal by its test).
    proxyClientMaxBodySize: 139264,
  },
};

export default nextConfig;
