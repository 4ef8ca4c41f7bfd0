package io.driftwatch.cli;

import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A check as JUnit XML, the format Jenkins' junit step, GitLab's {@code artifacts:reports:junit} and
 * GitHub test reporters read: {@code <testsuites>} with one {@code <testsuite>} per check group (drift,
 * policy, integrity) and one {@code <testcase>} per feature or rule instance; a failed check has a
 * {@code <failure>} with its numbers, an inconclusive one is {@code <skipped>} with the reason.
 */
final class JunitReport {
    private JunitReport() {
    }

    static String xml(CheckResult r, Path reference, Path current) {
        Map<String, List<CheckResult.Check>> groups = new LinkedHashMap<>();
        r.checks().forEach(c -> groups.computeIfAbsent(c.group(), g -> new java.util.ArrayList<>()).add(c));
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("testsuites");
            w.writeAttribute("name", clean("driftwatch check " + current.getFileName() + " vs " + reference.getFileName()));
            counts(w, r.checks());
            String timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", "");
            int id = 0;
            for (Map.Entry<String, List<CheckResult.Check>> g : groups.entrySet()) {
                w.writeCharacters("\n  ");
                w.writeStartElement("testsuite");
                w.writeAttribute("name", clean(g.getKey()));
                w.writeAttribute("id", Integer.toString(id++));
                w.writeAttribute("package", "driftwatch");
                w.writeAttribute("timestamp", timestamp);
                w.writeAttribute("hostname", host());
                counts(w, g.getValue());
                for (CheckResult.Check c : g.getValue()) {
                    testcase(w, c);
                }
                w.writeCharacters("\n  ");
                w.writeEndElement();
            }
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report", e);
        }
        return out + "\n";
    }

    private static void counts(XMLStreamWriter w, List<CheckResult.Check> checks) throws XMLStreamException {
        w.writeAttribute("tests", Integer.toString(checks.size()));
        w.writeAttribute("failures", Long.toString(checks.stream().filter(c -> c.outcome() == CheckResult.Verdict.FAIL).count()));
        w.writeAttribute("errors", "0");
        w.writeAttribute("skipped", Long.toString(checks.stream()
                .filter(c -> c.outcome() == CheckResult.Verdict.INCONCLUSIVE).count()));
        w.writeAttribute("time", "0");
    }

    private static void testcase(XMLStreamWriter w, CheckResult.Check c) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement("testcase");
        w.writeAttribute("classname", clean("driftwatch." + c.group()));
        w.writeAttribute("name", clean(c.name()));
        w.writeAttribute("time", "0");
        if (c.outcome() == CheckResult.Verdict.FAIL) {
            w.writeStartElement("failure");
            w.writeAttribute("type", clean(c.group()));
            w.writeAttribute("message", clean(c.message()));
            w.writeCharacters(clean(c.message()));
            w.writeEndElement();
        } else if (c.outcome() == CheckResult.Verdict.INCONCLUSIVE) {
            w.writeStartElement("skipped");
            w.writeAttribute("message", clean("inconclusive: " + c.message()));
            w.writeEndElement();
        } else {
            w.writeStartElement("system-out");
            w.writeCharacters(clean(c.message()));
            w.writeEndElement();
        }
        w.writeEndElement();
    }

    /**
     * The text with every character XML 1.0 forbids (control characters other than tab, newline and
     * carriage return; lone surrogates; U+FFFE and U+FFFF) replaced by U+FFFD, so Jenkins' and GitLab's
     * parsers take the report whatever a column is called.
     */
    static String clean(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            boolean ok = pair || c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && b == null) {
                b = new StringBuilder(s.substring(0, i));
            }
            if (b != null) {
                b.append(ok ? String.valueOf(c) : "\uFFFD");
                if (pair) {
                    b.append(s.charAt(++i));
                }
            } else if (pair) {
                i++;
            }
        }
        return b == null ? s : b.toString();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
