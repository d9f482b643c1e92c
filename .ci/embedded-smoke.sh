#!/usr/bin/env bash
# Boots the built server on the embedded database with nothing else configured:
# /health/ready must answer 200, and a migration round trip must work through the CLI.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=18080
export SYSTEMPROMPT_PROFILE="$work/profile.yaml"
cat > "$SYSTEMPROMPT_PROFILE" <<YAML
server: { port: $port }
paths: { data: $work/data, services: $PWD/config/services }
secrets: { source: file, path: $work/data/secrets.json, create_if_missing: true }
YAML
unset DATABASE_URL REDIS_URL
start=$(date +%s%N)
node dist/src/main.js > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 150); do
  if curl -sf "http://127.0.0.1:$port/health/ready" > "$work/ready.json"; then break; fi
  sleep 0.2
done
curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null || { echo "embedded smoke: /health/ready did not answer 200"; cat "$work/server.log"; exit 1; }
echo "embedded smoke: /health/ready 200 after $(( ($(date +%s%N) - start) / 1000000 )) ms"
kill -TERM $pid; wait $pid || { echo "embedded smoke: server exit code $?"; exit 1; }
node bin/systemprompt.js infra db status | tail -1
node bin/systemprompt.js infra db migrate
echo "embedded smoke: ok"
