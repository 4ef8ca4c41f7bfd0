package io.driftwatch.app;

import io.driftwatch.alert.Routing;
import io.driftwatch.config.DriftwatchConfig;
import io.driftwatch.rules.Rule;
import java.util.List;

/** Everything loaded and checked before the daemon starts: the main file, the rules, the routing, and warnings. */
public record Configuration(DriftwatchConfig main, List<Rule> rules, Routing routing,
                            List<io.driftwatch.config.ConfigError> warnings) {
    public Configuration {
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }
}
