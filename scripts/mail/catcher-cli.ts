// `npx tsx scripts/mail/catcher-cli.ts [smtpPort] [webPort]` — the demo's mail catcher on its
// own (scripts/mail/catcher.ts), for running the server by hand: set SMTP_URL to what it prints.
import { startMailCatcher } from "./catcher";

const [smtpPort, webPort] = process.argv.slice(2).map(Number);
const catcher = await startMailCatcher({ smtpPort: smtpPort || 1025, webPort: webPort || 1080 });
console.log(`SMTP_URL=${catcher.smtpUrl}`);
console.log(`MAIL_CATCHER_URL=${catcher.webUrl}`);
console.log("Ctrl+C stops it.");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void catcher.stop().then(() => process.exit(0)));
}
