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
 * evaluation), and a context line. Every value put into mrkdwn is escaped as Slack's formatting rules
 * say ({@code &}, {@code <}, {@code >}), so a rule's text cannot break a link or inject one. A message
 * stays within Slack's limits: a header of 150 characters, sections of 3,000, 50 blocks, and block text
 * of {@link #TEXT_BUDGET} characters in all (Slack answers {@code msg_blocks_too_long} from about 13,000);
 * a group larger than that shows the alerts that fit and counts the rest.
 */
public final class SlackMessage {
    static final int MAX_BLOCKS = 50;
    static final int HEADER = 150;
    static final int SECTION = 3000;
    static final int TEXT_BUDGET = 11_000;

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

    /** Slack's mrkdwn escaping: the three characters its formatting rules reserve. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The message's fallback text (mrkdwn: escaped). */
    public String text(Notification n) {
        return truncate(MessageTemplates.render(title, n, SlackMessage::escape).strip(), SECTION);
    }

    public List<LayoutBlock> blocks(Notification n) {
        List<LayoutBlock> out = new ArrayList<>();
        String head = truncate(MessageTemplates.render(title, n, false).strip(), HEADER);
        out.add(header(h -> h.text(plainText(head))));
        int used = head.length();
        int shown = 0;
        for (Alert a : n.alerts()) {
            Notification one = new Notification(n.id(), n.receiver(), n.groupKey(), n.groupLabels(), List.of(a),
                    n.idempotencyKey(), n.attempts(), n.externalRef());
            String body = truncate(MessageTemplates.render("{{ range }}" + alert + "{{ end }}", one, SlackMessage::escape)
                    .strip(), SECTION);
            if (out.size() + 2 > MAX_BLOCKS || used + body.length() > TEXT_BUDGET) {
                break; // room is kept for the context line
            }
            out.add(section(s -> s.text(markdownText(body))));
            used += body.length();
            shown++;
        }
        int rest = n.alerts().size() - shown;
        String more = rest > 0 ? " · " + rest + " more not shown (Slack's message limits): see the console's alerts page" : "";
        out.add(context(c -> c.elements(List.of(markdownText("Driftwatch · " + n.alerts().size() + " alert(s)" + more)))));
        return out;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
