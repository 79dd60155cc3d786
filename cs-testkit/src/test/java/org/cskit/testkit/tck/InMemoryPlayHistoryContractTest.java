package org.cskit.testkit.tck;

import org.cskit.playbooks.engine.InMemoryPlayHistory;
import org.cskit.playbooks.spi.PlayHistory;

class InMemoryPlayHistoryContractTest extends PlayHistoryContract {

    @Override
    protected PlayHistory newHistory() {
        return new InMemoryPlayHistory();
    }
}
