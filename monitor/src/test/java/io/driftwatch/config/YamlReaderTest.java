package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anchors, aliases, merge keys, tags and documents are read as YAML means them, or refused with a place. */
class YamlReaderTest {
    @TempDir
    Path dir;

    private record Read(Optional<YamlNode> node, ConfigErrors errors) {
        String errorText() {
            return errors.list().toString();
        }
    }

    private Read read(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        ConfigErrors errors = new ConfigErrors();
        return new Read(YamlReader.read(f, "c.yaml", errors), errors);
    }

    private static YamlNode at(YamlNode n, String... keys) {
        for (String k : keys) {
            n = ((YamlNode.MapNode) n).entries().get(k);
        }
        return n;
    }

    @Test
    void anAliasIsTheAnchoredValueNotItsName() throws Exception {
        Read r = read("defaults: &d {team: ml, window: 1h}\nowners: &who [alice]\nmodel:\n  <<: *d\n  window: 2h\n  owner: *who\n");
        assertThat(r.errors().isEmpty()).as(r.errorText()).isTrue();
        YamlNode model = at(r.node().orElseThrow(), "model");
        assertThat(((YamlNode.ScalarNode) at(model, "team")).value()).isEqualTo("ml");
        assertThat(((YamlNode.ScalarNode) at(model, "window")).value()).as("written keys win over merged ones").isEqualTo("2h");
        assertThat(((YamlNode.ListNode) at(model, "owner")).items().get(0)).isEqualTo(new YamlNode.ScalarNode(
                new Location("c.yaml", 2, 15), "alice"));
        assertThat(read("team: &team ml\nlabels: {team: *team}\n").errorText()).as("never the anchor's name")
                .contains("c.yaml:2:16", "*team", "write the value itself");
    }

    @Test
    void anUnknownAliasATagWithoutAScalarAndACustomTagAreErrorsWithTheirPlace() throws Exception {
        assertThat(read("a: *nowhere\n").errorText()).contains("c.yaml:1:4", "*nowhere names no mapping or list");
        assertThat(read("window: !!binary aGVsbG8=\n").errorText()).contains("c.yaml:1:9", "!!binary");
        assertThat(read("x: !Ref thing\n").errorText()).contains("c.yaml:1:4", "the tag !Ref");
        assertThat(read("a: !!str 12\n").errors().isEmpty()).isTrue();
    }

    @Test
    void aSecondDocumentIsAnError() throws Exception {
        assertThat(read("a: 1\n---\nb: 2\n").errorText()).contains("c.yaml:3", "a second YAML document");
    }

    @Test
    void anAliasBombIsRefusedQuickly() throws Exception {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        assertThat(read(y.toString()).errorText()).contains("aliases stand for more than 100000 values");
    }
}
