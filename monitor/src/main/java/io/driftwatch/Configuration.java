package io.driftwatch;

import io.driftwatch.alert.Routing;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.rules.Rule;
import java.util.List;

/** Everything loaded and checked before the daemon starts: the main file, the rules and the routing. */
public record Configuration(DriftwatchConfig main, List<Rule> rules, Routing routing) {
    public Configuration {
        rules = List.copyOf(rules);
    }
}
