package org.graphrec.importer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact bytes of two small generated catalogues (a bundle with daily increments, an MMRec directory), pinned
 * as SHA-256 digests: a refactoring of the generator must not change one byte for a seed. A deliberate change of
 * the generated data updates the digests here (and says so in its commit).
 */
class GeneratedBytesTest {

    @TempDir
    Path dir;

    private static SyntheticParameters.Builder small() {
        return SyntheticParameters.builder().users(120).items(80).brands(9).categories(6).clusters(5)
                .interactions(1_500L).textDim(12).imageDim(8).latentDim(6).seed(20261203);
    }

    /** "relative/path sha256" per file, sorted by path. */
    private static String digests(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(f -> root.relativize(f).toString().replace('\\', '/') + " " + sha256(f))
                    .collect(Collectors.joining("\n"));
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBundleWithDailyIncrementsKeepsItsBytes() throws IOException {
        Path out = dir.resolve("bundle");
        new SyntheticGenerator(small().days(2).build()).generate(out, false, ProgressTracker.none());
        assertThat(digests(out)).isEqualTo("""
                bundle.properties a90dc9617359ae7f2cfa9cd5b9dcc7cf1d80c04efa6fa8cffc78ea82bde7ed55
                day-01/bundle.properties 3f9ae57894dcb798f6383df2fa3f5845dd0b1c35f5ee39e461062c1f1185c699
                day-01/interactions.csv b1fe2de5a7d44fc3e461c7985208d836dd4b5b839c8d03ef547ee65a777460a3
                day-01/users.csv 3a9baf90c3d9a831edae33a2264f17211b5f3bbe9fff626acf8f1316a1f4e51e
                day-02/bundle.properties 5fddfaba0dbbd29468abb7ea6a3ee942be0b8ebddd82fe66c9ddeccb14133913
                day-02/image.npy db8d65485d9b3ddfeb82865b76861f505535ec187d351c8b53f5ff08334f99fe
                day-02/interactions.csv 418dcc35a55a6156e2ab9a69a60ad300838ef38d920d7012410e6d2e9ca47239
                day-02/items.csv 975df812f2a16cea7ced0e958e3c5b3295e1e8776f4f3c381acb732e37abb1f8
                day-02/text.npy 8c7067c9247a3f013ca66be78645f34014f14ca308be558c4a8ea3ec8aefe82d
                image.npy 05437e686b25592aacbf2f544d05524e3d026b7e443d57f410e71f843dec8427
                interactions.csv ac5c9d6dd747adfedab7360bf84d786347895b3ca38e97392818740141e73b9e
                items.csv 436db68f9d6f932f3982e315a9cd0aad48aa4114b86371f8deabd9a9ef5444f1
                latent-clusters.csv 6cf8fd28de5a79d05a0462d57b8e300551240ee3ff4c52a2af1b689f945e0e71
                text.npy 464c64b49573aea63daf8d09ea2e9f47813da453ce928e5d32cc648db39a0f9b
                users.csv 5a020eefce6924bf89ab00fc4fa761dda63d4c146754c940356032ea0b0c40b5""");
    }

    @Test
    void anMmrecDirectoryKeepsItsBytes() throws IOException {
        Path out = dir.resolve("mmrec");
        new SyntheticGenerator(small().layout(SyntheticParameters.Layout.MMREC).build())
                .generate(out, false, ProgressTracker.none());
        assertThat(digests(out)).isEqualTo("""
                i_id_mapping.csv d32f2fce8ebcf87c1f4b5a7f9be4aea584448bfc0640569b108ddae40308d65f
                image_feat.npy aaccd719988c433c3002419d64c5e2f9c15420d66f828e1c582aebe9d7560b21
                latent-clusters.csv 6cf8fd28de5a79d05a0462d57b8e300551240ee3ff4c52a2af1b689f945e0e71
                synthetic-s20261203.inter 8e5d93eca294b9fe3fabad31be934ab1fc12865f71e5e5b929ecdb821c4bb9ce
                text_feat.npy cf12e9817b82d74cb2b9e40bd124e40b4334825a1d3df071265dc036201136e4
                u_id_mapping.csv 5f05c24e0ec4395f170175547f997073ab3a5ec6ccea3270d47a27c20fd1675b""");
    }
}
