package dev.fiveohtwo.reports;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Ids of kept reports: 128 random bits, URL-safe Base64 without padding (22 characters). A button carries one; it
 * says nothing about the server or the time, and nobody can reach another report by counting.
 */
final class ReportIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private ReportIds() {}

    static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** Whether {@code id} could be one of ours: anything else is not looked up at all. */
    static boolean wellFormed(String id) {
        return id != null && SHAPE.matcher(id).matches();
    }
}
