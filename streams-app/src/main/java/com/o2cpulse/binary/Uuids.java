package com.o2cpulse.binary;

/** Recognises identifiers in the canonical UUID form {@code 8-4-4-4-12} of lower-case hex digits. */
final class Uuids {

    static final int STRING_TAG = 0;
    static final int TAG = 1;

    private Uuids() {
    }

    static boolean isCanonical(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
