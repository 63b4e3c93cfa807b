package io.storepulse.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The secured stack's certificate authority, server certificate and passwords: generated at the first secured start
 * into one directory that only its owner can read, and reused afterwards. Nothing here is ever committed; deleting
 * the directory (with the data it protects) starts over with new ones.
 *
 * <p>Files: {@code ca.pem} (what clients trust), {@code server.p12} (the servers' key and certificate, for
 * 127.0.0.1 and localhost), {@code server-cert.pem} and {@code server-key.pem} (the same, for Redis), and
 * {@code credentials.properties} (every password).
 */
public final class StackSecrets {

    /** The DN of the servers' certificate; the broker authenticates to its own controller with it. */
    public static final String SERVER_DN = "CN=storepulse-local-server";
    /** The broker's own SASL user: a super user, as is the server certificate on the controller listener. */
    public static final String ADMIN_USER = "storepulse-admin";
    /** The one Redis ACL user the apps log in as (the default user is switched off). */
    public static final String REDIS_USER = "storepulse";

    private static final String CREDENTIALS = "credentials.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Properties credentials;

    private StackSecrets(Path dir, Properties credentials) {
        this.dir = dir;
        this.credentials = credentials;
    }

    /** The secrets in {@code dir}, generated first if the directory holds none. */
    public static synchronized StackSecrets loadOrCreate(Path dir) {
        try {
            if (!Files.exists(dir.resolve(CREDENTIALS))) {
                generate(dir);
            }
            return load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack's secrets to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The secrets an earlier start generated in {@code dir}. */
    public static StackSecrets load(Path dir) {
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(CREDENTIALS))) {
            credentials.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no stack secrets in " + dir + ": " + e.getMessage(), e);
        }
        return new StackSecrets(dir, credentials);
    }

    public Path dir() {
        return dir;
    }

    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    public Path serverCertPem() {
        return dir.resolve("server-cert.pem");
    }

    public Path serverKeyPem() {
        return dir.resolve("server-key.pem");
    }

    public String keystorePassword() {
        return credential("keystore");
    }

    /** The SCRAM password of a Kafka user: {@link #ADMIN_USER} or one of the apps' principals. */
    public String kafkaPassword(String user) {
        return credential("kafka." + user);
    }

    public String redisPassword() {
        return credential("redis." + REDIS_USER);
    }

    public String s3AccessKey() {
        return credential("s3.access-key");
    }

    public String s3SecretKey() {
        return credential("s3.secret-key");
    }

    /** Every secret value, so a test can look for each one where none may appear. */
    public List<String> allSecrets() {
        List<String> values = new ArrayList<>();
        credentials.stringPropertyNames().stream().sorted().forEach(name -> values.add(credentials.getProperty(name)));
        return values;
    }

    /** The JAAS line a Kafka client logs in with as {@code user}. */
    public String jaasConfig(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + kafkaPassword(user) + "\";";
    }

    /** A TLS context that trusts the stack's CA and nothing else. */
    public SSLContext trustingContext() {
        try (InputStream in = Files.newInputStream(caPem())) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("storepulse-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), RANDOM);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the stack's CA " + caPem() + ": " + e.getMessage(), e);
        }
    }

    private String credential(String name) {
        String value = credentials.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(dir.resolve(CREDENTIALS) + " has no " + name
                    + ": delete " + dir + " and the secured stack's data to generate new secrets");
        }
        return value;
    }

    private static void generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Properties credentials = new Properties();
        credentials.setProperty("keystore", token());
        for (String user : List.of(ADMIN_USER, "storepulse-producer", "storepulse-processor", "storepulse-serving")) {
            credentials.setProperty("kafka." + user, token());
        }
        credentials.setProperty("redis." + REDIS_USER, token());
        credentials.setProperty("s3.access-key", "sp" + token().substring(0, 18).toUpperCase(java.util.Locale.ROOT)
                .replace('-', 'X').replace('_', 'Y'));
        credentials.setProperty("s3.secret-key", token());
        String password = credentials.getProperty("keystore");
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        Files.deleteIfExists(ca);
        Files.deleteIfExists(server);
        keytool(null, "-genkeypair", "-alias", "ca", "-dname", "CN=StorePulse local CA", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "3650", "-ext", "bc:c", "-keystore", ca.toString(),
                "-storetype", "PKCS12", "-storepass", password);
        keytool(null, "-genkeypair", "-alias", "server", "-dname", SERVER_DN, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "825", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", password);
        byte[] request = keytool(null, "-certreq", "-alias", "server", "-keystore", server.toString(),
                "-storepass", password);
        byte[] signed = keytool(request, "-gencert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                "-validity", "825", "-rfc", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "ku:c=digitalSignature,keyEncipherment",
                "-ext", "eku=serverAuth,clientAuth");
        byte[] caCert = keytool(null, "-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                "-rfc");
        writePrivate(dir.resolve("ca.pem"), caCert);
        keytool(caCert, "-importcert", "-noprompt", "-alias", "ca", "-keystore", server.toString(),
                "-storepass", password);
        keytool(signed, "-importcert", "-noprompt", "-alias", "server", "-keystore", server.toString(),
                "-storepass", password);
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rw-------"));
        writePrivate(dir.resolve("server-cert.pem"), signed);
        writePrivate(dir.resolve("server-key.pem"), privateKeyPem(server, password));
        // The CA's key signs nothing after this: it is not kept, so nothing can mint more certificates.
        Files.delete(ca);
        Path partial = dir.resolve(CREDENTIALS + ".part");
        try (OutputStream out = Files.newOutputStream(partial)) {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            credentials.store(out, "StorePulse secured local stack: generated, never commit");
        }
        Files.move(partial, dir.resolve(CREDENTIALS), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static byte[] privateKeyPem(Path keystore, String password) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            byte[] der = store.getKey("server", password.toCharArray()).getEncoded();
            return pem("PRIVATE KEY", der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key just written to " + keystore, e);
        }
    }

    /** {@code der} as PEM text (RFC 7468): the label's BEGIN and END lines around its base64 in 64-column lines. */
    static byte[] pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        String text = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static void writePrivate(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content);
    }

    /** Runs the JDK's keytool (passwords go to it as arguments of a short-lived child of this JVM). */
    private static byte[] keytool(byte[] input, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input);
            }
        }
        byte[] output = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + errors.strip() + " "
                        + new String(output, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the stack's certificates", e);
        }
        return output;
    }

    private static String token() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
