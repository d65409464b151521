package dev.fiveohtwo.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeLinuxTest {
    @Test
    void readsTheModeAndTheBooleanAsTheCollectorPrintsThemFromSysfs() {
        SeLinux s = SeLinux.parse("mode=Enforcing\nhttpd_can_network_connect=off\n");

        assertTrue(s.enforcing());
        assertEquals(Optional.of(false), s.httpdCanNetworkConnect());
    }

    @Test
    void readsGetseboolsOwnLine() {
        SeLinux s = SeLinux.parse("mode=Permissive\nhttpd_can_network_connect --> on\n");

        assertFalse(s.enforcing());
        assertEquals(Optional.of(true), s.httpdCanNetworkConnect());
    }

    @Test
    void aHostWithoutSelinuxDoesNotEnforce() {
        SeLinux s = SeLinux.parse("");

        assertFalse(s.enforcing());
        assertEquals(Optional.empty(), s.httpdCanNetworkConnect());
    }
}
