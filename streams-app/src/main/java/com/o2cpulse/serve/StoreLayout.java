package com.o2cpulse.serve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** Which instance holds the active copy of each partition of one store, and which hold standbys, as the group last said. */
record StoreLayout(Map<Integer, HostInfo> active, Map<Integer, List<HostInfo>> standbys) {

    static StoreLayout of(Collection<StreamsMetadata> metadata) {
        Map<Integer, HostInfo> active = new TreeMap<>();
        Map<Integer, List<HostInfo>> standbys = new TreeMap<>();
        for (StreamsMetadata instance : metadata) {
            instance.topicPartitions().forEach(partition -> active.put(partition.partition(), instance.hostInfo()));
            instance.standbyTopicPartitions().forEach(partition -> standbys.computeIfAbsent(partition.partition(),
                    p -> new ArrayList<>()).add(instance.hostInfo()));
        }
        standbys.replaceAll((partition, hosts) -> List.copyOf(new LinkedHashSet<>(hosts)));
        return new StoreLayout(active, standbys);
    }

    Set<HostInfo> activeHosts() {
        return Set.copyOf(active.values());
    }

    SortedSet<Integer> activePartitionsOf(HostInfo host) {
        return active.entrySet().stream().filter(entry -> entry.getValue().equals(host)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    List<HostInfo> standbyHostsOf(int partition) {
        return standbys.getOrDefault(partition, List.of());
    }

    /** Partitions that only standbys hold now (between an active copy's loss and its reassignment). */
    SortedSet<Integer> partitionsWithoutActive() {
        return standbys.keySet().stream().filter(partition -> !active.containsKey(partition))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
