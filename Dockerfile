# LiveCue's image: compiled JavaScript (npm run build) and production dependencies only.
#   docker build -t livecue .          docker run -e REDIS_URL=… -p 8080:8080 livecue
# One image, three commands: `node dist/src/main.js all|api|worker`, `node dist/src/sandbox/main.js`.

# Build: every dependency (TypeScript, the console's toolchain), then dist/.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# Everything .dockerignore lets through: the sources and whatever the console's build reads.
COPY . .
RUN npm run build

# Run: production dependencies and dist/, as the image's unprivileged `node` user.
FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# `npm run backup|restore|start` inside the container: the stamped dist/ counts as built.
COPY scripts/ensure-built.mjs ./scripts/ensure-built.mjs
USER node
EXPOSE 8080
# node's own fetch (no curl in -slim); PORT is the API's port, as in config/schema.ts.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself (main.ts stops within LIVECUE_SHUTDOWN_GRACE_MS).
# No --init/tini: the service starts no child processes to reap, and node's own handlers take the signals.
CMD ["node", "dist/src/main.js", "all"]
