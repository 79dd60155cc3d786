/**
 * cskit on a database. The entry point is {@link org.cskit.jdbc.CsJdbc}: it holds the host's
 * data source and table prefix, runs the migrations and hands out the
 * {@link org.cskit.jdbc.JdbcPlayStateStore play state store}, the
 * {@link org.cskit.jdbc.JdbcScoreHistory score history} and the
 * {@link org.cskit.jdbc.PlayOutbox play outbox}; {@link org.cskit.jdbc.JdbcPlays} runs the playbook
 * engine on them with each slice of a night, and each event, in one transaction. Failures are {@link org.cskit.jdbc.JdbcStoreException}s
 * (a {@link org.cskit.jdbc.SchemaVersionException} for tables at another version); input a table
 * cannot hold is an {@link org.cskit.model.ValidationException} before anything is written.
 */
package org.cskit.jdbc;
