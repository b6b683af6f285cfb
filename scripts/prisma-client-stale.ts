// Is the generated Prisma client missing or older than prisma/schema.prisma? (After a pull
// that changed the schema, `npm test` and `npm run demo` regenerate it themselves.)
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

export function isPrismaClientStale(root = "."): boolean {
  const client = join(root, "lib", "generated", "prisma", "client.ts");
  if (!existsSync(client)) return true;
  return statSync(join(root, "prisma", "schema.prisma")).mtimeMs > statSync(client).mtimeMs;
}
