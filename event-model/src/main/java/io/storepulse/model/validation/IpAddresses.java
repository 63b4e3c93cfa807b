package io.storepulse.model.validation;

/** Syntax checks of IP address literals, without any name resolution. */
final class IpAddresses {

    private IpAddresses() {
    }

    static boolean isLiteral(String value) {
        return value.indexOf(':') >= 0 ? isIpv6(value) : isIpv4(value);
    }

    /** Four decimal octets 0-255 without leading zeros; parsed in place, as every event carries an address. */
    static boolean isIpv4(String value) {
        int octets = 0;
        int i = 0;
        int length = value.length();
        while (i < length) {
            int start = i;
            int octet = 0;
            while (i < length && value.charAt(i) >= '0' && value.charAt(i) <= '9' && i - start < 3) {
                octet = octet * 10 + (value.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && value.charAt(start) == '0')) {
                return false;
            }
            octets++;
            if (i == length) {
                break;
            }
            if (value.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
            if (i == length) {
                return false;
            }
        }
        return octets == 4;
    }

    static boolean isIpv6(String value) {
        if (value.length() > 45) {
            return false;
        }
        String address = value;
        int groupsNeeded = 8;
        int lastColon = value.lastIndexOf(':');
        if (value.indexOf('.') > lastColon) {
            if (!isIpv4(value.substring(lastColon + 1))) {
                return false;
            }
            address = value.substring(0, lastColon + 1) + "0";
            groupsNeeded = 7;
        }
        if ((address.startsWith(":") && !address.startsWith("::")) || (address.endsWith(":") && !address.endsWith("::"))) {
            return false;
        }
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = address.split(":", -1);
        int count = 0;
        for (String group : groups) {
            if (group.isEmpty()) {
                if (doubleColon < 0) {
                    return false;
                }
                continue;
            }
            if (group.length() > 4) {
                return false;
            }
            for (int c = 0; c < group.length(); c++) {
                if (Character.digit(group.charAt(c), 16) < 0) {
                    return false;
                }
            }
            count++;
        }
        return doubleColon >= 0 ? count < groupsNeeded : count == groupsNeeded;
    }
}
