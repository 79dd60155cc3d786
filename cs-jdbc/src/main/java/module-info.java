/**
 * cskit on a database: play state, score history and a transactional play outbox on PostgreSQL and H2, in
 * plain JDBC over the host's {@link javax.sql.DataSource}. The entry point is
 * {@link org.cskit.jdbc.CsJdbc}.
 */
module org.cskit.jdbc {
    requires transitive java.sql;
    requires transitive org.cskit.scoring;
    requires transitive org.cskit.playbooks;
    requires org.slf4j;
    requires static org.postgresql.jdbc;

    exports org.cskit.jdbc;
}
