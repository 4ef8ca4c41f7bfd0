package io.driftwatch.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** URLs in errors keep scheme, host, port and path; user info, query and fragment never show. */
class RedactTest {
    @Test
    void queriesUserInfoAndFragmentsAreDropped() {
        assertThat(Redact.url("https://hooks.example.org/dw?api_key=s3cret&x=1"))
                .isEqualTo("https://hooks.example.org/dw (query redacted)");
        assertThat(Redact.url("http://user:pa55@es.internal:9200/logs-*/_search"))
                .isEqualTo("http://es.internal:9200/logs-*/_search (query redacted)");
        assertThat(Redact.url("http://alertmanager:9093")).isEqualTo("http://alertmanager:9093");
        assertThat(Redact.url("not a url")).isEqualTo("(a URL that cannot be read)");
    }

    @Test
    void everyUrlInATextIsRedacted() {
        String text = "POST https://a.example/x?token=abc answered 500; retry http://b:1/y#frag=zzz, then file:///etc/passwd";
        assertThat(Redact.urls(text)).doesNotContain("abc", "zzz").contains("https://a.example/x (query redacted) answered 500",
                "http://b:1/y (query redacted)");
    }
}
