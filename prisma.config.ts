// Prisma 7 loads no .env by itself, and env() throws when a variable is unset,
// which would break `prisma generate` where no database exists: read process.env.
import "dotenv/config";
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed/index.ts" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://workplan:workplan@localhost:54329/workplan",
  },
});
