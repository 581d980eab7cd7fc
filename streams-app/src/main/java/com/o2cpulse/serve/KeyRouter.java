package com.o2cpulse.serve;

import java.util.OptionalLong;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a question about one store key where the key lives: locally when this instance holds the active copy,
 * otherwise by asking the instance that does. When that instance cannot be reached, a standby copy answers,
 * here or on another instance, provided it lags at most {@code maxStandbyLag} records.
 */
final class KeyRouter {

    private static final Logger LOG = LoggerFactory.getLogger(KeyRouter.class);
    private static final StringSerializer STRING_SERIALIZER = new StringSerializer();

    /** Answers from this instance's copy of one store partition; see {@link LocalStores} for {@code allowedLag}. */
    interface LocalAnswer {
        Reply answer(int partition, OptionalLong allowedLag);
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final PeerClient peers;
    private final long maxStandbyLag;

    KeyRouter(KafkaStreams streams, HostInfo self, PeerClient peers, long maxStandbyLag) {
        this.streams = streams;
        this.self = self;
        this.peers = peers;
        this.maxStandbyLag = maxStandbyLag;
    }

    /**
     * @param internalPath the path of the internal endpoint that answers {@code local} on another instance; it
     *                     takes the query parameters {@code partition} and, for a standby, {@code maxLag}
     */
    Reply route(String storeName, String key, LocalAnswer local, String internalPath) {
        Queryable.require(streams);
        KeyQueryMetadata metadata = streams.queryMetadataForKey(storeName, key, STRING_SERIALIZER);
        if (metadata == null || metadata.partition() < 0 || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw ApiException.unavailable("the location of " + storeName + " keys is not known yet (rebalancing)");
        }
        int partition = metadata.partition();
        HostInfo active = metadata.activeHost();
        Reply reply;
        if (self.equals(active)) {
            reply = answerLocally(local, partition, OptionalLong.empty());
            if (reply.isUnavailable()) {
                // Promoted a moment ago, the copy here still restores its tail: read it as a standby, within the lag.
                reply = answerLocally(local, partition, OptionalLong.of(maxStandbyLag));
            }
        } else {
            try {
                reply = peers.getNow(active, internalPath + "?partition=" + partition);
            } catch (PeerClient.Unreachable e) {
                LOG.debug("Active host of {} partition {} is unreachable ({}); trying standbys {}", storeName, partition,
                        e.getCause() == null ? e.getMessage() : e.getCause().toString(), metadata.standbyHosts());
                return fromStandby(storeName, partition, metadata, local, internalPath);
            }
        }
        // The group may count an instance active for a partition it does not hold yet (a static member starting
        // again) or no longer serves (one closing): it answers 503, and a standby answers instead.
        if (reply.isUnavailable()) {
            LOG.debug("Active host of {} partition {} cannot answer yet; trying standbys {}", storeName, partition, metadata.standbyHosts());
            return fromStandby(storeName, partition, metadata, local, internalPath);
        }
        return reply;
    }

    private static Reply answerLocally(LocalAnswer local, int partition, OptionalLong allowedLag) {
        try {
            return local.answer(partition, allowedLag);
        } catch (ApiException e) {
            if (e.status() == 503) {
                return Reply.of(e);
            }
            throw e;
        } catch (InvalidStateStoreException e) {
            return Reply.error(503, "state store not queryable now (rebalancing or restoring); retry");
        }
    }

    private Reply fromStandby(String storeName, int partition, KeyQueryMetadata metadata, LocalAnswer local,
                              String internalPath) {
        for (HostInfo standby : metadata.standbyHosts()) {
            Reply reply = askStandby(standby, partition, local, internalPath);
            if (reply != null && !reply.isUnavailable()) {
                return reply;
            }
        }
        throw ApiException.unavailable("the instance holding " + storeName + " partition " + partition
                + " is unreachable and no standby within " + maxStandbyLag + " records can answer");
    }

    /** The standby's reply, or null when it has none. */
    private Reply askStandby(HostInfo standby, int partition, LocalAnswer local, String internalPath) {
        if (self.equals(standby)) {
            try {
                return local.answer(partition, OptionalLong.of(maxStandbyLag));
            } catch (ApiException e) {
                return Reply.of(e);
            } catch (RuntimeException e) {
                LOG.debug("Local standby of partition {} cannot answer: {}", partition, e.toString());
                return null;
            }
        }
        try {
            return peers.getNow(standby, internalPath + "?partition=" + partition + "&maxLag=" + maxStandbyLag);
        } catch (PeerClient.Unreachable e) {
            LOG.debug("Standby {}:{} is unreachable too", standby.host(), standby.port());
            return null;
        }
    }
}
