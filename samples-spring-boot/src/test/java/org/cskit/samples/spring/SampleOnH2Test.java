package org.cskit.samples.spring;

import org.springframework.boot.test.context.SpringBootTest;

/** The sample on H2 in memory (application.properties), its nightly schedule set to a night that does not come during the test. */
@SpringBootTest(properties = "cskit.nightly.cron=0 0 2 29 2 *")
class SampleOnH2Test extends SampleScenario {
}
