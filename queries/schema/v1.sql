-- Creates the careerlens store, schema version 1: tables for loaded files, rejects, postings, survey salaries, OEWS wages and O*NET references, and the public views.

CREATE TABLE careerlens_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- One row per file that was loaded (a file whose sha256 is here is never loaded twice).
CREATE TABLE sources (
    file_id        INTEGER PRIMARY KEY,
    file_name      VARCHAR NOT NULL,
    file_path      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL UNIQUE,
    format         VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,     -- postings | salary_records | oews | onet
    rows_read      BIGINT NOT NULL,
    rows_loaded    BIGINT NOT NULL,
    rows_rejected  BIGINT NOT NULL,
    rows_duplicate BIGINT NOT NULL,
    identical_records BIGINT,            -- survey files: rows identical to another row (kept)
    loaded_at      TIMESTAMP NOT NULL,
    load_seconds   DOUBLE NOT NULL,
    careerlens_version VARCHAR NOT NULL,
    notes          VARCHAR
);

-- Rows refused (action = 'row_rejected') and fields cleared on a loaded row (action = 'field_cleared').
CREATE TABLE rejects (
    file_id    INTEGER NOT NULL,
    file_name  VARCHAR NOT NULL,
    source_row BIGINT,
    field      VARCHAR,
    reason     VARCHAR NOT NULL,
    raw_value  VARCHAR,
    action     VARCHAR NOT NULL
);

CREATE TABLE stored_postings (
    posting_id      VARCHAR NOT NULL,   -- md5 of the normalised content: exact duplicates share it
    source          VARCHAR NOT NULL,
    file_id         INTEGER NOT NULL,
    source_row      BIGINT NOT NULL,
    source_key      VARCHAR,            -- the publisher's own id where there is one
    title           VARCHAR,
    description     VARCHAR,
    company         VARCHAR,
    industry_raw    VARCHAR,
    sector_raw      VARCHAR,
    location_raw    VARCHAR,
    seniority_raw   VARCHAR,
    employment_type VARCHAR,
    skills          VARCHAR[],
    role            VARCHAR,
    soc_code        VARCHAR,
    role_method     VARCHAR,            -- pattern | onet | onet_partial | none
    seniority       VARCHAR,
    naics_sector    VARCHAR,
    country         VARCHAR,
    state           VARCHAR,
    remote          BOOLEAN,
    posted_date     DATE,
    salary_text     VARCHAR,
    salary_min      DOUBLE,
    salary_max      DOUBLE,
    salary_currency VARCHAR,
    salary_period   VARCHAR,            -- hour | week | biweek | month | year
    salary_kind     VARCHAR,            -- employer | estimate
    salary_min_usd  DOUBLE,
    salary_max_usd  DOUBLE,
    salary_mid_usd  DOUBLE,
    salary_flag     VARCHAR             -- NULL, or why the annual figure is doubtful
);

-- Every row of every posting file, duplicates included, so (file, row) always resolves to a posting.
CREATE TABLE posting_occurrences (
    posting_id VARCHAR NOT NULL,
    file_id    INTEGER NOT NULL,
    source_row BIGINT NOT NULL
);

CREATE TABLE stored_salary_records (
    record_id        VARCHAR NOT NULL,
    source           VARCHAR NOT NULL,
    file_id          INTEGER NOT NULL,
    source_row       BIGINT NOT NULL,
    work_year        INTEGER,
    experience_level VARCHAR,           -- EN | MI | SE | EX as published
    employment_type  VARCHAR,
    job_title        VARCHAR,
    role             VARCHAR,
    soc_code         VARCHAR,
    salary           DOUBLE,
    salary_currency  VARCHAR,
    salary_usd       DOUBLE,
    employee_country VARCHAR,
    company_country  VARCHAR,
    company_size     VARCHAR,
    remote_ratio     INTEGER,
    salary_flag      VARCHAR
);

CREATE TABLE stored_oews_wages (
    release        VARCHAR NOT NULL,
    area_type      VARCHAR NOT NULL,    -- national | state | metro
    area_code      VARCHAR NOT NULL,
    area_name      VARCHAR,
    industry_code  VARCHAR NOT NULL,
    industry_name  VARCHAR,
    naics_sector   VARCHAR,
    soc_code       VARCHAR NOT NULL,
    occupation     VARCHAR,
    employment     DOUBLE,
    annual_mean    DOUBLE,
    annual_p10     DOUBLE,
    annual_p25     DOUBLE,
    annual_median  DOUBLE,
    annual_p75     DOUBLE,
    annual_p90     DOUBLE,
    hourly_mean    DOUBLE,
    hourly_median  DOUBLE,
    flags          VARCHAR[],           -- e.g. 'annual_p90:top_coded' for values BLS does not publish as a number
    file_id        INTEGER NOT NULL
);

CREATE TABLE onet_occupations (
    onet_soc_code VARCHAR NOT NULL,     -- 15-2051.00
    soc_code      VARCHAR NOT NULL,     -- 15-2051
    title         VARCHAR,
    description   VARCHAR,
    release       VARCHAR,
    file_id       INTEGER NOT NULL
);

CREATE TABLE onet_titles (
    onet_soc_code VARCHAR NOT NULL,
    soc_code      VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    title_key     VARCHAR NOT NULL,     -- lower-case, single-spaced: what title lookups join on
    title_kind    VARCHAR NOT NULL,     -- occupation | alternate | reported
    release       VARCHAR,
    file_id       INTEGER NOT NULL
);

CREATE TABLE onet_technology_skills (
    onet_soc_code   VARCHAR NOT NULL,
    soc_code        VARCHAR NOT NULL,
    example         VARCHAR,
    commodity_code  VARCHAR,
    commodity_title VARCHAR,
    hot_technology  BOOLEAN,
    in_demand       BOOLEAN,
    release         VARCHAR,
    file_id         INTEGER NOT NULL
);

CREATE TABLE onet_knowledge (
    onet_soc_code VARCHAR NOT NULL,
    soc_code      VARCHAR NOT NULL,
    element_id    VARCHAR,
    element_name  VARCHAR,
    scale_id      VARCHAR,              -- IM importance (1-5) | LV level (0-7)
    data_value    DOUBLE,
    n             DOUBLE,
    recommend_suppress BOOLEAN,
    not_relevant  BOOLEAN,
    release       VARCHAR,
    file_id       INTEGER NOT NULL
);

-- Topic labels from the classifier: one row per (posting, topic) scored; every positive carries evidence.
CREATE TABLE posting_topics (
    posting_id    VARCHAR NOT NULL,
    topic_id      VARCHAR NOT NULL,
    score         DOUBLE NOT NULL,
    is_positive   BOOLEAN NOT NULL,
    evidence      VARCHAR,             -- the sentence(s) that carried the decision
    model_id      VARCHAR NOT NULL
);

-- Trained classifiers, with what they were trained on (curriculum hash, corpus, parameters, date).
CREATE TABLE classifier_models (
    model_id        VARCHAR PRIMARY KEY,
    curriculum_name VARCHAR NOT NULL,
    curriculum_hash VARCHAR NOT NULL,
    trained_at      TIMESTAMP NOT NULL,
    metadata        JSON NOT NULL,       -- parameters, training corpus counts, seed, versions
    model_blob      BLOB NOT NULL        -- the fitted model, serialised
);

CREATE VIEW postings AS
SELECT posting_id, source, s.file_name AS source_file, source_row, source_key,
       title, description, company, role, soc_code, seniority, naics_sector,
       industry_raw, sector_raw, country, state, remote, posted_date,
       salary_min_usd, salary_max_usd, salary_mid_usd, salary_period, salary_kind,
       salary_text, salary_min, salary_max, salary_currency, salary_flag,
       location_raw, employment_type, skills, role_method
FROM stored_postings p JOIN sources s USING (file_id);

CREATE VIEW salary_records AS
SELECT record_id, source, s.file_name AS source_file, source_row, work_year, job_title,
       role, soc_code, experience_level, employment_type, salary, salary_currency,
       salary_usd, employee_country, company_country, company_size, remote_ratio, salary_flag
FROM stored_salary_records r JOIN sources s USING (file_id);

CREATE VIEW oews_wages AS
SELECT release, area_type, area_code, area_name, industry_code, industry_name, naics_sector,
       CASE WHEN industry_code = '000000' THEN 'cross_industry'
            WHEN industry_code = '000001' THEN 'cross_industry_private'
            WHEN industry_code LIKE '%-%' OR industry_code LIKE '999%' THEN 'sector'
            WHEN industry_code LIKE '___000' THEN 'subsector'
            WHEN industry_code LIKE '____00' THEN 'industry_group'
            ELSE 'industry' END AS industry_level,   -- sum or compare rows of one level only
       soc_code, occupation, employment, annual_mean, annual_p10, annual_p25, annual_median,
       annual_p75, annual_p90, hourly_mean, hourly_median, flags
FROM stored_oews_wages;
