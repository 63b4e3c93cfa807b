package io.storepulse.stack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack in the foreground until SIGTERM/SIGINT, or, with {@code --control-stdin}, until its
 * standard input closes; then commands on stdin ({@code stop kafka}, {@code start kafka}, ...) stop and start
 * single servers, answered by {@code OK ...} or {@code ERR ...} lines. Prints one line starting with
 * {@value #READY} and the endpoints once everything answers.
 */
public final class LocalStackMain {

    public static final String READY = "STOREPULSE-STACK READY";
    public static final String FAILED = "STOREPULSE-STACK FAILED";

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        StackConfig config;
        boolean controlStdin;
        try {
            Options options = Options.parse(args);
            config = options.config();
            controlStdin = options.controlStdin();
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        LocalStack stack = new LocalStack(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.out.println(FAILED + " " + rootMessage(e));
            System.out.flush();
            System.exit(1);
        }
        StringBuilder ready = new StringBuilder(READY);
        stack.endpoints().forEach((name, endpoint) -> ready.append(' ').append(name).append('=').append(endpoint));
        System.out.println(ready);
        System.out.flush();
        if (controlStdin) {
            serveCommands(stack);
            System.exit(0);
        }
        stopped.await();
    }

    private static void serveCommands(LocalStack stack) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.strip().split("\\s+");
            try {
                if (words.length != 2) {
                    throw new IllegalArgumentException("expected '<start|stop|kill|status> <server>'");
                }
                switch (words[0]) {
                    case "stop" -> stack.stop(words[1]);
                    case "kill" -> stack.kill(words[1]);
                    case "start" -> stack.restart(words[1]);
                    case "status" -> {
                        System.out.println("OK " + words[1] + (stack.isRunning(words[1]) ? " up" : " down"));
                        System.out.flush();
                        continue;
                    }
                    default -> throw new IllegalArgumentException("unknown command '" + words[0] + "'");
                }
                System.out.println("OK " + line.strip());
            } catch (Exception e) {
                System.out.println("ERR " + line.strip() + ": " + rootMessage(e));
            }
            System.out.flush();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    record Options(StackConfig config, boolean controlStdin) {

        static final String USAGE = "usage: LocalStackMain [--data-dir DIR] [--kafka-port N] [--kafka-controller-port N]"
                + " [--kafka-proxied-port N --kafka-proxied-advertised-port N] [--redis-port N] [--s3-port N] [--partitions N]"
                + " [--brokers N] [--bucket NAME] [--only kafka,redis,s3] [--secure] [--control-stdin]";

        static Options parse(String[] args) {
            StackConfig defaults = StackConfig.defaults(Path.of(".storepulse", "data"));
            Path dataDir = defaults.dataDir();
            int kafkaPort = defaults.kafkaPort();
            Integer controllerPort = null;
            int proxiedPort = 0;
            int proxiedAdvertisedPort = 0;
            int redisPort = defaults.redisPort();
            int s3Port = defaults.s3Port();
            int partitions = defaults.partitions();
            int brokers = defaults.brokers();
            String bucket = defaults.bucket();
            Set<StackConfig.Component> components = EnumSet.allOf(StackConfig.Component.class);
            boolean controlStdin = false;
            boolean secure = false;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--control-stdin")) {
                    controlStdin = true;
                    continue;
                }
                if (flag.equals("--secure")) {
                    secure = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--kafka-port" -> kafkaPort = port(flag, value);
                    case "--kafka-controller-port" -> controllerPort = port(flag, value);
                    case "--kafka-proxied-port" -> proxiedPort = port(flag, value);
                    case "--kafka-proxied-advertised-port" -> proxiedAdvertisedPort = port(flag, value);
                    case "--redis-port" -> redisPort = port(flag, value);
                    case "--s3-port" -> s3Port = port(flag, value);
                    case "--partitions" -> partitions = positive(flag, value);
                    case "--brokers" -> brokers = positive(flag, value);
                    case "--bucket" -> bucket = bucket(value);
                    case "--only" -> components = components(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            int controller = controllerPort != null ? controllerPort : kafkaPort + 1;
            return new Options(new StackConfig(dataDir.toAbsolutePath(), kafkaPort, controller, redisPort, s3Port,
                    partitions, bucket, components, secure, proxiedPort, proxiedAdvertisedPort, brokers), controlStdin);
        }

        /** S3's bucket naming rules, so a bad name fails here and not as an error of the store at first write. */
        private static String bucket(String value) {
            if (!value.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("--bucket: '" + value + "' is not a valid S3 bucket name "
                        + "(3-63 characters: lower-case letters, digits, dots and hyphens)");
            }
            return value;
        }

        private static Set<StackConfig.Component> components(String value) {
            Set<StackConfig.Component> components = EnumSet.noneOf(StackConfig.Component.class);
            for (String name : value.split(",")) {
                try {
                    components.add(StackConfig.Component.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--only: unknown server '" + name + "', expected kafka, redis, s3");
                }
            }
            return components;
        }

        private static int port(String flag, String value) {
            int port = positive(flag, value);
            if (port > 65535) {
                throw new IllegalArgumentException(flag + " must be a port number, was " + value);
            }
            return port;
        }

        private static int positive(String flag, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number <= 0) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be a positive whole number, was " + value);
            }
        }
    }
}
