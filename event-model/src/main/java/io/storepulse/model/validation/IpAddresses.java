package io.storepulse.model.validation;

/** Syntax checks of IP address literals, without any name resolution. */
final class IpAddresses {

    private IpAddresses() {
    }

    static boolean isLiteral(String value) {
        return value.indexOf(':') >= 0 ? isIpv6(value) : isIpv4(value);
    }

    static boolean isIpv4(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                if (!Character.isDigit(part.charAt(i))) {
                    return false;
                }
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
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
