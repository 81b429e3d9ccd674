# Self-hosting clusterlab: build the static site with Node, serve it with nginx and the shipped
# config (deploy/nginx/), which sends the COOP/COEP/CSP headers the labs need.
#   docker build -t clusterlab --build-arg SITE_URL=https://course.example.org .
#   docker run --rm -p 8080:8080 clusterlab      # then open http://localhost:8080/
# Team mode (site + team API from `clusterlab serve`, SQLite or PostgreSQL) is the `team` target;
# deploy/compose.yaml runs it with PostgreSQL:
#   docker build -t clusterlab-team --target team .

FROM node:24 AS build
WORKDIR /app
ENV ASTRO_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false
ARG SITE_URL=""
ENV SITE_URL=${SITE_URL}
COPY . .
# npm ci starts from an empty node_modules, whatever the build context held.
RUN npm ci --no-audit --no-fund && npm run build

# The same site served by one Node process with the team API; settings by environment (README).
FROM node:24-slim AS team
WORKDIR /app
ENV NODE_ENV=production NPM_CONFIG_UPDATE_NOTIFIER=false TEAM_MODE=1 DATABASE_URL=sqlite:/data/clusterlab-team.db
COPY --from=build /app /app
RUN npm prune --omit=dev --no-audit --no-fund && mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
CMD ["node", "bin/clusterlab.mjs", "serve"]

FROM nginx:stable
COPY deploy/nginx/clusterlab.conf /etc/nginx/conf.d/default.conf
COPY deploy/nginx/clusterlab-headers.conf /etc/nginx/clusterlab-headers.conf
COPY --from=build /app/dist /usr/share/nginx/html
EXPOSE 8080
