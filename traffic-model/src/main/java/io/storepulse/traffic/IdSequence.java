package io.storepulse.traffic;

/** Ids made of a fixed prefix and a counter ({@code s-1}, {@code s-2}, ...), built without formatting. */
final class IdSequence {

    private final StringBuilder buffer;
    private final int prefixLength;
    private long next = 1;

    IdSequence(String prefix) {
        this.buffer = new StringBuilder(prefix);
        this.prefixLength = prefix.length();
    }

    String next() {
        return idOf(nextNumber());
    }

    long nextNumber() {
        return next++;
    }

    /** The id of a number this sequence handed out. */
    String idOf(long number) {
        buffer.setLength(prefixLength);
        return buffer.append(number).toString();
    }
}
