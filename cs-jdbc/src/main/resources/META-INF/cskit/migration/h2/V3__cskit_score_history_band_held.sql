-- cskit schema, version 3, for H2 2.x (cs-jdbc): score_history keeps whether band
-- hysteresis held the band (band_held) and, under an active manual override, the score the scorecard
-- computed (computed_score, NULL without an override), so that vectorColumns reads them without the detail.
-- ${cskit_prefix} is the table prefix (cs-jdbc's default: cskit_). CsJdbc.migrate() replaces it;
-- with Flyway, set the placeholder cskit_prefix. Columns are described in cs-jdbc's README.
-- Rows written before version 3 read as not held and, where an override is in their detail, with a
-- NULL computed score (vectorOn still finds the override and its contributions in the detail).
-- The table is rebuilt rather than altered: after ALTER TABLE ... ADD COLUMN, H2 2.3 plans the save's
-- MERGE on the score_day index instead of the primary key, and a save of 12,000 new rows took 20 times
-- as long (measured: 92 s against 5 s).

CREATE TABLE ${cskit_prefix}score_history_v3 (
    account_id        VARCHAR(255)     NOT NULL,
    score_day         DATE             NOT NULL,
    as_of_us          BIGINT           NOT NULL,
    score             DOUBLE PRECISION NOT NULL,
    band_label        VARCHAR(64)      NOT NULL,
    band_rank         INTEGER          NOT NULL,
    direction         VARCHAR(16)      NOT NULL,
    velocity          DOUBLE PRECISION NOT NULL,
    coverage          DOUBLE PRECISION NOT NULL,
    scorecard_id      VARCHAR(255)     NOT NULL,
    scorecard_version INTEGER          NOT NULL,
    detail            VARBINARY(1000000) NOT NULL,
    band_held         BOOLEAN          NOT NULL DEFAULT FALSE,
    computed_score    DOUBLE PRECISION,
    PRIMARY KEY (account_id, score_day)
);
INSERT INTO ${cskit_prefix}score_history_v3 (account_id, score_day, as_of_us, score, band_label, band_rank, direction,
    velocity, coverage, scorecard_id, scorecard_version, detail)
    SELECT account_id, score_day, as_of_us, score, band_label, band_rank, direction, velocity, coverage, scorecard_id,
    scorecard_version, detail FROM ${cskit_prefix}score_history;
DROP TABLE ${cskit_prefix}score_history;
ALTER TABLE ${cskit_prefix}score_history_v3 RENAME TO ${cskit_prefix}score_history;
CREATE INDEX ${cskit_prefix}score_history_day ON ${cskit_prefix}score_history (score_day);

INSERT INTO ${cskit_prefix}schema_version (version, description) VALUES (3, 'score history: band held, computed score');
