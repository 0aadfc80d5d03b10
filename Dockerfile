# The app image: the same `npm start` as on a workstation, against the DATABASE_URL it is given
# (migrations and the idempotent seed run on every start; the build is made here, once).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY . .
RUN npm ci --no-audit --no-fund && npm run build
EXPOSE 3000
CMD ["npm", "start"]
