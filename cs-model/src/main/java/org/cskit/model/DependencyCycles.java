package org.cskit.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds a dependency cycle among a plan's milestones (depth-first, three colours). */
final class DependencyCycles {
    private DependencyCycles() {}

    /**
     * Returns one cycle as the ids along it, first id repeated at the end ({@code a -> b -> a}), or
     * an empty list. Assumes every dependency names a milestone of the list.
     */
    static List<MilestoneId> find(List<Milestone> milestones) {
        Map<MilestoneId, Milestone> byId = new HashMap<>();
        milestones.forEach(m -> byId.put(m.id(), m));
        Map<MilestoneId, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        List<MilestoneId> path = new ArrayList<>();
        for (Milestone m : milestones) {
            List<MilestoneId> cycle = visit(m.id(), byId, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        return List.of();
    }

    private static List<MilestoneId> visit(MilestoneId id, Map<MilestoneId, Milestone> byId,
            Map<MilestoneId, Integer> state, List<MilestoneId> path) {
        Integer s = state.get(id);
        if (s != null) {
            if (s == 1) {
                List<MilestoneId> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
                cycle.add(id);
                return cycle;
            }
            return List.of();
        }
        state.put(id, 1);
        path.add(id);
        for (MilestoneId next : byId.get(id).dependsOn()) {
            List<MilestoneId> cycle = visit(next, byId, state, path);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
        return List.of();
    }
}
