package com.o2cpulse.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.o2cpulse.config.Settings;
import java.util.Map;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.junit.jupiter.api.Test;

class MembershipOnCloseTest {

    @Test
    void aDynamicMemberLeavesTheGroupSoThatItsTasksMoveAtOnce() {
        Settings dynamic = Settings.load(null, Map.of("O2C_BOOTSTRAP_SERVERS", "k:9092"), Map.of(), Map.of());

        assertThat(O2cPulse.membershipOnClose(dynamic)).isEqualTo(GroupMembershipOperation.LEAVE_GROUP);
    }

    @Test
    void aStaticMemberStaysSoThatItsRestartWithinTheSessionTimeoutCausesNoRebalance() {
        Settings fromPodName = Settings.load(null, Map.of("O2C_BOOTSTRAP_SERVERS", "k:9092", "KAFKA_GROUP_INSTANCE_ID", "o2c-pulse-1"),
                Map.of(), Map.of());

        assertThat(O2cPulse.membershipOnClose(fromPodName)).isEqualTo(GroupMembershipOperation.REMAIN_IN_GROUP);
    }
}
