# Mandate (any store: EVENT_STORE, DATABASE_URL). Build: docker build -t mandate .
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npx nest build api && npx nest build worker && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/config ./config
COPY --from=build /app/web ./web
COPY package.json ./
VOLUME /data
EXPOSE 3000
CMD ["node", "dist/apps/api/apps/api/src/main.js"]
