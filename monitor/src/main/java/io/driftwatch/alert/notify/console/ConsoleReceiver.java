package io.driftwatch.alert.notify.console;

import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.alert.notify.Notifier;
import io.driftwatch.alert.notify.NotifierContext;
import io.driftwatch.alert.notify.ReceiverKind;
import io.driftwatch.config.ConfigNode;
import java.nio.file.Path;

/** {@code console: {file?, send_resolved?}}. */
public final class ConsoleReceiver implements ReceiverKind {
    @Override
    public String key() {
        return "console";
    }

    @Override
    public String description() {
        return "a readable line per alert on stdout, or JSON lines (with the idempotency key) appended to `file`";
    }

    @Override
    public Class<ConsoleConfig> configType() {
        return ConsoleConfig.class;
    }

    @Override
    public ReceiverConfig parse(String name, ConfigNode c, Path base) {
        Path file = c.string("file").map(base::resolve).orElse(null);
        boolean resolved = c.bool("send_resolved").orElse(true);
        c.finish();
        return new ConsoleConfig(name, file, resolved);
    }

    @Override
    public Notifier notifier(ReceiverConfig config, NotifierContext context) {
        return new ConsoleNotifier(((ConsoleConfig) config).file(), context.console());
    }
}
