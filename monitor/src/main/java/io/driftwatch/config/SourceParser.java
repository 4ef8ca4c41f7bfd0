package io.driftwatch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Parses a model's {@code source}: JSON-lines files or Elasticsearch, with the field mapping. */
final class SourceParser {
    private final Path base;

    SourceParser(Path base) {
        this.base = base;
    }

    SourceConfig source(ConfigNode n, String modelName) {
        String type = n.string("type").orElse("file");
        FieldMapping fields = fields(n.map("fields"));
        String modelValue = n.string("model_value").orElse(modelName);
        SourceConfig s = switch (type) {
            case "file" -> fileSource(n, fields, modelValue);
            case "elasticsearch" -> elasticsearchSource(n, fields, modelValue);
            default -> {
                n.error("type", "unknown source type '" + type + "'; supported: file, elasticsearch");
                yield null;
            }
        };
        n.finish();
        return s;
    }

    private SourceConfig fileSource(ConfigNode n, FieldMapping fields, String modelValue) {
        String path = n.requiredString("path");
        if (path != null && !Files.isDirectory(PathGlobs.directory(base, path))) {
            n.error("path", "directory " + PathGlobs.directory(base, path) + " does not exist");
        }
        return new SourceConfig.FileSource(path == null ? null : base.resolve(path).toString(), fields, modelValue);
    }

    private SourceConfig elasticsearchSource(ConfigNode n, FieldMapping fields, String modelValue) {
        List<String> hosts = n.stringList("hosts");
        if (hosts.isEmpty()) {
            n.errors().add(n.location(), n.pathOf("hosts"), "is required: e.g. [https://es.example:9200]");
        }
        hosts.stream().filter(h -> !h.matches("https?://[^/\\s]+/?")).forEach(h ->
                n.error("hosts", "'" + h + "' is not an http(s)://host:port URL"));
        String index = n.requiredString("index");
        String apiKeyEnv = n.secretEnv("api_key_env", "the Elasticsearch source of model '" + modelValue + "'").orElse(null);
        Path apiKeyFile = n.string("api_key_file").map(f -> ConfigParser.existingFile(base, n, "api_key_file", f)).orElse(null);
        String user = n.secretEnv("username_env", "the Elasticsearch source of model '" + modelValue + "'").orElse(null);
        String password = n.secretEnv("password_env", "the Elasticsearch source of model '" + modelValue + "'").orElse(null);
        if ((user == null) != (password == null)) {
            n.error(user == null ? "password_env" : "username_env", "basic auth needs both username_env and password_env");
        }
        Path ca = n.string("ca_file").map(f -> ConfigParser.existingFile(base, n, "ca_file", f)).orElse(null);
        Duration timeout = n.duration("timeout").orElse(Duration.ofSeconds(30));
        long batch = n.integer("batch_size").orElse(5000L);
        if (batch < 1 || batch > 10_000) {
            n.error("batch_size", "must be between 1 and 10000 (Elasticsearch's max result window)");
        }
        return new SourceConfig.ElasticsearchSource(hosts, index, apiKeyEnv, user, password, apiKeyFile, ca, timeout,
                (int) batch, fields, modelValue, n.string("version_value").orElse(null), pushdown(n), n.map("labels").map(l -> labels(l, fields)).orElse(null));
    }

    private static SourceConfig.Pushdown pushdown(ConfigNode n) {
        SourceConfig.Pushdown d = SourceConfig.Pushdown.defaults();
        String mode = n.string("mode").orElse("auto");
        SourceConfig.Mode m = switch (mode) {
            case "pull" -> SourceConfig.Mode.PULL;
            case "pushdown" -> SourceConfig.Mode.PUSHDOWN;
            case "auto" -> SourceConfig.Mode.AUTO;
            default -> {
                n.error("mode", "unknown mode '" + mode + "'; supported: pull, pushdown, auto");
                yield d.mode();
            }
        };
        long above = n.integer("pushdown_above").orElse(d.above());
        if (above < 0) {
            n.error("pushdown_above", "must be 0 or more, got " + above);
        }
        return new SourceConfig.Pushdown(m, above, n.string("keyword_suffix").orElse(d.keywordSuffix()));
    }

    private static SourceConfig.LabelsIndex labels(ConfigNode n, FieldMapping fields) {
        SourceConfig.LabelsIndex l = new SourceConfig.LabelsIndex(n.requiredString("index"),
                n.string("timestamp").orElse(fields.timestamp()), n.string("request_id").orElse(fields.requestId()),
                n.string("label").orElse(fields.label()));
        n.finish();
        return l;
    }

    private static FieldMapping fields(Optional<ConfigNode> node) {
        FieldMapping d = FieldMapping.defaults();
        if (node.isEmpty()) {
            return d;
        }
        ConfigNode n = node.get();
        FieldMapping f = new FieldMapping(n.string("timestamp").orElse(d.timestamp()),
                n.string("model").orElse(d.model()), n.string("version").orElse(d.version()),
                n.string("input").orElse(d.input()), n.string("prediction").orElse(d.prediction()),
                n.string("label").orElse(d.label()), n.string("latency").orElse(d.latency()),
                n.string("request_id").orElse(d.requestId()));
        n.finish();
        return f;
    }
}
