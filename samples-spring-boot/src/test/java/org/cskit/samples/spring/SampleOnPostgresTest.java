package org.cskit.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.cskit.jdbc.PostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample on a real PostgreSQL, the one the cs-jdbc tests start ({@link PostgresServer}). */
@SpringBootTest(properties = "cskit.nightly.cron=0 0 2 29 2 *")
class SampleOnPostgresTest extends SampleScenario {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> PostgresServer.shared().url("postgres"));
    }

    @Autowired
    DataSource dataSource;

    @Test
    void dataSource_isPostgres() throws Exception {
        try (var c = dataSource.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
    }
}
