package org.cskit.playbooks.engine;

import java.time.Instant;
import java.util.Optional;
import org.cskit.model.FeatureSchema;
import org.cskit.model.StandardFeatures;
import org.cskit.model.Validate;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.event.AccountEvent;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.event.ChampionChanged;
import org.cskit.model.event.ContractRenewed;
import org.cskit.model.event.ExecutiveSponsorChanged;
import org.cskit.model.event.LifecycleStageChanged;
import org.cskit.model.event.MilestoneAchieved;
import org.cskit.model.event.MilestoneMissed;
import org.cskit.model.event.PlanRevised;
import org.cskit.playbooks.Trigger;

/**
 * A trigger resolved against a feature schema. {@link #fires} says whether it starts a play now;
 * {@link #holds} whether its situation still holds (for auto-close); {@link #situation} names the
 * situation, so that one open play per situation is kept.
 */
abstract class CompiledTrigger {
    abstract boolean fires(EvalContext c, String playbookId);

    abstract boolean holds(EvalContext c);

    abstract String situation(EvalContext c);

    abstract String describe(EvalContext c);

    /** Whether plays of this trigger close when the situation clears; momentary triggers (events, cadence, manual) do not. */
    boolean autoClosable() {
        return true;
    }

    /**
     * The situation of a row as a number: equal codes are equal situations ({@link #situation}).
     * For triggers whose situation is fixed per playbook, 0.
     *
     * @param day the as-of day, as an epoch day
     */
    long situationCode(AccountBatch columns, int row, long day) {
        return 0;
    }

    /** Whether {@link #situationCode} is 0 for every row: true unless overridden. */
    boolean fixedSituation() {
        return true;
    }

    /** Whether this is a cadence trigger, which fires when {@link #due} says so. */
    boolean isCadence() {
        return false;
    }

    /** The event type for event triggers, else null. */
    String eventType() {
        return null;
    }

    static CompiledTrigger compile(Trigger trigger, FeatureSchema schema, String path) {
        if (trigger instanceof Trigger.OnEvent e) {
            return new OnEvent(e.event());
        }
        if (trigger instanceof Trigger.BandEntered b) {
            return new Band(b.band(), true);
        }
        if (trigger instanceof Trigger.BandLeft b) {
            return new Band(b.band(), false);
        }
        if (trigger instanceof Trigger.DirectionTurned d) {
            String to = d.to().name();
            return new Level("direction:" + to) {
                @Override
                boolean holds(EvalContext c) {
                    return to.equals(c.direction());
                }

                @Override
                boolean fires(EvalContext c, String playbookId) {
                    return holds(c) && !to.equals(c.previousDirection());
                }

                @Override
                String describe(EvalContext c) {
                    String before = c.previousDirection();
                    return "direction turned " + to + (before == null ? "" : " (was " + before + ")");
                }
            };
        }
        if (trigger instanceof Trigger.Threshold t) {
            FieldReader field = FieldReader.of(t.field(), schema, path + ".field");
            return new Level("threshold:" + t.field()) {
                @Override
                boolean holds(EvalContext c) {
                    double v = field.number(c);
                    return !Double.isNaN(v) && t.op().test(v, t.value());
                }

                @Override
                String describe(EvalContext c) {
                    return t.field() + " " + t.op().symbol() + " " + Validate.format(t.value()) + " (was " + field.display(c) + ")";
                }
            };
        }
        if (trigger instanceof Trigger.DaysBeforeRenewal r) {
            FieldReader days = FieldReader.of(StandardFeatures.DAYS_TO_RENEWAL, schema, path);
            return new CompiledTrigger() {
                @Override
                boolean holds(EvalContext c) {
                    double d = days.number(c);
                    return !Double.isNaN(d) && d >= 0 && d <= r.days();
                }

                @Override
                boolean fires(EvalContext c, String playbookId) {
                    return holds(c);
                }

                @Override
                String situation(EvalContext c) {
                    return "renewal:" + c.day().plusDays((long) days.number(c));
                }

                @Override
                boolean fixedSituation() {
                    return false;
                }

                @Override
                long situationCode(AccountBatch columns, int row, long day) {
                    return day + (long) days.number(columns, row);
                }

                @Override
                String describe(EvalContext c) {
                    return "renewal in " + days.display(c) + " days (within " + r.days() + ")";
                }
            };
        }
        if (trigger instanceof Trigger.DaysAfterStart s) {
            FieldReader age = FieldReader.of(StandardFeatures.DAYS_SINCE_START, schema, path);
            return new CompiledTrigger() {
                @Override
                boolean holds(EvalContext c) {
                    double d = age.number(c);
                    return !Double.isNaN(d) && d >= s.from() && d < s.to();
                }

                @Override
                boolean fires(EvalContext c, String playbookId) {
                    return holds(c);
                }

                @Override
                String situation(EvalContext c) {
                    return "start:" + c.day().minusDays((long) age.number(c)) + ":days " + s.from() + "-" + s.to();
                }

                @Override
                boolean fixedSituation() {
                    return false;
                }

                @Override
                long situationCode(AccountBatch columns, int row, long day) {
                    return day - (long) age.number(columns, row);
                }

                @Override
                String describe(EvalContext c) {
                    return "day " + age.display(c) + " after start (window " + s.from() + " to " + s.to() + ")";
                }
            };
        }
        if (trigger instanceof Trigger.MilestoneOverdue m) {
            FieldReader overdue = FieldReader.of(StandardFeatures.MAX_DAYS_OVERDUE, schema, path);
            return new Level("milestone-overdue") {
                @Override
                boolean holds(EvalContext c) {
                    double d = overdue.number(c);
                    return !Double.isNaN(d) && d >= m.days();
                }

                @Override
                String describe(EvalContext c) {
                    return "a milestone is " + overdue.display(c) + " days overdue (at least " + m.days() + ")";
                }
            };
        }
        if (trigger instanceof Trigger.Every e) {
            return new Momentary() {
                @Override
                boolean due(Instant last, Instant now) {
                    return !now.isBefore(plus(last, e.period()));
                }

                @Override
                boolean isCadence() {
                    return true;
                }

                @Override
                boolean fires(EvalContext c, String playbookId) {
                    Optional<Instant> last = c.history.lastPlay(c.accountId(), playbookId);
                    return last.isEmpty() || due(last.get(), c.asOf());
                }

                @Override
                String situation(EvalContext c) {
                    return "every:" + c.day();
                }

                @Override
                boolean fixedSituation() {
                    return false;
                }

                @Override
                long situationCode(AccountBatch columns, int row, long day) {
                    return day;
                }

                @Override
                String describe(EvalContext c) {
                    return "cadence " + e.period();
                }
            };
        }
        return new Momentary() {
            @Override
            boolean fires(EvalContext c, String playbookId) {
                return c.input != null && c.input.enrolments().contains(playbookId);
            }

            @Override
            String situation(EvalContext c) {
                return "manual:" + c.day();
            }

            @Override
            String describe(EvalContext c) {
                return "enrolled by hand";
            }
        };
    }

    private static Instant plus(Instant at, java.time.Period period) {
        return at.atZone(java.time.ZoneOffset.UTC).plus(period).toInstant();
    }

    /** For cadence triggers: whether a play last made at {@code last} is due again at {@code now}; false for others. */
    boolean due(Instant last, Instant now) {
        return false;
    }

    /** A trigger that fires while its situation holds; its situation is fixed per playbook. */
    private abstract static class Level extends CompiledTrigger {
        private final String situation;

        Level(String situation) {
            this.situation = situation;
        }

        @Override
        boolean fires(EvalContext c, String playbookId) {
            return holds(c);
        }

        @Override
        String situation(EvalContext c) {
            return situation;
        }
    }

    /** A trigger whose plays never auto-close. */
    private abstract static class Momentary extends CompiledTrigger {
        @Override
        boolean holds(EvalContext c) {
            return true;
        }

        @Override
        boolean autoClosable() {
            return false;
        }
    }

    private static final class Band extends CompiledTrigger {
        private final String band;
        private final boolean entered;

        Band(String band, boolean entered) {
            this.band = band;
            this.entered = entered;
        }

        @Override
        boolean holds(EvalContext c) {
            String now = c.band();
            return now != null && (entered == band.equals(now));
        }

        @Override
        boolean fires(EvalContext c, String playbookId) {
            if (!holds(c)) {
                return false;
            }
            String before = c.previousBand();
            return entered ? !band.equals(before) : band.equals(before);
        }

        @Override
        String situation(EvalContext c) {
            return (entered ? "band-entered:" : "band-left:") + band;
        }

        @Override
        String describe(EvalContext c) {
            String before = c.previousBand();
            return "band " + (entered ? "entered" : "left") + " '" + band + "'" + " (was "
                    + (before == null ? "none" : "'" + before + "'") + ", now '" + c.band() + "')";
        }
    }

    private static final class OnEvent extends Momentary {
        private final String type;

        OnEvent(String type) {
            this.type = type;
        }

        @Override
        String eventType() {
            return type;
        }

        @Override
        boolean fires(EvalContext c, String playbookId) {
            return c.input != null && c.input.event().isPresent() && AccountEvents.typeOf(c.input.event().get()).equals(type);
        }

        @Override
        String situation(EvalContext c) {
            return "event:" + type + ":" + c.eventKey(OnEvent::key);
        }

        @Override
        String describe(EvalContext c) {
            return "event " + type + " at " + c.eventTimeText();
        }

        /** What makes two events of one type the same situation. */
        private static String key(AccountEvent e) {
            if (e instanceof MilestoneAchieved m) {
                return m.milestoneId().value();
            } else if (e instanceof MilestoneMissed m) {
                return m.milestoneId().value();
            } else if (e instanceof ChampionChanged ch) {
                return ch.current().map(Object::toString).orElse("none") + "@" + Iso.format(ch.occurredAt());
            } else if (e instanceof ExecutiveSponsorChanged s) {
                return s.current().map(Object::toString).orElse("none") + "@" + Iso.format(s.occurredAt());
            } else if (e instanceof PlanRevised p) {
                return p.planId() + "@v" + p.toVersion();
            } else if (e instanceof LifecycleStageChanged s) {
                return s.to() + "@" + Iso.format(s.occurredAt());
            }
            return ((ContractRenewed) e).renewalDate().toString();
        }
    }
}
