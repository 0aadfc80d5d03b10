import { describe, expect, it } from "vitest";
import { readServerEnv, serverEnvProblems } from "./env";

const ok = { DATABASE_URL: "postgresql://workplan:pw@db:5432/workplan", AUTH_SECRET: "a-long-random-string-0123456789" };

describe("the server's environment", () => {
  it("starts with a database and a secret, blanks meaning unset", () => {
    expect(serverEnvProblems(ok)).toEqual([]);
    expect(serverEnvProblems({ ...ok, SMTP_URL: "", TRUST_PROXY: "  " })).toEqual([]);
    expect(readServerEnv({ ...ok, PORT: "3000", TRUST_PROXY: "1" })).toMatchObject({ PORT: 3000, TRUST_PROXY: "1" });
  });

  it("names every variable that would not work, and says what it must be", () => {
    const problems = serverEnvProblems({
      DATABASE_URL: "mysql://x",
      TRUST_PROXY: "yes",
      SMTP_URL: "http://mail.example",
      PORT: "eighty",
      DEMO_MODE: "true",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "DATABASE_URL must be a postgresql:// connection string",
        "TRUST_PROXY must be the number of trusted proxies, 0 to 10",
        "SMTP_URL must be an smtp:// or smtps:// URL",
        expect.stringMatching(/^PORT /),
        "DEMO_MODE must be 0 or 1",
        expect.stringMatching(/^AUTH_SECRET is not set/),
      ]),
    );
    expect(() => readServerEnv({ AUTH_SECRET: ok.AUTH_SECRET })).toThrow(/DATABASE_URL is not set/);
  });

  it("in production wants an https public address, unless it is this machine or http is allowed on purpose", () => {
    const prod = { ...ok, NODE_ENV: "production" };
    expect(serverEnvProblems({ ...prod, NEXTAUTH_URL: "https://workplan.example.gov.cn" })).toEqual([]);
    expect(serverEnvProblems({ ...prod, NEXTAUTH_URL: "http://localhost:3000" })).toEqual([]);
    expect(serverEnvProblems({ ...prod, NEXTAUTH_URL: "http://127.0.0.1:3000" })).toEqual([]);
    expect(serverEnvProblems({ ...prod, NEXTAUTH_URL: "http://workplan.example.gov.cn" })).toEqual([
      expect.stringMatching(/^NEXTAUTH_URL must be https:\/\/ in production/),
    ]);
    expect(serverEnvProblems({ ...prod, NEXTAUTH_URL: "http://10.0.0.5", ALLOW_INSECURE_HTTP: "1" })).toEqual([]);
    expect(serverEnvProblems(prod)).toEqual([expect.stringMatching(/^NEXTAUTH_URL is not set/)]);
    // Development and tests run on http without saying so.
    expect(serverEnvProblems({ ...ok, NEXTAUTH_URL: "http://workplan.example.gov.cn" })).toEqual([]);
  });

  it("takes SIGN_IN_ADDRESS_LIMIT as a whole number of failures, 1 to 10000", () => {
    expect(readServerEnv({ ...ok, SIGN_IN_ADDRESS_LIMIT: "50" })).toMatchObject({ SIGN_IN_ADDRESS_LIMIT: 50 });
    for (const bad of ["0", "2.5", "lots", "10001"]) {
      expect(serverEnvProblems({ ...ok, SIGN_IN_ADDRESS_LIMIT: bad })).toEqual([expect.stringMatching(/^SIGN_IN_ADDRESS_LIMIT must be/)]);
    }
  });
});
