package com.o2cpulse.embedded;

import com.o2cpulse.config.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link EmbeddedKafkaBroker} per test class, in a temporary directory, and hands tests a
 * {@link TestKafka} connected to it as a parameter of test, {@code @BeforeEach} or {@code @BeforeAll} methods.
 * Nested classes share their enclosing class's broker. The broker stops and its directory is deleted when the
 * class's tests are done.
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class SomethingIT {
 *     @Test
 *     void behaviour(TestKafka kafka) { kafka.createTopics(1, "in"); ... }
 * }
 * }</pre>
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        runningBroker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestKafka.class;
    }

    @Override
    public TestKafka resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return runningBroker(context).kafka;
    }

    private static RunningBroker runningBroker(ExtensionContext context) {
        // Stores see their parents' values, so a nested class finds the broker of its enclosing class.
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RunningBroker.class, key -> RunningBroker.start(),
                RunningBroker.class);
    }

    private static final class RunningBroker implements ExtensionContext.Store.CloseableResource {

        private final Path directory;
        private final EmbeddedKafkaBroker broker;
        private final TestKafka kafka;

        private RunningBroker(Path directory, EmbeddedKafkaBroker broker) {
            this.directory = directory;
            this.broker = broker;
            this.kafka = TestKafka.connectedTo(broker.bootstrapServers());
        }

        static RunningBroker start() {
            try {
                Path directory = Files.createTempDirectory("o2c-kafka-");
                return new RunningBroker(directory, new EmbeddedKafkaBroker(directory, 0).start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                kafka.close();
            } finally {
                broker.close();
                Directories.delete(directory);
            }
        }
    }
}
