# keydoctor: multi-stage image. The build stage compiles TypeScript and builds better-sqlite3's
# native module from source; the runtime stage carries only dist/, production node_modules and
# the knowledge base, and runs as the unprivileged `node` user.
#
#   docker build -t keydoctor .
#   docker run -d --name keydoctor -v keydoctor-data:/data -p 8080:8080 --env-file .env keydoctor
#   docker run -it --rm -v keydoctor-data:/data keydoctor      # console mode (no platform tokens)

# ---- build ------------------------------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 12 compiles from source (.npmrc: build-from-source=true) and needs a toolchain.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# The official image ships Node's headers under /usr/local/include/node: node-gyp uses them instead
# of downloading a header tarball during the build.
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

# ---- runtime ----------------------------------------------------------------------------------
FROM node:20.20.2-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    OPS_PORT=8080 \
    OPS_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY knowledge ./knowledge
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# 8080: the ops endpoint (/healthz, /metrics); 3000: Slack events in HTTP mode (SLACK_PORT).
EXPOSE 8080
EXPOSE 3000
# slim has no curl: Node's own fetch asks /healthz (200 only when knowledge and adapters are ready).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/main.js"]
