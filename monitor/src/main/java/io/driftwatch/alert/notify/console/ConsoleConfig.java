package io.driftwatch.alert.notify.console;

import io.driftwatch.alert.ReceiverConfig;
import java.nio.file.Path;

/** Human-readable lines on standard output, or JSON lines appended to {@code file}. */
public record ConsoleConfig(String name, Path file, boolean sendResolved) implements ReceiverConfig {
}
