-- Abuse limits shared by every API process on one database (README "Security").

-- Failed logins per client address (per-IP throttling on top of the per-account lockout). A row is written when an
-- attempt starts and deleted if it succeeds, so concurrent attempts count too; rows older than the window are pruned.
create table login_attempt (
  id bigserial primary key,
  client text not null,            -- the socket address, or X-Forwarded-For behind a trusted proxy
  at timestamptz not null
);
create index login_attempt_client_at on login_attempt (client, at);
create index login_attempt_at on login_attempt (at);

-- The API-token rate limit as one token bucket per presented bearer (its SHA-256), updated by a single upsert, so
-- several processes share it. An idle bucket refills completely within seconds: rows idle longer are pruned.
create table api_rate_bucket (
  key text primary key,
  tokens double precision not null,
  at timestamptz not null,
  allowed boolean not null         -- the decision of the last take, read back by the same statement
);
create index api_rate_bucket_at on api_rate_bucket (at);
