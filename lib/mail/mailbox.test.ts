import { describe, expect, it } from "vitest";
import { isMailbox, mailFromSettingSchema } from "./mailbox";

describe("isMailbox", () => {
  it.each(["news@example.com", "Acme News <news@acme.example>", '"Acme, Inc." <no-reply@mail.acme.example>', "Zoë Café <z@x.example>"])("accepts %s", (value) => {
    expect(isMailbox(value)).toBe(true);
  });
  it.each(["", "news", "news@", "@example.com", "a@b", "Name <>", "<a@b.example", "a@b.example, c@d.example", "Name <a@b.example>\r\nBcc: x@y.example", "Name\n<a@b.example>", '"Quo"te" <a@b.example>'])(
    "refuses %j (a header injection or not one address)",
    (value) => {
      expect(isMailbox(value)).toBe(false);
    },
  );
});

describe("mailFromSettingSchema", () => {
  it("takes the empty string as 'use MAIL_FROM' and trims", () => {
    expect(mailFromSettingSchema.parse("")).toBe("");
    expect(mailFromSettingSchema.parse("  News <n@x.example> ")).toBe("News <n@x.example>");
  });
  it("refuses a line break with the form's message", () => {
    expect(() => mailFromSettingSchema.parse("a@b.example\nBcc: c@d.example")).toThrow(/Enter one address/);
  });
});
