package io.driftwatch.source.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import io.driftwatch.config.SourceConfig;
import io.driftwatch.source.SourceException;
import io.driftwatch.util.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;

/** Builds the official client from a source's settings: hosts, API key or basic auth, CA file. */
final class EsClients {
    private EsClients() {
    }

    static ElasticsearchClient create(ElasticsearchSourceConfig c) throws SourceException {
        String apiKey = apiKey(c);
        String user = c.usernameEnv() == null ? null : env(c.usernameEnv());
        String password = c.passwordEnv() == null ? null : env(c.passwordEnv());
        SSLContext ssl = c.caFile() == null ? null : ssl(c);
        return ElasticsearchClient.of(b -> {
            b.hosts(c.hosts().stream().map(URI::create).toList()).jsonMapper(new Jackson3JsonpMapper());
            if (apiKey != null) {
                b.apiKey(apiKey);
            } else if (user != null) {
                b.usernameAndPassword(user, password);
            }
            if (ssl != null) {
                b.sslContext(ssl);
            }
            return b;
        });
    }

    private static String apiKey(ElasticsearchSourceConfig c) throws SourceException {
        if (c.apiKeyEnv() != null) {
            return env(c.apiKeyEnv());
        }
        if (c.apiKeyFile() == null) {
            return null;
        }
        try {
            return Files.readString(c.apiKeyFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SourceException("cannot read the API key file " + c.apiKeyFile() + ": " + e.getMessage(), e);
        }
    }

    private static String env(String name) throws SourceException {
        String v = System.getenv(name);
        if (v == null) {
            throw new SourceException("environment variable " + name + " (Elasticsearch credentials) is not set", null);
        }
        return v;
    }

    private static SSLContext ssl(ElasticsearchSourceConfig c) throws SourceException {
        try {
            return TlsContexts.trusting(c.caFile());
        } catch (IOException | GeneralSecurityException e) {
            throw new SourceException("cannot load the CA file " + c.caFile() + ": " + e.getMessage(), e);
        }
    }
}
