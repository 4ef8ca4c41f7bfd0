package io.driftwatch.source.elasticsearch;

import io.driftwatch.config.ConfigNode;
import io.driftwatch.config.ConfigParser;
import io.driftwatch.config.FieldMapping;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.PredictionSource;
import io.driftwatch.source.SourceException;
import io.driftwatch.source.SourceKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code type: elasticsearch}: hosts, index, credentials, TLS, paging, pushdown and a labels index. */
public final class ElasticsearchSourceKind implements SourceKind {
    @Override
    public String type() {
        return ElasticsearchSourceConfig.TYPE;
    }

    @Override
    public String description() {
        return "an index pattern read with a point-in-time (pull) or counted in the cluster (pushdown); labels "
                + "joined from a labels index";
    }

    @Override
    public Class<ElasticsearchSourceConfig> configType() {
        return ElasticsearchSourceConfig.class;
    }

    @Override
    public SourceConfig parse(ConfigNode n, Path base, FieldMapping fields, String modelValue) {
        List<String> hosts = n.stringList("hosts");
        if (hosts.isEmpty()) {
            n.errors().add(n.location(), n.pathOf("hosts"), "is required: e.g. [https://es.example:9200]");
        }
        hosts.stream().filter(h -> !h.matches("https?://[^/\\s]+/?")).forEach(h ->
                n.error("hosts", "'" + h + "' is not an http(s)://host:port URL"));
        String index = n.requiredString("index");
        String owner = "the Elasticsearch source of model '" + modelValue + "'";
        String apiKeyEnv = n.secretEnv("api_key_env", owner).orElse(null);
        Path apiKeyFile = n.string("api_key_file").map(f -> ConfigParser.existingFile(base, n, "api_key_file", f))
                .orElse(null);
        String user = n.secretEnv("username_env", owner).orElse(null);
        String password = n.secretEnv("password_env", owner).orElse(null);
        if ((user == null) != (password == null)) {
            n.error(user == null ? "password_env" : "username_env", "basic auth needs both username_env and password_env");
        }
        Path ca = n.string("ca_file").map(f -> ConfigParser.existingFile(base, n, "ca_file", f)).orElse(null);
        Duration timeout = n.duration("timeout").orElse(Duration.ofSeconds(30));
        long batch = n.integer("batch_size").orElse(5000L);
        if (batch < 1 || batch > 10_000) {
            n.error("batch_size", "must be between 1 and 10000 (Elasticsearch's max result window)");
        }
        return new ElasticsearchSourceConfig(hosts, index, apiKeyEnv, user, password, apiKeyFile, ca, timeout,
                (int) batch, fields, modelValue, n.string("version_value").orElse(null), pushdown(n),
                n.map("labels").map(l -> labels(l, fields)).orElse(null));
    }

    private static ElasticsearchSourceConfig.Pushdown pushdown(ConfigNode n) {
        ElasticsearchSourceConfig.Pushdown d = ElasticsearchSourceConfig.Pushdown.defaults();
        n.values("mode", List.of("pull", "pushdown", "auto"));
        String mode = n.string("mode").orElse("auto");
        ElasticsearchSourceConfig.Mode m = switch (mode) {
            case "pull" -> ElasticsearchSourceConfig.Mode.PULL;
            case "pushdown" -> ElasticsearchSourceConfig.Mode.PUSHDOWN;
            case "auto" -> ElasticsearchSourceConfig.Mode.AUTO;
            default -> {
                n.error("mode", "unknown mode '" + mode + "'; supported: pull, pushdown, auto");
                yield d.mode();
            }
        };
        long above = n.integer("pushdown_above").orElse(d.above());
        if (above < 0) {
            n.error("pushdown_above", "must be 0 or more, got " + above);
        }
        return new ElasticsearchSourceConfig.Pushdown(m, above, n.string("keyword_suffix").orElse(d.keywordSuffix()));
    }

    private static ElasticsearchSourceConfig.LabelsIndex labels(ConfigNode n, FieldMapping fields) {
        ElasticsearchSourceConfig.LabelsIndex l = new ElasticsearchSourceConfig.LabelsIndex(n.requiredString("index"),
                n.string("timestamp").orElse(fields.timestamp()), n.string("request_id").orElse(fields.requestId()),
                n.string("label").orElse(fields.label()));
        n.finish();
        return l;
    }

    @Override
    public PredictionSource open(SourceConfig config) throws SourceException {
        return new ElasticsearchSource((ElasticsearchSourceConfig) config);
    }
}
