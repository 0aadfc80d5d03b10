import { describe, expect, it } from "vitest";
import { configuredOrigin, isOwnOrigin } from "./origin";

const headers = (h: Record<string, string>) => new Headers(h);

describe("whose origin is ours", () => {
  it("is the configured public address, whatever the request's own headers claim", () => {
    const publicUrl = "https://workplan.example.gov.cn/";
    expect(configuredOrigin(publicUrl)).toBe("https://workplan.example.gov.cn");
    expect(isOwnOrigin("https://workplan.example.gov.cn", headers({ host: "internal:3000" }), { publicUrl })).toBe(true);
    // A forged Host or X-Forwarded-Host does not make a foreign origin ours.
    const forged = headers({ host: "evil.example", "x-forwarded-host": "evil.example" });
    expect(isOwnOrigin("https://evil.example", forged, { publicUrl, proxies: 1 })).toBe(false);
    // Scheme and port count: http is not the https site.
    expect(isOwnOrigin("http://workplan.example.gov.cn", headers({}), { publicUrl })).toBe(false);
  });

  it("without a configured address, is the Host, and X-Forwarded-Host only behind a trusted proxy", () => {
    const h = headers({ host: "localhost:3000", "x-forwarded-host": "evil.example" });
    expect(isOwnOrigin("http://localhost:3000", h, { publicUrl: "", proxies: 0 })).toBe(true);
    expect(isOwnOrigin("http://evil.example", h, { publicUrl: "", proxies: 0 })).toBe(false);
    expect(isOwnOrigin("http://evil.example", h, { publicUrl: "", proxies: 1 })).toBe(true);
  });

  it("refuses a request with no Origin, an opaque one, or garbage", () => {
    const h = headers({ host: "localhost:3000" });
    for (const origin of [null, "", "null", "not a url"]) {
      expect(isOwnOrigin(origin, h, { publicUrl: "http://localhost:3000" })).toBe(false);
    }
  });
});
