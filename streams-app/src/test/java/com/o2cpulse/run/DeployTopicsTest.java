package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.topology.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeployTopicsTest {

    @Test
    void deployTopicListMatchesTheTopicsTheApplicationCreates() throws IOException {
        Properties listed = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("..", "deploy", "topics.properties"))) {
            listed.load(reader);
        }
        Map<String, String> expected = new TreeMap<>();
        TopicAdmin.topicConfigs(Topics.DEFAULT).forEach((topic, config) ->
                expected.put(topic, config.getOrDefault("cleanup.policy", "delete")));
        Map<String, String> actual = new TreeMap<>();
        listed.stringPropertyNames().forEach(name -> actual.put(name, listed.getProperty(name)));
        assertThat(actual).isEqualTo(expected);
    }
}
