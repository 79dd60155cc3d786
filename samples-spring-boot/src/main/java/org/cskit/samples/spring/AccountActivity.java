package org.cskit.samples.spring;

import java.time.Instant;
import java.util.Optional;
import org.cskit.model.PersonId;
import org.cskit.model.event.ChampionChanged;
import org.cskit.playbooks.engine.PlaybookInput;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Where the host's own code learns that something happened to an account (here: its champion
 * changed) and hands it to cskit by publishing a {@link PlaybookInput}; the starter's event entry
 * point evaluates the playbooks the event starts.
 */
@Service
public class AccountActivity {
    private final ApplicationEventPublisher events;
    private final GeneratedPortfolio portfolio;

    AccountActivity(ApplicationEventPublisher events, GeneratedPortfolio portfolio) {
        this.events = events;
        this.portfolio = portfolio;
    }

    /**
     * The champion of an account changed.
     *
     * @param row the account's row in the portfolio
     * @param champion the new champion
     * @param at when
     */
    public void championChanged(int row, String champion, Instant at) {
        events.publishEvent(PlaybookInput.of(portfolio.snapshot(row, at))
                .withEvent(new ChampionChanged(GeneratedPortfolio.id(row), Optional.empty(), Optional.of(PersonId.of(champion)), at)));
    }
}
