-- Schema version 3: job-board snapshots (board_snapshots), where and when each posting was seen in them (posting_sightings), first_seen/last_seen on the postings view, and the board_postings view.

-- One row per job-board snapshot loaded (careerlens fetch greenhouse|lever|ashby|usajobs).
CREATE TABLE IF NOT EXISTS board_snapshots (
    file_id    INTEGER NOT NULL,
    provider   VARCHAR NOT NULL,        -- greenhouse | lever | ashby | usajobs
    board      VARCHAR NOT NULL,        -- the board token, Lever site, or USAJOBS series label
    fetched_at TIMESTAMP NOT NULL,      -- UTC
    jobs       INTEGER NOT NULL         -- postings the board listed (rejected ones included)
);

-- One row per posting per snapshot it was listed in.
CREATE TABLE IF NOT EXISTS posting_sightings (
    posting_id  VARCHAR NOT NULL,
    source_key  VARCHAR NOT NULL,       -- the provider's stable id: greenhouse:{board}:{id}, usajobs:{control number}
    provider    VARCHAR NOT NULL,
    board       VARCHAR NOT NULL,
    seen_at     TIMESTAMP NOT NULL,     -- the snapshot's fetch time, UTC
    file_id     INTEGER NOT NULL,
    url         VARCHAR,                -- the posting's page at the provider
    department  VARCHAR,                -- departments / team as the board files it
    closes_on   DATE,                   -- USAJOBS positionCloseDate
    occupational_series VARCHAR         -- USAJOBS series (four digits), mapped to SOC by data/taxonomy/usajobs_series_soc.csv
);

CREATE OR REPLACE VIEW postings AS
SELECT posting_id, source, s.file_name AS source_file, source_row, source_key,
       title, description, company, role, soc_code, seniority, naics_sector,
       industry_raw, sector_raw, country, state, remote, posted_date,
       salary_min_usd, salary_max_usd, salary_mid_usd, salary_period, salary_kind,
       salary_text, salary_min, salary_max, salary_currency, salary_flag,
       location_raw, employment_type, skills, role_method,
       seen.first_seen, seen.last_seen
FROM stored_postings p JOIN sources s USING (file_id)
LEFT JOIN (SELECT posting_id, min(seen_at) AS first_seen, max(seen_at) AS last_seen
           FROM posting_sightings GROUP BY posting_id) seen USING (posting_id);

-- One row per job-board posting: when it was first and last listed, and whether its board's latest snapshot still lists it.
CREATE OR REPLACE VIEW board_postings AS
WITH latest AS (
    SELECT provider, board, max(fetched_at) AS latest_snapshot FROM board_snapshots GROUP BY provider, board
)
SELECT g.source_key, g.posting_id, g.provider, g.board,
       min(g.seen_at) AS first_seen, max(g.seen_at) AS last_seen, count(*) AS snapshots,
       max(g.seen_at) >= any_value(l.latest_snapshot) AS still_listed,
       arg_max(g.url, g.seen_at) AS url, arg_max(g.department, g.seen_at) AS department,
       arg_max(g.closes_on, g.seen_at) AS closes_on, arg_max(g.occupational_series, g.seen_at) AS occupational_series
FROM posting_sightings g JOIN latest l USING (provider, board)
GROUP BY g.source_key, g.posting_id, g.provider, g.board;
