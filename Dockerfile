# keydoctor: multi-stage image. The build stage installs the locked dependencies (better-sqlite3
# compiles its native module when no prebuilt binary can be had), compiles TypeScript and builds the
# production tree with scripts/production-tree.sh; the runtime stage carries only that tree and
# runs as the unprivileged `node` user. Node 24 is a maintained LTS line (the package itself also
# supports Node 20.12+, which the tests run on).
#
#   docker build -t keydoctor .
#   docker run -d --name keydoctor -v keydoctor-data:/data -p 8080:8080 --env-file .env keydoctor
#   docker run -it --rm -v keydoctor-data:/data keydoctor      # console mode (no platform tokens)

# ---- build ------------------------------------------------------------------------------------
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
# The toolchain for better-sqlite3's fallback compile (node-gyp).
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# The official image ships Node's headers under /usr/local/include/node: node-gyp uses them instead
# of downloading a header tarball during the build.
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
COPY knowledge ./knowledge
COPY scripts ./scripts
RUN scripts/production-tree.sh /prod

# ---- runtime ----------------------------------------------------------------------------------
FROM node:24.21.0-bookworm-slim AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    OPS_PORT=8080 \
    OPS_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /prod /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# 8080: the ops endpoint (/healthz, /metrics); 3000: Slack events in HTTP mode (SLACK_PORT).
EXPOSE 8080
EXPOSE 3000
# Follows OPS_HOST/OPS_PORT (and passes with OPS_PORT=off, where there is no endpoint to ask).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "bin/healthcheck.js"]
CMD ["node", "dist/main.js"]
