package org.cskit.testkit.tck;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Priority;
import org.cskit.playbooks.Template;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;

/** The in-memory store keeps the store contract; reopening it is a snapshot and a restore. */
class InMemoryPlayStateStoreContractTest extends PlayStateStoreContract<InMemoryPlayStateStore> {
    private static final List<Playbook> SET = List.of(playbook("tck-playbook"), playbook("tck-other-playbook"));

    @Override
    protected InMemoryPlayStateStore newStore() {
        return new InMemoryPlayStateStore();
    }

    @Override
    protected InMemoryPlayStateStore reopen(InMemoryPlayStateStore store) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.snapshot(out, SET);
        return InMemoryPlayStateStore.restore(new ByteArrayInputStream(out.toByteArray()), SET, InMemoryPlayStateStore.SetChanges.REJECT)
                .store();
    }

    private static Playbook playbook(String id) {
        return Playbook.builder().id(id).name(id).trigger(new Trigger.Manual())
                .addActions(new Action.Task(Template.of("call"), "CSM", 1, Priority.NORMAL)).build();
    }
}
