package dev.autolabel.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class S3UriTest {

    @Test
    void keyIsTakenVerbatim() {
        S3Uri uri = S3Uri.parse("s3://images/dir with space/ünïcode ✓%20.jpg");

        assertEquals(new S3Uri("images", "dir with space/ünïcode ✓%20.jpg"), uri);
        assertEquals("s3://images/dir with space/ünïcode ✓%20.jpg", uri.uri());
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertEquals(new S3Uri("b", "k"), S3Uri.parse("S3://b/k"));
    }

    @Test
    void prefixMayBeABucket() {
        assertEquals(new S3Uri("b", ""), S3Uri.parsePrefix("s3://b"));
        assertEquals(new S3Uri("b", ""), S3Uri.parsePrefix("s3://b/"));
        assertEquals(new S3Uri("b", "p/q"), S3Uri.parsePrefix("s3://b/p/q"));
    }

    @Test
    void malformedUrisSayWhatIsWrong() {
        assertMessage("names a bucket, not an object", "s3://bucket");
        assertMessage("names a bucket, not an object", "s3://bucket/");
        assertMessage("has no bucket", "s3:///key");
        assertMessage("has no bucket", "s3://");
        assertMessage("not an S3 URI", "s3:/bucket/key");
        assertMessage("not an S3 URI", "gs://bucket/key");
        assertMessage("whitespace", "s3://my bucket/key");
    }

    private static void assertMessage(String expected, String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Uri.parse(uri));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
