#!/usr/bin/env bash
# Regenerates api/src/db/types.ts from the migrations: migrate a scratch PostgreSQL database, introspect it with
# kysely-codegen, then map int8/numeric to number and date columns to 'YYYY-MM-DD' strings (connection.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."
db=rexian_codegen
psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $db" -c "create database $db"
DATABASE_URL=postgres://postgres@127.0.0.1:5432/$db npx tsx api/src/cli.ts migrate
tmp=$(mktemp -d)
(cd "$tmp" && npm init -y >/dev/null && npm i --silent kysely-codegen@0.20.0 kysely@0.28.19 pg typescript@5.9.3 >/dev/null)
"$tmp/node_modules/.bin/kysely-codegen" --url postgres://postgres@127.0.0.1:5432/$db --camel-case \
  --exclude-pattern 'kysely_*' --out-file "$PWD/api/src/db/types.ts"
python3 api/scripts/db-types-fix.py api/src/db/types.ts
rm -rf "$tmp"
