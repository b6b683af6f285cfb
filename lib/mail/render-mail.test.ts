import { describe, expect, it } from "vitest";
import { readerMessages } from "./messages";
import { renderMail } from "./render-mail";

const brand = { siteName: "Daily News", themeColor: "#b00020", logoText: "DAILY" };

describe("mails are branded per site, in HTML and plain text", () => {
  it("carries the site's name, colour and logo, and the link in both parts", () => {
    const body = renderMail(readerMessages.passwordReset({ name: "Daily News" }, "https://news.example/reset?token=t0k", 1_800), brand);
    expect(body.html).toContain("background:#b00020");
    expect(body.html).toContain(">DAILY<");
    expect(body.html).toContain('href="https://news.example/reset?token=t0k"');
    expect(body.text).toContain("Choose a new password: https://news.example/reset?token=t0k");
    expect(body.text).toContain("30 minutes");
  });

  it("escapes every value (a site name or an address cannot inject markup)", () => {
    const body = renderMail(readerMessages.emailChangeRequested({ name: "<b>x</b>" }, "a\"><script>@e.test"), { ...brand, siteName: "<i>n</i>", logoText: "<img>" });
    expect(body.html).not.toMatch(/<script|<img>|<i>n<\/i>|<b>x<\/b>/);
    expect(body.html).toContain("&lt;b&gt;x&lt;/b&gt;");
  });

  it("never puts an unsafe colour into a style", () => {
    const body = renderMail(readerMessages.passwordChanged({ name: "N" }), { ...brand, themeColor: "red;background:url(https://evil)" });
    expect(body.html).not.toContain("evil");
    expect(body.html).toContain("background:#1f4e8c");
  });

  it("shows a sign-in code in both parts", () => {
    const body = renderMail(readerMessages.signInLink({ name: "N" }, "https://n.example/l", "042917", 900), brand);
    expect(body.text).toContain("Code: 042917");
    expect(body.html).toContain(">042917<");
  });
});
