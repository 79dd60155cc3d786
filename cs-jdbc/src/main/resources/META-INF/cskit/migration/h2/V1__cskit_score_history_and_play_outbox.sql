-- cskit schema, version 1, for H2 2.x (cs-jdbc).
-- ${cskit_prefix} is the table prefix (cs-jdbc's default: cskit_). CsJdbc.migrate() replaces it;
-- with Flyway, set the placeholder cskit_prefix. Columns are described in cs-jdbc's README.

CREATE TABLE ${cskit_prefix}schema_version (
    version      INTEGER      NOT NULL PRIMARY KEY,
    description  VARCHAR(200) NOT NULL,
    installed_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE ${cskit_prefix}score_history (
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
    PRIMARY KEY (account_id, score_day)
);
CREATE INDEX ${cskit_prefix}score_history_day ON ${cskit_prefix}score_history (score_day);

CREATE TABLE ${cskit_prefix}play_outbox (
    idempotency_key VARCHAR(512)  NOT NULL PRIMARY KEY,
    account_id      VARCHAR(255)  NOT NULL,
    playbook_id     VARCHAR(255)  NOT NULL,
    play_json       VARCHAR(1000000) NOT NULL,
    enqueued_at_us  BIGINT        NOT NULL,
    due_at_us       BIGINT        NOT NULL,
    picked          BOOLEAN       NOT NULL,
    picked_by       VARCHAR(128),
    picked_at_us    BIGINT,
    attempts        INTEGER       NOT NULL,
    last_failure    VARCHAR(2000),
    delivered_at_us BIGINT,
    version         BIGINT        NOT NULL
);
CREATE INDEX ${cskit_prefix}play_outbox_due ON ${cskit_prefix}play_outbox (delivered_at_us, due_at_us);

INSERT INTO ${cskit_prefix}schema_version (version, description) VALUES (1, 'score history and play outbox');
