# syntax=docker/dockerfile:1
# Production image. Expects DATABASE_URL (the embedded PostgreSQL is for development only)
# and JWT_ACCESS_SECRET / JWT_REFRESH_SECRET. SIGTERM drains in-flight requests for up to
# SHUTDOWN_TIMEOUT_SECONDS (25): give the container longer to stop (docker stop -t 30,
# compose stop_grace_period: 30s, Kubernetes terminationGracePeriodSeconds >= 30).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ormconfig.ts ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
COPY bench ./bench
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/tmp/app-data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
# Liveness: a database outage must not get a working process restarted (load balancers and
# Kubernetes readiness probes use /health/ready instead).
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself as PID 1 (no npm in between), so that SIGTERM reaches the app.
CMD ["node", "dist/src/main.js"]
