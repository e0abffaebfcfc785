/**
 * The baseline's log in PostgreSQL: one row per attempt, written by ONE INSERT per attempt, as its worker
 * writes it (worker.ts) and as the store scenario replays it (../store.ts).
 */

export const CREATE_DELIVERY_LOG = `CREATE TABLE IF NOT EXISTS delivery_log (
  id bigserial PRIMARY KEY,
  url text NOT NULL,
  status_code integer,
  duration_ms double precision NOT NULL,
  request_body text NOT NULL,
  response_body text,
  created_at timestamptz NOT NULL DEFAULT now()
)`;

/** Parameters: url, status code, duration in ms, request body, response body. */
export const INSERT_ATTEMPT = 'INSERT INTO delivery_log (url, status_code, duration_ms, request_body, response_body) VALUES ($1, $2, $3, $4, $5)';
