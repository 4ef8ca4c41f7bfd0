package io.driftwatch.alert.notify;

import io.driftwatch.alert.ReceiverConfig;
import io.driftwatch.config.ConfigNode;
import java.nio.file.Path;

/**
 * One kind of receiver: the key that selects it in a routing file's receiver entry, how its block is
 * read (every error reported through the node, with its location), and the notifier that sends to it.
 * A new kind is a folder under {@code alert/notify/} holding its config record, its kind and its
 * notifier, plus one line in {@link Receivers#ALL}.
 */
public interface ReceiverKind {

    /** The key in the routing file: {@code slack:}, {@code email:}, … */
    String key();

    /** One line for README's receiver table and for error messages. */
    String description();

    /** The record this kind's {@link #parse} returns. */
    Class<? extends ReceiverConfig> configType();

    /** Reads the receiver's block; {@code base} is the routing file's directory. */
    ReceiverConfig parse(String name, ConfigNode block, Path base);

    /** The notifier for a config this kind parsed. */
    Notifier notifier(ReceiverConfig config, NotifierContext context);
}
