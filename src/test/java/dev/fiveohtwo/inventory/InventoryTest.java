package dev.fiveohtwo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryTest {
    private static final Inventory INVENTORY = new InventoryLoader(Path.of("/nonexistent-home"))
            .parse(
                    "inv.yml",
                    String.join(
                            "\n",
                            "defaults:",
                            "  transport: local",
                            "servers:",
                            "  web-01:",
                            "    groups: [web, prod]",
                            "  web-02:",
                            "    groups: [web]",
                            "  api-01:",
                            "    groups: [api, prod]",
                            "  lonely:",
                            ""));

    private static List<String> names(List<Server> servers) {
        return servers.stream().map(Server::name).toList();
    }

    @Test
    void resolvesServerByName() {
        assertEquals(List.of("web-02"), names(INVENTORY.resolve("web-02")));
    }

    @Test
    void resolvesGroupToItsServersInInventoryOrder() {
        assertEquals(List.of("web-01", "web-02"), names(INVENTORY.resolve("web")));
        assertEquals(List.of("web-01", "api-01"), names(INVENTORY.resolve("prod")));
    }

    @Test
    void resolvesAllToEveryServer() {
        assertEquals(List.of("web-01", "web-02", "api-01", "lonely"), names(INVENTORY.resolve("all")));
    }

    @Test
    void listsGroupsSorted() {
        assertEquals(List.of("api", "prod", "web"), List.copyOf(INVENTORY.groups()));
        assertEquals(List.of("api-01"), names(INVENTORY.group("api")));
        assertTrue(INVENTORY.group("nope").isEmpty());
    }

    @Test
    void serverNameWinsOverGroupOfSameName() {
        Inventory inv = new InventoryLoader(Path.of("/nonexistent-home"))
                .parse(
                        "inv.yml",
                        "defaults:\n  transport: local\nservers:\n  web:\n    groups: [edge]\n  edge:\n    groups: [web]\n");

        assertEquals(List.of("web"), names(inv.resolve("web")));
        assertEquals(List.of("edge"), names(inv.resolve("edge")));
    }

    @Test
    void unknownServerSuggestsClosestServerFirst() {
        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve("web-1"));

        assertEquals("web-01", e.suggestions().get(0));
        assertTrue(e.suggestions().size() <= 3, e.suggestions().toString());
        assertTrue(e.getMessage().contains("'web-1'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean web-01"), e.getMessage());
    }

    @Test
    void unknownNameSuggestsGroup() {
        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve("wbe"));

        assertTrue(e.suggestions().contains("web"), e.suggestions().toString());
    }

    @Test
    void unknownNameSuggestsAll() {
        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve("al"));

        assertTrue(e.suggestions().contains("all"), e.suggestions().toString());
    }

    @Test
    void unknownNameWithNothingCloseHasNoSuggestion() {
        UnknownTargetException e =
                assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve("database-cluster"));

        assertEquals(List.of(), e.suggestions());
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
    }

    @Test
    void resolutionIsCaseSensitiveButSuggestionIsNot() {
        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve("WEB-01"));

        assertEquals("web-01", e.suggestions().get(0));
    }

    @Test
    void hostileNameIsEchoedLiterallyWithoutControlCharacters() {
        String hostile = "web-01'; reboot #";

        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve(hostile));

        assertTrue(e.getMessage().contains("'" + hostile + "'"), e.getMessage());
        assertPrintable(e.getMessage());
    }

    @Test
    void controlCharactersInNameAreEscaped() {
        String hostile = "web\u001b[2J\r\nFAKE: all good\u0007\u0000";

        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve(hostile));

        assertPrintable(e.getMessage());
        assertTrue(e.getMessage().contains("\\u001b[2J\\r\\nFAKE"), e.getMessage());
        assertTrue(e.getMessage().contains("\\u0007\\u0000"), e.getMessage());
    }

    @Test
    void bidiOverrideInNameIsEscaped() {
        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve("web\u202e10-"));

        assertTrue(e.getMessage().contains("\\u202e"), e.getMessage());
    }

    @Test
    void longNameGivesBoundedMessage() {
        String hostile = "A\u001b".repeat(5 * 1024);

        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve(hostile));

        assertPrintable(e.getMessage());
        assertTrue(
                e.getMessage().length() < 1000, "message of " + e.getMessage().length() + " chars");
        assertTrue(e.getMessage().contains("…"), e.getMessage());
    }

    @Test
    void tenKilobytesOfTextGiveBoundedMessage() {
        String hostile = "web-01 ".repeat(1500);

        UnknownTargetException e = assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve(hostile));

        assertTrue(e.getMessage().length() < 400, "message of " + e.getMessage().length() + " chars");
        assertTrue(e.suggestions().isEmpty(), e.suggestions().toString());
    }

    @Test
    void emptyNameIsUnknown() {
        assertThrows(UnknownTargetException.class, () -> INVENTORY.resolve(""));
    }

    @Test
    void builtInInventoryHoldsOnlyLocalhostOverLocalTransport() {
        Inventory builtIn = Inventory.builtIn();

        assertEquals("built-in", builtIn.source());
        assertEquals(Set.of("localhost"), builtIn.servers().keySet());
        Server local = builtIn.servers().get("localhost");
        assertEquals(Transport.LOCAL, local.transport());
        assertEquals("localhost", local.host());
        assertTrue(local.jump().isEmpty());
        assertEquals(List.of("localhost"), names(builtIn.resolve("all")));
        assertEquals(List.of("localhost"), names(builtIn.resolve("localhost")));
    }

    @Test
    void closestNamesOrdersByDistanceThenName() {
        assertEquals(
                List.of("web-01", "web", "web-02"),
                ClosestNames.to("web-1", List.of("web", "web-02", "web-01", "db-01"), 5));
    }

    @Test
    void closestNamesRespectsLimit() {
        assertEquals(List.of("web-01"), ClosestNames.to("web-1", List.of("web", "web-02", "web-01"), 1));
    }

    @Test
    void closestNamesMatchesPrefixBeyondEditDistance() {
        assertEquals(List.of("production"), ClosestNames.to("prod", List.of("production", "staging"), 3));
    }

    @Test
    void closestNamesIgnoresCase() {
        assertEquals(List.of("Web-01"), ClosestNames.to("WEB-01", List.of("Web-01", "db"), 3));
    }

    @Test
    void closestNamesFindsNothingForUnrelatedName() {
        assertEquals(List.of(), ClosestNames.to("kubernetes", List.of("web-01", "db-01", "all"), 3));
    }

    @Test
    void closestNamesCopesWithVeryLongNames() {
        String longName = "x".repeat(10_000);

        assertEquals(List.of(), ClosestNames.to(longName, List.of("web", "y" + longName), 3));
        assertEquals(List.of(), ClosestNames.to("web", List.of(longName), 3));
    }

    @Test
    void closestNamesToleratesTransposition() {
        assertEquals(List.of("nginx"), ClosestNames.to("ngnix", List.of("nginx", "php-fpm"), 3));
    }

    private static void assertPrintable(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            assertFalse(
                    Character.isISOControl(c),
                    "raw control character U+" + String.format("%04X", (int) c) + " at " + i);
        }
    }
}
