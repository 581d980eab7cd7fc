package com.o2cpulse.sim;

/** Business identifiers as the source systems print them; String.format is too slow for millions of them. */
final class Ids {

    private Ids() {
    }

    static String correlationId(long orderNumber) {
        return "SO-" + zeroPadded(orderNumber, 6);
    }

    static String shipmentId(long orderNumber, int shipmentNumber) {
        return "SH-" + zeroPadded(orderNumber, 6) + "-" + shipmentNumber;
    }

    static String invoiceId(long orderNumber, int invoiceNumber) {
        return "INV-" + zeroPadded(orderNumber, 6) + "-" + invoiceNumber;
    }

    static String customerId(int customerNumber) {
        return "CUST-" + zeroPadded(customerNumber, 5);
    }

    private static String zeroPadded(long number, int width) {
        String digits = Long.toString(number);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}
