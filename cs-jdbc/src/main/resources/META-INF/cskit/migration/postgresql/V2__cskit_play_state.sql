-- cskit schema, version 2, for PostgreSQL 12 or later (cs-jdbc): the play state store (JdbcPlayStateStore).
-- ${cskit_prefix} is the table prefix (cs-jdbc's default: cskit_). CsJdbc.migrate() replaces it;
-- with Flyway, set the placeholder cskit_prefix. Columns are described in cs-jdbc's README.

CREATE TABLE ${cskit_prefix}play_state (
    account_id  VARCHAR(255) NOT NULL,
    playbook_id VARCHAR(255) NOT NULL,
    version     BIGINT       NOT NULL,
    status      VARCHAR(8)   NOT NULL,
    situation   BIGINT       NOT NULL,
    offered_at  BIGINT,
    last_play   BIGINT,
    recent      BYTEA NOT NULL,
    PRIMARY KEY (account_id, playbook_id)
);

INSERT INTO ${cskit_prefix}schema_version (version, description) VALUES (2, 'play state');
