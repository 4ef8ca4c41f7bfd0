package io.driftwatch.alert.notify.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import io.driftwatch.alert.Alert;
import io.driftwatch.alert.MessageTemplates;
import io.driftwatch.alert.Notification;
import java.util.ArrayList;
import java.util.List;

/**
 * The Block Kit message of a notification: a header from {@code slack-title.txt}, one section per alert
 * from {@code slack-alert.txt} (model, version, severity, feature, statistic and threshold, link to the
 * evaluation), and a context line. Slack allows 50 blocks: beyond 45 alerts the rest are counted.
 */
public final class SlackMessage {
    private static final int MAX_ALERTS = 45;

    private final String title;
    private final String alert;

    public SlackMessage(String title, String alert) {
        this.title = title;
        this.alert = alert;
    }

    public static SlackMessage from(java.nio.file.Path templates) {
        return new SlackMessage(MessageTemplates.read(templates, "slack-title.txt"),
                MessageTemplates.read(templates, "slack-alert.txt"));
    }

    public String text(Notification n) {
        return MessageTemplates.render(title, n, false).strip();
    }

    public List<LayoutBlock> blocks(Notification n) {
        List<LayoutBlock> out = new ArrayList<>();
        out.add(header(h -> h.text(plainText(truncate(text(n), 150)))));
        List<Alert> shown = n.alerts().subList(0, Math.min(MAX_ALERTS, n.alerts().size()));
        for (Alert a : shown) {
            Notification one = new Notification(n.id(), n.receiver(), n.groupKey(), n.groupLabels(), List.of(a),
                    n.idempotencyKey(), n.attempts(), n.externalRef());
            String body = MessageTemplates.render("{{ range }}" + alert + "{{ end }}", one, false).strip();
            out.add(section(s -> s.text(markdownText(truncate(body, 3000)))));
        }
        String more = n.alerts().size() > MAX_ALERTS ? " · " + (n.alerts().size() - MAX_ALERTS) + " more" : "";
        out.add(context(c -> c.elements(List.of(markdownText("Driftwatch · " + n.alerts().size() + " alert(s)" + more)))));
        return out;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
