import "server-only";

export function assertServerEnv(env: NodeJS.ProcessEnv = process.env): void {
  const missing: string[] = [];
  if (!env.DATABASE_URL) missing.push("DATABASE_URL (the PostgreSQL connection string)");
  if (!env.AUTH_SECRET && !env.NEXTAUTH_SECRET) missing.push("AUTH_SECRET (a long random string)");
  if (missing.length > 0) {
    console.error(`Workplan cannot start: ${missing.join(" and ")} not set. Use \`npm start\`, or see .env.example.`);
    process.exit(1);
  }
}
