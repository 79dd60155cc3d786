package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Validate;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Operator;

/** A condition resolved against a feature schema; comparisons are shared atoms evaluated once per account. */
abstract class CompiledCondition {
    abstract boolean test(EvalContext c);

    abstract String describe();

    /** What the fields the condition reads held, such as {@code logins_14d = 4}. */
    abstract String actual(EvalContext c);

    /** Compiles a condition; identical comparisons across playbooks share one atom. */
    static CompiledCondition compile(Condition condition, FeatureSchema schema, String path, Map<String, Integer> atoms,
            List<EvalContext.Atom> atomList) {
        if (condition instanceof Condition.Compare cmp) {
            FieldReader field = FieldReader.of(cmp.field(), schema, path + ".field");
            String key = cmp.field() + " " + cmp.op().symbol() + " " + cmp.value();
            Integer index = atoms.get(key);
            if (index == null) {
                index = atomList.size();
                atoms.put(key, index);
                double threshold = cmp.value();
                Operator op = cmp.op();
                atomList.add(c -> {
                    double v = field.number(c);
                    return !Double.isNaN(v) && op.test(v, threshold);
                });
            }
            int atom = index;
            EvalContext.Atom test = atomList.get(atom);
            String text = cmp.field() + " " + cmp.op().symbol() + " " + Validate.format(cmp.value());
            return new Leaf(text, List.of(field)) {
                @Override
                boolean test(EvalContext c) {
                    return c.atom(atom, test);
                }
            };
        }
        if (condition instanceof Condition.Is is) {
            FieldReader field = text(is.field(), schema, path);
            String value = is.value();
            return new Leaf(is.field() + " is '" + value + "'", List.of(field)) {
                @Override
                boolean test(EvalContext c) {
                    return value.equals(field.text(c));
                }
            };
        }
        if (condition instanceof Condition.In in) {
            FieldReader field = text(in.field(), schema, path);
            List<String> values = in.values();
            return new Leaf(in.field() + " in " + values, List.of(field)) {
                @Override
                boolean test(EvalContext c) {
                    String t = field.text(c);
                    return t != null && values.contains(t);
                }
            };
        }
        if (condition instanceof Condition.Present p) {
            FieldReader field = FieldReader.of(p.field(), schema, path + ".field");
            return new Leaf(p.field() + " is present", List.of(field)) {
                @Override
                boolean test(EvalContext c) {
                    return field.isPresent(c);
                }
            };
        }
        if (condition instanceof Condition.Absent a) {
            FieldReader field = FieldReader.of(a.field(), schema, path + ".field");
            return new Leaf(a.field() + " is missing", List.of(field)) {
                @Override
                boolean test(EvalContext c) {
                    return !field.isPresent(c);
                }
            };
        }
        if (condition instanceof Condition.AllOf all) {
            return new Group(compileAll(all.conditions(), schema, path, atoms, atomList), true);
        }
        if (condition instanceof Condition.AnyOf any) {
            return new Group(compileAll(any.conditions(), schema, path, atoms, atomList), false);
        }
        Condition.Not not = (Condition.Not) condition;
        CompiledCondition inner = compile(not.condition(), schema, path + ".condition", atoms, atomList);
        return new CompiledCondition() {
            @Override
            boolean test(EvalContext c) {
                return !inner.test(c);
            }

            @Override
            String describe() {
                return "not (" + inner.describe() + ")";
            }

            @Override
            String actual(EvalContext c) {
                return inner.actual(c);
            }
        };
    }

    private static FieldReader text(String name, FeatureSchema schema, String path) {
        return FieldReader.of(name, schema, path + ".field");
    }

    private static List<CompiledCondition> compileAll(List<Condition> conditions, FeatureSchema schema, String path,
            Map<String, Integer> atoms, List<EvalContext.Atom> atomList) {
        List<CompiledCondition> compiled = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            compiled.add(compile(conditions.get(i), schema, path + ".conditions[" + i + "]", atoms, atomList));
        }
        return compiled;
    }

    private abstract static class Leaf extends CompiledCondition {
        private final String text;
        private final List<FieldReader> fields;

        Leaf(String text, List<FieldReader> fields) {
            this.text = text;
            this.fields = fields;
        }

        @Override
        String describe() {
            return text;
        }

        @Override
        String actual(EvalContext c) {
            StringBuilder sb = new StringBuilder();
            for (FieldReader f : fields) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(f.name).append(" = ").append(f.display(c));
            }
            return sb.toString();
        }
    }

    private static final class Group extends CompiledCondition {
        private final CompiledCondition[] parts;
        private final boolean all;
        private final String description; // the same for every play: built once

        Group(List<CompiledCondition> parts, boolean all) {
            this.parts = parts.toArray(new CompiledCondition[0]);
            this.all = all;
            List<String> texts = new ArrayList<>();
            for (CompiledCondition part : parts) {
                texts.add(part.describe());
            }
            this.description = "(" + String.join(all ? " and " : " or ", texts) + ")";
        }

        @Override
        boolean test(EvalContext c) {
            for (CompiledCondition part : parts) {
                if (part.test(c) != all) {
                    return !all;
                }
            }
            return all;
        }

        @Override
        String describe() {
            return description;
        }

        @Override
        String actual(EvalContext c) {
            List<String> texts = new ArrayList<>();
            for (CompiledCondition part : parts) {
                texts.add(part.actual(c));
            }
            return String.join("; ", texts);
        }
    }
}
