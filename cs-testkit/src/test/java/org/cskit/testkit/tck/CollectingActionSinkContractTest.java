package org.cskit.testkit.tck;

import java.util.List;
import org.cskit.playbooks.Play;
import org.cskit.testkit.CollectingActionSink;

class CollectingActionSinkContractTest extends ActionSinkContract<CollectingActionSink> {

    @Override
    protected CollectingActionSink newSink() {
        return new CollectingActionSink();
    }

    @Override
    protected List<Play> delivered(CollectingActionSink sink) {
        return sink.delivered();
    }
}
