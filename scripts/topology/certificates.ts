// A local certificate authority and one server certificate for every demo name, made with
// openssl in the run's temp directory: what a publisher's ACME client or corporate CA provides.
// Node trusts the CA through `ca`; Chromium through --ignore-certificate-errors-spki-list,
// which pins the server key instead of installing a CA into a system store we would have to undo.
import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type Certificates = {
  caCertPath: string;
  /** Certificate chain + key in one file, as haproxy's `crt` wants it. */
  serverPemPath: string;
  caCert: Buffer;
  /** base64 SHA-256 of the server key's SubjectPublicKeyInfo, for Chromium's SPKI list. */
  serverSpkiSha256: string;
};

function openssl(args: string[], cwd: string): Buffer {
  return execFileSync("openssl", args, { cwd, stdio: ["pipe", "pipe", "pipe"] });
}

export function createCertificates(dir: string, hostnames: string[]): Certificates {
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=multisite-sso topology CA", "-keyout", "ca.key", "-out", "ca.crt", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${hostnames[0] ?? "localhost"}`, "-keyout", "server.key", "-out", "server.csr"], dir);
  const ext = [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    "extendedKeyUsage=serverAuth",
    `subjectAltName=${hostnames.map((name) => `DNS:${name}`).join(",")}`,
  ].join("\n");
  writeFileSync(join(dir, "server.ext"), `${ext}\n`);
  openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-sha256", "-extfile", "server.ext", "-out", "server.crt"], dir);
  for (const key of ["ca.key", "server.key"]) chmodSync(join(dir, key), 0o600);
  const serverPemPath = join(dir, "server.pem");
  writeFileSync(serverPemPath, Buffer.concat([readFileSync(join(dir, "server.crt")), readFileSync(join(dir, "server.key"))]), { mode: 0o600 });
  const spkiDer = execFileSync("sh", ["-c", "openssl x509 -in server.crt -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"], { cwd: dir });
  return { caCertPath: join(dir, "ca.crt"), serverPemPath, caCert: readFileSync(join(dir, "ca.crt")), serverSpkiSha256: spkiDer.toString().trim() };
}
