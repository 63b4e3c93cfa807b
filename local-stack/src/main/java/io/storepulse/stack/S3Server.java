package io.storepulse.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** An S3-compatible object store: s3proxy with its filesystem backend, one directory per bucket. */
final class S3Server extends ProcessServer {


    private final StackSecrets secrets;

    /** {@code secrets} null: any request is served; otherwise only requests signed with the stack's keys. */
    S3Server(StackConfig config, StackSecrets secrets) {
        super(config);
        this.secrets = secrets;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String endpoint() {
        return config.s3Endpoint();
    }

    @Override
    public void start() throws Exception {
        Path home = config.dataDir().resolve("s3");
        Path blobs = home.resolve("blobs");
        Files.createDirectories(blobs.resolve(config.bucket()));
        if (secrets != null) {
            // The filesystem backend calls a bucket others may read public-read, and serves it unsigned.
            Files.setPosixFilePermissions(blobs.resolve(config.bucket()), PosixFilePermissions.fromString("rwx------"));
        }
        Path properties = home.resolve("s3proxy.properties");
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint());
        if (secrets == null) {
            // Loopback only and local data: no credentials to leak; deployments use a real S3 with IAM.
            p.setProperty("s3proxy.authorization", "none");
        } else {
            p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            p.setProperty("s3proxy.identity", secrets.s3AccessKey());
            p.setProperty("s3proxy.credential", secrets.s3SecretKey());
        }
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", blobs.toString());
        Files.deleteIfExists(properties);
        Files.createFile(properties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(properties)) {
            p.store(out, "StorePulse local stack: S3-compatible store");
        }
        Path logFile = config.dataDir().resolve("logs/s3.log");
        process = ChildProcess.start(name(), JavaCommand.of("256m", "org.gaul.s3proxy.Main",
                "--properties", properties.toString()), logFile);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy exited during start-up (port " + config.s3Port()
                        + " in use?), see " + logFile);
            }
            if (answers()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("s3proxy did not answer within 30 s, see " + logFile);
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

}
