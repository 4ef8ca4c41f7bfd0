package io.driftwatch.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A named destination for notifications. */
public sealed interface ReceiverConfig {

    String name();

    /** Whether resolutions are sent as well as firings. */
    boolean sendResolved();

    /** Human-readable lines on standard output, or JSON lines appended to a file. */
    record Console(String name, Path file, boolean sendResolved) implements ReceiverConfig {
    }

    /** An HTTP POST of Alertmanager's webhook payload. */
    record Webhook(String name, String url, Duration timeout, Map<String, String> headers, boolean sendResolved)
            implements ReceiverConfig {
        public Webhook {
            headers = Map.copyOf(headers);
        }
    }
}
