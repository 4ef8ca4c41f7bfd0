package io.driftwatch.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.quartz.CronExpression;

/** Parses and checks the main configuration file, collecting every error. */
public final class ConfigParser {
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** The shortest evaluation interval and window: faster than this is a mistake, not monitoring. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** How the console and the API authenticate ({@code http.auth}). */
    private static final List<String> AUTH = List.of("token", "kubernetes");

    private final Path base;
    private final TestCheck tests;
    private final SourceKinds sources;
    private final RollbackKinds rollbacks;
    private final RetrainKinds retrains;

    private ConfigParser(Path base, Extensions extensions) {
        this.base = base;
        this.tests = extensions.tests();
        this.sources = extensions.sources();
        this.rollbacks = extensions.rollbacks();
        this.retrains = extensions.retrains();
    }

    /** Says what is wrong with naming a test for a feature type, or null if nothing is. */
    @FunctionalInterface
    public interface TestCheck {
        String problem(String test, FeatureType type);
    }

    /** Parses {@code file}; returns empty when it cannot be read at all. Errors go to {@code errors}. */
    public static Optional<DriftwatchConfig> parse(Path file, Extensions extensions, ConfigErrors errors) {
        Path abs = file.toAbsolutePath().normalize();
        return YamlReader.read(abs, file.toString(), errors)
                .map(root -> new ConfigParser(abs.getParent(), extensions).config(abs, ConfigNode.root(root, errors)));
    }

    private DriftwatchConfig config(Path file, ConfigNode root) {
        StoreConfig store = store(root.map("store"));
        HttpConfig http = http(root.map("http"));
        DriftPolicyConfig drift = drift(root.map("drift"));
        List<ModelConfig> models = models(root);
        List<Path> ruleFiles = ruleFiles(root);
        Path routing = root.string("alerts").map(a -> existingFile(root, "alerts", a)).orElse(null);
        if (!root.has("alerts")) {
            root.errors().add(root.location(), "alerts", "is required: the routing file, e.g. alerts/routing.yaml");
        }
        PrometheusConfig prometheus = root.map("prometheus").map(this::prometheus).orElse(null);
        KubernetesConfig kubernetes = root.map("kubernetes").map(ConfigParser::kubernetes).orElse(null);
        java.time.Duration watch = root.map("config").map(ConfigParser::watch).orElse(null);
        root.finish();
        return new DriftwatchConfig(file, store, http, drift, models, ruleFiles, routing, prometheus, kubernetes, watch);
    }

    /** {@code config: {watch: true, watch_interval: 10s}}: reload when the files change (a ConfigMap's symlink swap). */
    private static java.time.Duration watch(ConfigNode n) {
        boolean on = n.bool("watch").orElse(false);
        java.time.Duration every = n.duration("watch_interval", java.time.Duration.ofSeconds(1), java.time.Duration.ofHours(1))
                .orElse(java.time.Duration.ofSeconds(10));
        n.finish();
        return on ? every : null;
    }

    private static KubernetesConfig kubernetes(ConfigNode n) {
        String lease = n.string("lease").orElse(null);
        String ns = n.string("lease_namespace").orElse(null);
        if (lease != null && ns == null) {
            n.errors().add(n.location(), n.pathOf("lease_namespace"), "is required with lease");
        }
        boolean monitors = n.bool("model_monitors").orElse(false);
        n.finish();
        return new KubernetesConfig(lease, ns, monitors);
    }

    private StoreConfig store(Optional<ConfigNode> node) {
        if (node.isEmpty()) {
            return new StoreConfig(h2Url(base.resolve("data/driftwatch")), "sa", "");
        }
        ConfigNode n = node.get();
        Optional<String> url = n.string("url").or(() -> n.secretEnv("url_env", "the store").map(System::getenv));
        Optional<String> path = n.string("path");
        String user = n.string("user").orElse("sa");
        String password = n.secretEnv("password_env", "the store").map(System::getenv).orElse("");
        Duration checkin = n.duration("checkin_interval", Duration.ofSeconds(1), Duration.ofMinutes(5))
                .orElse(StoreConfig.DEFAULT_CHECKIN);
        StoreConfig.Retention retention = n.map("retention").map(ConfigParser::retention)
                .orElse(StoreConfig.Retention.DEFAULTS);
        if (n.has("url") && n.has("url_env")) {
            n.error("url_env", "give either url or url_env, not both");
        }
        n.finish();
        if (url.isPresent() && path.isPresent()) {
            n.error("url", "give either url or path, not both");
        }
        return new StoreConfig(url.orElseGet(() -> h2Url(base.resolve(path.orElse("data/driftwatch")))),
                user, password, checkin, retention);
    }

    private static StoreConfig.Retention retention(ConfigNode n) {
        StoreConfig.Retention d = StoreConfig.Retention.DEFAULTS;
        Duration min = Duration.ofMinutes(1);
        StoreConfig.Retention r = new StoreConfig.Retention(
                n.duration("evaluations", min, Durations.MAX).orElse(d.evaluations()),
                n.duration("alert_events", min, Durations.MAX).orElse(d.alertEvents()),
                n.duration("delivered_outbox", min, Durations.MAX).orElse(d.deliveredOutbox()),
                n.duration("dead_letters", min, Durations.MAX).orElse(d.deadLetters()),
                n.duration("action_decisions", min, Durations.MAX).orElse(d.actionDecisions()),
                n.duration("ingested", min, Durations.MAX).orElse(d.ingested()));
        n.finish();
        return r;
    }

    private static String h2Url(Path p) {
        // closed by Driftwatch itself, after the last cycle has written, not by H2's own shutdown hook;
        // WRITE_DELAY=0 writes every commit out at once, so a crash (kill -9) loses no committed outbox entry
        return "jdbc:h2:file:" + p.toAbsolutePath().normalize() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    private PrometheusConfig prometheus(ConfigNode n) {
        String url = n.requiredString("url");
        if (url != null && !url.matches("https?://[^/\\s]+.*")) {
            n.error("url", "'" + io.driftwatch.util.Redact.url(url) + "' is not an http(s) URL");
        }
        String token = n.secretEnv("bearer_token_env", "Prometheus").orElse(null);
        String user = n.secretEnv("username_env", "Prometheus").orElse(null);
        String password = n.secretEnv("password_env", "Prometheus").orElse(null);
        if (token != null && user != null) {
            n.error("username_env", "give bearer_token_env or username_env/password_env, not both");
        }
        if ((user == null) != (password == null)) {
            n.error(user == null ? "password_env" : "username_env", "basic auth needs both username_env and password_env");
        }
        Path ca = n.string("ca_file").map(f -> existingFile(n, "ca_file", f)).orElse(null);
        Duration timeout = n.duration("timeout").orElse(Duration.ofSeconds(10));
        Duration interval = n.duration("interval", MIN_INTERVAL, Durations.MAX).orElse(Duration.ofSeconds(30));
        n.finish();
        return new PrometheusConfig(url, token, user, password, ca, timeout, interval);
    }

    private HttpConfig http(Optional<ConfigNode> node) {
        if (node.isEmpty()) {
            return new HttpConfig("0.0.0.0", 8080);
        }
        ConfigNode n = node.get();
        String address = n.string("address").orElse("0.0.0.0");
        long port = n.integer("port").orElse(8080L);
        if (port < 0 || port > 65535) {
            n.error("port", "must be between 0 and 65535, got " + port);
        }
        String tokenEnv = n.secretEnv("token_env", "the API (http)").orElse(null);
        Path tokenFile = n.string("token_file").map(f -> tokenFile(n, "token_file", f)).orElse(null);
        if (tokenEnv != null && tokenFile != null) {
            n.error("token_file", "give token_env or token_file, not both");
        }
        String readEnv = n.secretEnv("read_token_env", "the console and API reads (http)").orElse(null);
        Path readFile = n.string("read_token_file").map(f -> tokenFile(n, "read_token_file", f)).orElse(null);
        if (readEnv != null && readFile != null) {
            n.error("read_token_file", "give read_token_env or read_token_file, not both");
        }
        String ingestEnv = n.secretEnv("ingest_token_env", "the ingest endpoint (http)").orElse(null);
        Path ingestFile = n.string("ingest_token_file").map(f -> tokenFile(n, "ingest_token_file", f)).orElse(null);
        if (ingestEnv != null && ingestFile != null) {
            n.error("ingest_token_file", "give ingest_token_env or ingest_token_file, not both");
        }
        n.values("auth", AUTH);
        String auth = n.string("auth").orElse("token");
        String namespace = n.string("namespace").orElse(null);
        if (!AUTH.contains(auth)) {
            n.error("auth", "must be token or kubernetes, not '" + auth + "'");
        } else if (auth.equals("token") && namespace != null) {
            n.error("namespace", "is Driftwatch's namespace for auth: kubernetes; with tokens it means nothing");
        } else if (auth.equals("kubernetes") && (tokenEnv != null || tokenFile != null || readEnv != null || readFile != null)) {
            n.error("auth", "with auth: kubernetes the API takes Kubernetes tokens: remove token_* and read_token_*");
        }
        n.finish();
        return new HttpConfig(address, (int) port, tokenEnv, tokenFile, readEnv, readFile, ingestEnv, ingestFile,
                auth.equals("kubernetes") ? new HttpConfig.KubernetesAuth(namespace) : null);
    }

    /**
     * Why a model name cannot be served (it names the model in URLs, metrics and alerts), or null. Any
     * other text works end to end: spaces, '%', non-ASCII are encoded in links and decoded once.
     */
    static String badModelName(String name) {
        if (name.isBlank()) {
            return "is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "is a path step; choose a name";
        }
        if (name.contains("/")) {
            return "contains '/', which URLs use between parts; use '-' or '.' instead";
        }
        if (!name.equals(name.strip())) {
            return "starts or ends with white space";
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "contains a control character";
        }
        return name.length() > 200 ? "is longer than 200 characters" : null;
    }

    /** A token file that exists and holds a token: a blank one would let an empty token in. */
    private Path tokenFile(ConfigNode n, String key, String name) {
        Path p = existingFile(n, key, name);
        try {
            if (p != null && java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.readString(p).isBlank()) {
                n.error(key, "the token file " + p + " is empty: write the token into it");
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            n.error(key, "the token file " + p + " cannot be read: " + e.getMessage());
        }
        return p;
    }

    private DriftPolicyConfig drift(Optional<ConfigNode> node) {
        DriftPolicyConfig d = DriftPolicyConfig.defaults();
        if (node.isEmpty()) {
            return d;
        }
        ConfigNode n = node.get();
        double fdr = fraction(n, "fdr", d.fdr());
        long minSamples = n.integer("min_samples").orElse((long) d.minSamples());
        if (minSamples < 2) {
            n.error("min_samples", "must be at least 2");
        }
        Map<String, Double> floors = perTest(n, "effect_floor", ConfigErrors.TestSetting.FLOOR);
        Map<String, Double> thresholds = perTest(n, "thresholds", ConfigErrors.TestSetting.THRESHOLD);
        long sketchAbove = n.integer("sketch_above").orElse(d.sketchAbove());
        if (sketchAbove < 1000) {
            n.error("sketch_above", "must be at least 1000 values");
        }
        n.finish();
        return new DriftPolicyConfig(fdr, (int) minSamples, thresholds, floors, sketchAbove);
    }

    /** A mapping of test name to a positive number; the names are checked against the test registry later. */
    private static Map<String, Double> perTest(ConfigNode n, String key, ConfigErrors.TestSetting setting) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        n.map(key).ifPresent(m -> {
            for (String test : m.namedKeys(ConfigShape.Type.NUMBER)) {
                double v = m.number(test).orElse(Double.NaN);
                if (!(v > 0 && Double.isFinite(v))) {
                    m.error(test, "must be a positive number");
                    continue;
                }
                m.errors().testSetting(m.locationOf(test), m.pathOf(test), test, setting);
                out.put(test, v);
            }
        });
        return out;
    }

    private static double fraction(ConfigNode n, String key, double dflt) {
        double v = n.number(key).orElse(dflt);
        if (!(v > 0 && v < 1)) {
            n.error(key, "must be between 0 and 1 (exclusive), got " + v);
        }
        return v;
    }

    private static double positive(ConfigNode n, String key, double dflt) {
        double v = n.number(key).orElse(dflt);
        if (!(v > 0)) {
            n.error(key, "must be greater than 0, got " + v);
        }
        return v;
    }

    private List<ModelConfig> models(ConfigNode root) {
        List<ConfigNode> nodes = root.listOfMaps("models");
        if (nodes.isEmpty()) {
            root.errors().add(root.location(), "models", "is required: at least one model");
        }
        Set<String> names = new HashSet<>();
        List<ModelConfig> out = new ArrayList<>();
        for (ConfigNode n : nodes) {
            ModelConfig m = model(n);
            if (m.name() != null && !names.add(m.name())) {
                n.error("name", "model '" + m.name() + "' is defined twice");
            }
            out.add(m);
        }
        return out;
    }

    private ModelConfig model(ConfigNode n) {
        String name = n.requiredString("name");
        String bad = name == null ? null : badModelName(name);
        if (bad != null) {
            n.error("name", "model name '" + name.replaceAll("\\p{Cntrl}", "?") + "' " + bad);
        }
        SourceConfig source = new SourceParser(base, sources).source(n.requiredMap("source"), name);
        ReferenceConfig reference = reference(n.requiredMap("reference"));
        List<FeatureSpec> features = new FeatureParser(tests).features(n);
        // an unknown source type is an error already; the rest of the model is still checked
        String predictionField = (source == null ? FieldMapping.defaults() : source.fields()).prediction();
        Optional<FeatureSpec> prediction = n.map("prediction")
                .map(p -> new FeatureParser(tests).prediction(p, predictionField));
        if (source != null && prediction.isPresent() && !prediction.get().field().equals(predictionField)) {
            source = source.withPredictionField(prediction.get().field());
        }
        Duration window = n.duration("window", MIN_INTERVAL, Durations.MAX).orElse(DEFAULT_WINDOW);
        ScheduleConfig schedule = schedule(n.map("schedule"));
        if (n.has("window") && !schedule.isCron() && window.compareTo(schedule.interval()) < 0) {
            n.errors().warn(n.locationOf("window"), n.pathOf("window"), "the window " + Durations.format(window)
                    + " is shorter than the interval " + Durations.format(schedule.interval())
                    + ": records between two windows are never evaluated");
        }
        Optional<ModelConfig.Segments> segments = n.map("segments").map(ConfigParser::segments);
        Optional<ModelConfig.Comparison> compare = n.map("compare").map(ConfigParser::comparison);
        Optional<ActionConfig> actions = n.map("actions").map(a -> new ActionParser(base, rollbacks, retrains).parse(a));
        Optional<ModelConfig.Health> health = n.map("health").map(h -> {
            ModelConfig.Health hc = new ModelConfig.Health(h.requiredString("namespace"), h.requiredString("deployment"));
            h.finish();
            return hc;
        });
        Optional<Duration> noDataAfter = n.duration("no_data_after", MIN_INTERVAL, Durations.MAX);
        GateConfig gate = n.map("gate").map(ConfigParser::gate).orElse(GateConfig.DEFAULTS);
        ModelConfig.Signals signals = new ModelConfig.Signals(n.map("multivariate").map(ConfigParser::multivariate),
                n.map("estimated").map(ConfigParser::estimated));
        if (signals.estimated().isPresent() && prediction.isEmpty()) {
            n.error("estimated", "estimating performance needs a 'prediction' column (the score)");
        }
        if (reference instanceof ReferenceConfig.SeasonalReference sr && sr.period().compareTo(window) < 0) {
            n.error("reference", "a seasonal period (" + Durations.format(sr.period()) + ") shorter than the window ("
                    + Durations.format(window) + ") would put the window itself in its reference");
        }
        if (compare.isPresent() && prediction.isEmpty()) {
            n.error("compare", "comparing versions needs a 'prediction' column");
        }
        n.finish();
        return new ModelConfig(name, source, reference, features, prediction, window, schedule, segments, compare, actions,
                health, noDataAfter, gate, signals);
    }

    private static ModelConfig.Multivariate multivariate(ConfigNode n) {
        double variance = share(n, "variance", 0.65);
        long top = n.integer("top_categories").orElse(10L);
        if (top < 1 || top > 100) {
            n.error("top_categories", "must be between 1 and 100");
        }
        n.finish();
        return new ModelConfig.Multivariate(variance, (int) top);
    }

    private static ModelConfig.Estimated estimated(ConfigNode n) {
        double threshold = share(n, "threshold", 0.5);
        long min = n.integer("min_calibration").orElse(500L);
        if (min < 100) {
            n.error("min_calibration", "must be at least 100 labelled reference rows");
        }
        n.finish();
        return new ModelConfig.Estimated(threshold, (int) min);
    }

    private static GateConfig gate(ConfigNode n) {
        GateConfig d = GateConfig.DEFAULTS;
        Optional<Duration> window = n.duration("window", MIN_INTERVAL, Durations.MAX);
        long minLabelled = n.integer("min_labelled").orElse(d.minLabelled());
        double alpha = share(n, "alpha", d.alpha());
        double tau = n.number("tau").orElse(d.tau());
        double minAgreement = share(n, "min_agreement", d.minAgreement());
        double maxMad = n.number("max_mean_abs_diff").orElse(d.maxMeanAbsDiff());
        double srmAlpha = share(n, "srm_alpha", d.srmAlpha());
        n.values("inconclusive", List.of("inconclusive", "pass", "fail"));
        n.values("better", List.of("higher", "lower"));
        String inconclusive = n.string("inconclusive").orElse(d.inconclusive());
        Optional<String> outcome = n.string("outcome");
        String better = n.string("better").orElse("higher");
        if (!java.util.List.of("higher", "lower").contains(better)) {
            n.error("better", "must be higher or lower, not '" + better + "'");
        }
        java.util.Map<String, Double> split = new java.util.LinkedHashMap<>();
        n.map("expected_split").ifPresent(s -> {
            for (String version : s.namedKeys(ConfigShape.Type.NUMBER)) {
                double share = s.number(version).orElse(-1.0);
                if (!(share > 0)) {
                    s.error(version, "a version's expected share of traffic must be a positive number");
                }
                split.put(version, share);
            }
            s.finish();
        });
        if (minLabelled < 1) {
            n.error("min_labelled", "must be at least 1");
        }
        if (!(tau > 0)) {
            n.error("tau", "must be a positive number (the difference the always-valid test is tuned to)");
        }
        if (!java.util.List.of("inconclusive", "pass", "fail").contains(inconclusive)) {
            n.error("inconclusive", "must be inconclusive, pass or fail, not '" + inconclusive + "'");
        }
        if (split.size() == 1) {
            n.error("expected_split", "needs the shares of at least two versions");
        }
        Optional<GateConfig.SplitFrom> splitFrom = n.map("split_from").map(ConfigParser::splitFrom);
        if (splitFrom.isPresent() && !split.isEmpty()) {
            n.error("split_from", "give either expected_split or split_from, not both");
        }
        GateConfig.HealthRules health = n.map("health").map(h -> {
            List<String> given = h.stringList("rules");
            List<String> names = h.has("rules") ? given : d.health().rules();
            String label = h.string("version_label").orElse(d.health().versionLabel());
            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                h.error("version_label", "must be a Prometheus label name, not '" + label + "'");
            }
            h.finish();
            return new GateConfig.HealthRules(names, label);
        }).orElse(d.health());
        n.finish();
        return new GateConfig(window, minLabelled, alpha, tau, minAgreement, maxMad, split, srmAlpha, inconclusive,
                outcome, "higher".equals(better), splitFrom, health);
    }

    /** {@code split_from: {virtual_service: {namespace, name, baseline?, candidate?}}} or {@code {rollout: {namespace, name}}}. */
    private static GateConfig.SplitFrom splitFrom(ConfigNode n) {
        Optional<ConfigNode> vs = n.map("virtual_service");
        Optional<ConfigNode> rollout = n.map("rollout");
        if (vs.isPresent() == rollout.isPresent()) {
            n.error(vs.isEmpty() ? "virtual_service" : "rollout",
                    "name exactly one of virtual_service (Istio) or rollout (Argo Rollouts)");
            n.finish();
            return new GateConfig.SplitFrom("virtual_service", "", "", Optional.empty(), Optional.empty());
        }
        String kind = vs.isPresent() ? "virtual_service" : "rollout";
        ConfigNode r = vs.orElseGet(rollout::get);
        GateConfig.SplitFrom out = new GateConfig.SplitFrom(kind, r.requiredString("namespace"), r.requiredString("name"),
                kind.equals("virtual_service") ? r.string("baseline") : Optional.empty(),
                kind.equals("virtual_service") ? r.string("candidate") : Optional.empty());
        r.finish();
        n.finish();
        return out;
    }

    private static double share(ConfigNode n, String key, double fallback) {
        double v = n.number(key).orElse(fallback);
        if (!(v > 0 && v < 1)) {
            n.error(key, "must be between 0 and 1, got " + v);
        }
        return v;
    }

    private static ModelConfig.Segments segments(ConfigNode n) {
        String field = n.requiredString("field");
        long top = n.integer("top").orElse(10L);
        if (top < 1 || top > 100) {
            n.error("top", "must be between 1 and 100, got " + top);
        }
        n.finish();
        return new ModelConfig.Segments(field, (int) top);
    }

    private static ModelConfig.Comparison comparison(ConfigNode n) {
        String baseline = n.requiredString("baseline");
        String candidate = n.requiredString("candidate");
        if (baseline != null && baseline.equals(candidate)) {
            n.error("candidate", "must differ from 'baseline'");
        }
        boolean shadow = n.bool("shadow").orElse(false);
        n.finish();
        return new ModelConfig.Comparison(baseline, candidate, shadow);
    }

    private ReferenceConfig reference(ConfigNode n) {
        Optional<String> file = n.string("file");
        Optional<ConfigNode> range = n.map("range");
        Optional<ConfigNode> rolling = n.map("rolling");
        Optional<ConfigNode> seasonal = n.map("seasonal");
        n.finish();
        long given = java.util.stream.Stream.of(file, range, rolling, seasonal).filter(Optional::isPresent).count();
        if (given != 1) {
            n.errors().add(n.location(), n.path(), "give exactly one of 'file', 'range', 'rolling' or 'seasonal'");
            return null;
        }
        if (rolling.isPresent()) {
            ConfigNode r = rolling.get();
            Duration window = r.duration("window", MIN_INTERVAL, Durations.MAX).orElse(Duration.ofDays(7));
            Duration lag = r.durationOrZero("lag").orElse(Duration.ofDays(1));
            Duration refresh = r.duration("refresh", MIN_INTERVAL, Durations.MAX).orElse(Duration.ofHours(1));
            r.finish();
            return new ReferenceConfig.RollingReference(window, lag, refresh);
        }
        if (seasonal.isPresent()) {
            ConfigNode r = seasonal.get();
            Duration period = r.duration("period", MIN_INTERVAL, Durations.MAX).orElse(Duration.ofDays(7));
            long periods = r.integer("periods").orElse(1L);
            Duration refresh = r.duration("refresh", MIN_INTERVAL, Durations.MAX).orElse(Duration.ofMinutes(10));
            if (periods < 1 || periods > 52) {
                r.error("periods", "must be between 1 and 52");
            }
            r.finish();
            return new ReferenceConfig.SeasonalReference(period, (int) Math.max(1, Math.min(52, periods)), refresh);
        }
        if (file.isPresent()) {
            return new ReferenceConfig.FileReference(existingFile(n, "file", file.get()), n.location());
        }
        ConfigNode r = range.get();
        Instant from = instant(r, "from");
        Instant to = instant(r, "to");
        r.finish();
        if (from != null && to != null && !from.isBefore(to)) {
            r.error("to", "must be after 'from'");
        }
        return new ReferenceConfig.RangeReference(from, to);
    }

    private static Instant instant(ConfigNode n, String key) {
        String text = n.requiredString(key);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            n.error(key, "'" + text + "' is not an ISO-8601 instant such as 2026-01-31T00:00:00Z");
            return null;
        }
    }

    private ScheduleConfig schedule(Optional<ConfigNode> node) {
        if (node.isEmpty()) {
            return new ScheduleConfig(DEFAULT_INTERVAL, null);
        }
        ConfigNode n = node.get();
        Optional<Duration> interval = n.duration("interval", MIN_INTERVAL, Durations.MAX);
        Optional<String> cron = n.string("cron");
        n.finish();
        if (n.has("interval") && n.has("cron")) {
            n.error("cron", "give either interval or cron, not both");
        }
        if (cron.isPresent()) {
            try {
                CronExpression.validateExpression(cron.get());
            } catch (java.text.ParseException e) {
                n.error("cron", "'" + cron.get() + "' is not a valid Quartz cron expression "
                        + "(seconds minutes hours day-of-month month day-of-week): " + e.getMessage());
            }
            return new ScheduleConfig(null, cron.get());
        }
        return new ScheduleConfig(interval.orElse(DEFAULT_INTERVAL), null);
    }

    private List<Path> ruleFiles(ConfigNode root) {
        List<Path> out = new ArrayList<>();
        for (String pattern : root.stringList("rules")) {
            try {
                List<Path> found = PathGlobs.expand(base, pattern);
                if (found.isEmpty()) {
                    root.error("rules", "no rule file matches '" + pattern + "' (relative to " + base + ")");
                }
                out.addAll(found);
            } catch (IOException e) {
                root.error("rules", "cannot list '" + pattern + "': " + e.getMessage());
            }
        }
        return out;
    }

    private Path existingFile(ConfigNode n, String key, String name) {
        return existingFile(base, n, key, name);
    }

    /** The file a key names, resolved against {@code base}; a missing file is an error on that key. */
    public static Path existingFile(Path base, ConfigNode n, String key, String name) {
        Path p = base.resolve(name).normalize();
        if (!Files.isRegularFile(p)) {
            n.error(key, "file " + p + " does not exist");
        }
        return p;
    }
}
