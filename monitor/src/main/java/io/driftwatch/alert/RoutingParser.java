package io.driftwatch.alert;

import io.driftwatch.config.ConfigErrors;
import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.YamlReader;
import io.driftwatch.alert.notify.ReceiverKind;
import io.driftwatch.alert.notify.Receivers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the routing file: {@code route} (a tree) and {@code receivers} (a list). */
public final class RoutingParser {

    public Optional<Routing> parse(Path file, String displayName, ConfigErrors errors) {
        return YamlReader.read(file, displayName, errors).map(root -> {
            ConfigNode n = ConfigNode.root(root, errors);
            Map<String, ReceiverConfig> receivers = receivers(n, file.getParent());
            Route route = route(n.requiredMap("route"), "0", null, Route.Grouping.defaults(), receivers, true);
            List<InhibitRule> inhibit = n.listOfMaps("inhibit_rules").stream().map(RoutingParser::inhibitRule).toList();
            Routing.Delivery delivery = n.map("delivery").map(RoutingParser::delivery).orElse(Routing.Delivery.defaults());
            n.finish();
            return new Routing(route, receivers, inhibit, delivery);
        });
    }

    private Map<String, ReceiverConfig> receivers(ConfigNode n, Path base) {
        Map<String, ReceiverConfig> out = new LinkedHashMap<>();
        for (ConfigNode r : n.listOfMaps("receivers")) {
            String name = r.requiredString("name");
            List<ReceiverConfig> kinds = new ArrayList<>();
            for (ReceiverKind kind : Receivers.ALL) {
                r.map(kind.key()).ifPresent(block -> kinds.add(kind.parse(name, block, base)));
            }
            r.finish();
            if (kinds.size() != 1) {
                r.errors().add(r.location(), r.path(),
                        "a receiver needs exactly one of: " + String.join(", ", Receivers.keys()));
            } else if (name != null && out.put(name, kinds.get(0)) != null) {
                r.error("name", "receiver '" + name + "' is defined twice");
            }
        }
        if (out.isEmpty() && !n.has("receivers")) {
            n.errors().add(n.location(), "receivers", "is required: at least one receiver");
        }
        return out;
    }

    private Route route(ConfigNode n, String id, String inherited, Route.Grouping parent,
                        Map<String, ReceiverConfig> receivers, boolean top) {
        String receiver = n.string("receiver").orElse(inherited);
        if (receiver == null) {
            n.errors().add(n.location(), n.pathOf("receiver"), "is required on the top-level route");
        } else if (!receivers.containsKey(receiver) && n.has("receiver")) {
            n.error("receiver", "unknown receiver '" + receiver + "'; defined: " + receivers.keySet());
        }
        List<LabelMatcher> matchers = matchers(n, "matchers");
        if (top && !matchers.isEmpty()) {
            n.error("matchers", "the top-level route matches every alert and takes no matchers");
        }
        boolean cont = n.bool("continue").orElse(false);
        List<String> groupBy = n.stringList("group_by");
        Route.Grouping grouping = new Route.Grouping(n.has("group_by") ? groupBy : parent.by(),
                n.durationOrZero("group_wait").orElse(parent.groupWait()),
                n.duration("group_interval").orElse(parent.groupInterval()),
                n.duration("repeat_interval").orElse(parent.repeatInterval()));
        List<ConfigNode> childNodes = n.listOfMaps("routes");
        List<Route> children = new ArrayList<>();
        for (int i = 0; i < childNodes.size(); i++) {
            children.add(route(childNodes.get(i), id + "." + i, receiver, grouping, receivers, false));
        }
        n.finish();
        return new Route(id, matchers, receiver, cont, grouping, children);
    }

    static List<LabelMatcher> matchers(ConfigNode n, String key) {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (String text : n.stringList(key)) {
            String[] err = new String[1];
            LabelMatcher.parse(text, err).ifPresentOrElse(matchers::add, () -> n.error(key, err[0]));
        }
        return matchers;
    }

    private static InhibitRule inhibitRule(ConfigNode n) {
        InhibitRule r = new InhibitRule(matchers(n, "source_matchers"), matchers(n, "target_matchers"),
                n.stringList("equal"));
        if (r.source().isEmpty() || r.target().isEmpty()) {
            n.errors().add(n.location(), n.path(), "an inhibit rule needs source_matchers and target_matchers");
        }
        n.finish();
        return r;
    }

    private static Routing.Delivery delivery(ConfigNode n) {
        Routing.Delivery d = Routing.Delivery.defaults();
        Routing.Delivery out = new Routing.Delivery(n.duration("initial_backoff").orElse(d.initialBackoff()),
                n.duration("max_backoff").orElse(d.maxBackoff()), n.duration("give_up_after").orElse(d.giveUpAfter()));
        n.finish();
        return out;
    }
}
