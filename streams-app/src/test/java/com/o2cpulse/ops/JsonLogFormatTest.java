package com.o2cpulse.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The application's logback.xml: with O2C_LOG_FORMAT=json each event is one JSON object on one line, the message
 * rendered; by default one readable line.
 */
class JsonLogFormatTest {

    @Test
    void withTheJsonFormatEachEventIsOneJsonObjectOnOneLineWithTheMessageRendered() throws Exception {
        Logger root = configuredRoot("json");

        String info = encode(root, "json", event(root, Level.INFO, null, "restored {} records of {}", 1200, "kpi-totals"));
        String error = encode(root, "json", event(root, Level.ERROR, new IllegalStateException("disk full"), "stream thread failed"));

        assertThat(info.strip()).doesNotContain("\n");
        assertThat(error.strip()).doesNotContain("\n");
        ObjectMapper json = new ObjectMapper();
        JsonNode infoJson = json.readTree(info);
        assertThat(infoJson.path("level").asText()).isEqualTo("INFO");
        assertThat(infoJson.path("loggerName").asText()).isEqualTo("com.o2cpulse.test");
        assertThat(infoJson.path("formattedMessage").asText()).isEqualTo("restored 1200 records of kpi-totals");
        assertThat(infoJson.path("timestamp").asLong()).isPositive();
        assertThat(json.readTree(error).path("throwable").path("message").asText()).isEqualTo("disk full");
    }

    @Test
    void theDefaultFormatIsOneReadableLine() throws Exception {
        Logger root = configuredRoot(null);

        String line = encode(root, "text", event(root, Level.INFO, null, "restored {} records", 7));

        assertThat(line).contains(" INFO ").endsWith("- restored 7 records" + System.lineSeparator());
    }

    /** The root logger of a fresh context configured from src/main/resources/logback.xml with the format given. */
    private static Logger configuredRoot(String format) throws Exception {
        String previous = System.getProperty("O2C_LOG_FORMAT");
        try {
            if (format == null) {
                System.clearProperty("O2C_LOG_FORMAT");
            } else {
                System.setProperty("O2C_LOG_FORMAT", format);
            }
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new LogbackMDCAdapter());
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(JsonLogFormatTest.class.getResource("/logback.xml"));
            return context.getLogger(Logger.ROOT_LOGGER_NAME);
        } finally {
            if (previous == null) {
                System.clearProperty("O2C_LOG_FORMAT");
            } else {
                System.setProperty("O2C_LOG_FORMAT", previous);
            }
        }
    }

    /** What the root logger's only appender, which must be the one named, writes for the event. */
    private static String encode(Logger root, String appenderName, ILoggingEvent event) {
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) root.getAppender(appenderName);
        assertThat(appender).as("appender %s attached", appenderName).isNotNull();
        return new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);
    }

    private static ILoggingEvent event(Logger root, Level level, Throwable thrown, String message, Object... arguments) {
        Logger logger = root.getLoggerContext().getLogger("com.o2cpulse.test");
        return new LoggingEvent(JsonLogFormatTest.class.getName(), logger, level, message, thrown, arguments);
    }
}
