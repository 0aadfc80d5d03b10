# syntax=docker/dockerfile:1
# Workplan's image, in three stages:
#   deps    - every dependency, dev ones included (the build needs them)
#   build   - Next's standalone server (NEXT_OUTPUT=standalone) and the migrations and seed bundled
#             into two plain .mjs files (scripts/bundle-ops.mjs)
#   runtime - only what runs: the standalone server with the node_modules files it traced, the
#             bundles, the migrations' SQL, the schema engine's WebAssembly and the password hasher;
#             no source, no dev dependencies, owned by root and run as the unprivileged `node` user.
# At start scripts/serve.mjs applies the migrations and the idempotent seed, then serves; on SIGTERM
# it stops taking traffic, finishes the requests in flight and exits 0. The same migrations alone:
#   docker run --rm -e DATABASE_URL=... <image> node scripts/serve.mjs --migrate-only
# Node 24 is the supported LTS (Node 20's life ended in April 2026); the code still runs on 20.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# The manifests first, so that a change of code does not reinstall everything. The postinstall
# generates the Prisma client from the schema.
COPY package.json package-lock.json prisma.config.ts ./
COPY apps/web/package.json apps/web/
COPY packages/auth/package.json packages/auth/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY e2e/package.json e2e/
COPY prisma/schema.prisma prisma/
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN npm run generate --workspace @workplan/db \
 && NEXT_OUTPUT=standalone npm run build --workspace @workplan/web \
 && node scripts/bundle-ops.mjs

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
# The standalone server (apps/web/server.js) with its traced node_modules, and its static files.
COPY --from=build /app/apps/web/.next/standalone ./
COPY --from=build /app/apps/web/.next/static ./apps/web/.next/static
# Migrations and seed (scripts/serve.mjs runs them before the server).
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/prisma/schema.prisma ./prisma/schema.prisma
COPY --from=build /app/packages/db/dist ./packages/db/dist
COPY --from=build /app/prisma/seed/dist ./prisma/seed/dist
COPY --from=build /app/node_modules/@prisma/schema-engine-wasm ./node_modules/@prisma/schema-engine-wasm
COPY --from=build /app/node_modules/@node-rs ./node_modules/@node-rs
COPY --from=build /app/scripts/serve.mjs ./scripts/serve.mjs
# The one folder the server writes to (Next's cache); everything else stays read-only for it.
RUN mkdir -p apps/web/.next/cache && chown node:node apps/web/.next/cache
USER node
EXPOSE 3000
# Ready = the database answers and has this code's newest migration (GET /api/health/ready).
# Slim images have no curl: Node's own fetch.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "scripts/serve.mjs"]
