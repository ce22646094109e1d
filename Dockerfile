# Job portal: one image, two run targets (backend API + static frontend, and queue workers).
#   docker build --target backend -t jobportal-backend .
#   docker build --target workers -t jobportal-workers .
# docker-compose.yml builds both.

# ---- build: install every workspace's dependencies, compile server and frontend
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV PUPPETEER_SKIP_DOWNLOAD=1 \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_FUND=false
# Sources are copied before `npm ci` because npm workspaces need every workspace's
# package.json in place; .dockerignore keeps node_modules, dist and caches out.
COPY . .
RUN npm ci
RUN npm run build
# Keep only production dependencies for the runtime image.
RUN npm prune --omit=dev

# ---- runtime base: compiled output + production node_modules, run as the unprivileged `node` user
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# Mount point for the quarantine volume; a new named volume takes this folder's owner.
RUN mkdir -p /app/quarantine && chown node:node /app/quarantine
USER node

# ---- backend: HTTP API on :3000 (health at /api/health), serves the built frontend
FROM runtime AS backend
ENV PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD node -e "fetch('http://localhost:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "apps/backend/dist/main.js"]

# ---- workers: BullMQ consumers (ingest, indexing)
FROM runtime AS workers
CMD ["node", "workers/dist/main.js"]
