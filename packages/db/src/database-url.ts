// PostgreSQL connection URLs as discrete fields.
//
// Give PrismaPg / pg these fields rather than a `connectionString`: with a connection string,
// PrismaPg's shadow-database override (`{ ...config, database }`) is ignored, because pg lets the
// string win, and the "shadow" would be the real database.
// No Node-only imports here: the web app may import this module too.

export interface DatabaseConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

const DEFAULT_PORT = 5432;

/** Parses `postgres://user:password@host:port/database` (or `postgresql://`). Throws on anything else. */
export function parseDatabaseUrl(url: string): DatabaseConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`invalid database URL: ${redactDatabaseUrl(url)}`);
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new Error(`not a PostgreSQL URL (postgresql://…): ${redactDatabaseUrl(url)}`);
  }
  // `?host=/var/run/postgresql` (a socket directory) overrides the URL's host, as in libpq.
  const host = parsed.searchParams.get("host") ?? stripBrackets(decodeURIComponent(parsed.hostname));
  if (!host) throw new Error(`database URL has no host: ${redactDatabaseUrl(url)}`);
  const port = parsed.port ? Number(parsed.port) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`database URL has an invalid port: ${redactDatabaseUrl(url)}`);
  }
  const user = decodeURIComponent(parsed.username) || "postgres";
  const password = decodeURIComponent(parsed.password);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || user;
  return { host, port, user, password, database };
}

/** Builds a URL from discrete fields (the inverse of parseDatabaseUrl). */
export function formatDatabaseUrl(config: DatabaseConfig): string {
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const auth = config.password
    ? `${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}`
    : encodeURIComponent(config.user);
  return `postgresql://${auth}@${host}:${config.port}/${encodeURIComponent(config.database)}`;
}

/** The same URL pointing at another database on the same server (query parameters kept). */
export function withDatabase(url: string, name: string): string {
  parseDatabaseUrl(url); // validate
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** `host:port`, for messages. */
export function describeServer(urlOrConfig: string | DatabaseConfig): string {
  const config = typeof urlOrConfig === "string" ? parseDatabaseUrl(urlOrConfig) : urlOrConfig;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  return `${host}:${config.port}`;
}

/** The URL with its password replaced by `***`, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

/** localhost, 127.0.0.1 (any 127.x), ::1, or a Unix socket directory. */
export function isLocalHost(host: string): boolean {
  const h = stripBrackets(host).toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || h.startsWith("/");
}

function stripBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
