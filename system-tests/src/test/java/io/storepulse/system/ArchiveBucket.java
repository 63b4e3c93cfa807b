package io.storepulse.system;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The archive as a reader outside the processor sees it: the objects of the local store's bucket (over S3's REST
 * API; the local store takes unsigned requests) and the archiver group's committed rolls (CONTRACT section 10 and
 * docs/ARCHITECTURE.md, "The analytics archive": the committed offset's metadata names the roll's range and hours).
 */
final class ArchiveBucket implements AutoCloseable {

    static final String BUCKET = "storepulse-archive";
    private static final String GROUP = "storepulse-archiver";
    private static final Pattern KEY = Pattern.compile("<Key>([^<]+)</Key>");
    private static final Pattern NEXT = Pattern.compile("<NextContinuationToken>([^<]+)</NextContinuationToken>");

    private final String endpoint;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Admin admin;

    /** A committed roll: offsets {@code first} to {@code last} of one partition, in objects of these hours. */
    record CommittedRoll(TopicPartition partition, long first, long last, List<Long> hours) {

        List<String> keys() {
            List<String> keys = new ArrayList<>();
            for (long hour : hours) {
                LocalDateTime start = LocalDateTime.ofEpochSecond(hour * 3600, 0, ZoneOffset.UTC);
                keys.add(String.format("%s/dt=%s/hour=%02d/%s-%d-%020d-%020d.parquet", partition.topic(),
                        start.toLocalDate(), start.getHour(), partition.topic(), partition.partition(), first, last));
            }
            return keys;
        }
    }

    ArchiveBucket(String s3Endpoint, String bootstrap) {
        this.endpoint = s3Endpoint;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Every key of the bucket. */
    List<String> keys() throws IOException, InterruptedException {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            String query = "list-type=2" + (token == null ? ""
                    : "&continuation-token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            HttpResponse<String> listing = http.send(HttpRequest.newBuilder(
                    URI.create(endpoint + "/" + BUCKET + "?" + query)).build(), HttpResponse.BodyHandlers.ofString());
            if (listing.statusCode() != 200) {
                throw new IOException("listing " + BUCKET + ": HTTP " + listing.statusCode() + " " + listing.body());
            }
            Matcher key = KEY.matcher(listing.body());
            while (key.find()) {
                keys.add(key.group(1));
            }
            Matcher next = NEXT.matcher(listing.body());
            token = listing.body().contains("<IsTruncated>true</IsTruncated>") && next.find() ? next.group(1) : null;
        } while (token != null);
        return keys;
    }

    boolean exists(String key) throws IOException, InterruptedException {
        int status = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/" + BUCKET + "/" + key))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status != 200 && status != 404) {
            throw new IOException("HEAD " + key + ": HTTP " + status);
        }
        return status == 200;
    }

    /** Whether every object the roll names is in the bucket. */
    boolean written(CommittedRoll roll) throws IOException, InterruptedException {
        for (String key : roll.keys()) {
            if (!exists(key)) {
                return false;
            }
        }
        return true;
    }

    /** Every {@code .parquet} object into {@code dir} under its key; returns how many. */
    int download(Path dir) throws IOException, InterruptedException {
        int objects = 0;
        for (String key : keys()) {
            if (!key.endsWith(".parquet")) {
                continue; // the local store lists a PUT's temporary file while it writes it
            }
            Path file = dir.resolve(key);
            Files.createDirectories(file.getParent());
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(
                    URI.create(endpoint + "/" + BUCKET + "/" + key)).build(), HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() != 200) {
                throw new IOException("GET " + key + ": HTTP " + response.statusCode());
            }
            objects++;
        }
        return objects;
    }

    /** The archiver group's last committed roll of every partition it has committed. */
    List<CommittedRoll> committedRolls() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        List<CommittedRoll> rolls = new ArrayList<>();
        committed.forEach((partition, offset) -> roll(partition, offset).ifPresent(rolls::add));
        return rolls;
    }

    /** The plan in the metadata: {@code archive-roll/1;<first>;<last>;<hour>,<hour>...}, hours since the epoch. */
    private static Optional<CommittedRoll> roll(TopicPartition partition, OffsetAndMetadata offset) {
        if (offset == null || !offset.metadata().startsWith("archive-roll/1;")) {
            return Optional.empty();
        }
        String[] parts = offset.metadata().split(";", -1);
        List<Long> hours = new ArrayList<>();
        for (String hour : parts[3].split(",")) {
            if (!hour.isEmpty()) {
                hours.add(Long.parseLong(hour));
            }
        }
        return Optional.of(new CommittedRoll(partition, Long.parseLong(parts[1]), Long.parseLong(parts[2]), hours));
    }

    @Override
    public void close() {
        admin.close();
    }
}
