-- cskit schema, version 3, for PostgreSQL 12 or later (cs-jdbc): score_history keeps whether band
-- hysteresis held the band (band_held) and, under an active manual override, the score the scorecard
-- computed (computed_score, NULL without an override), so that vectorColumns reads them without the detail.
-- ${cskit_prefix} is the table prefix (cs-jdbc's default: cskit_). CsJdbc.migrate() replaces it;
-- with Flyway, set the placeholder cskit_prefix. Columns are described in cs-jdbc's README.
-- Rows written before version 3 read as not held and, where an override is in their detail, with a
-- NULL computed score (vectorOn still finds the override and its contributions in the detail).

ALTER TABLE ${cskit_prefix}score_history ADD COLUMN band_held BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE ${cskit_prefix}score_history ADD COLUMN computed_score DOUBLE PRECISION;

INSERT INTO ${cskit_prefix}schema_version (version, description) VALUES (3, 'score history: band held, computed score');
