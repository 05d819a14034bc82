package dev.fanout.local.runtime.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One ListObjectsV2 page that merges served keys into the wrapped store's page for the same request, in key order,
 * as S3 pages (https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html): at most {@code MaxKeys}
 * entries, objects and common prefixes together; the continuation token is the page's last key or prefix, which the
 * wrapped s3proxy stores take as "start after" (they issue the same tokens).
 */
final class MergedListing {
    /** S3's default and largest page. */
    private static final int DEFAULT_MAX_KEYS = 1000;

    private MergedListing() {
    }

    /** An entry of a page: an object or a common prefix, by the key it sorts at. */
    private record Item(String sortKey, S3Object object, CommonPrefix prefix) {
    }

    /**
     * @param stored the wrapped store's page for {@code request}
     * @param served every served key of the bucket, sorted
     * @param object a served key's entry, or null if its file is gone
     */
    static ListObjectsV2Response page(ListObjectsV2Request request, ListObjectsV2Response stored,
                                      NavigableSet<String> served, Function<String, S3Object> object) {
        int maxKeys = request.maxKeys() == null ? DEFAULT_MAX_KEYS : request.maxKeys();
        if (maxKeys <= 0) {
            return stored;
        }
        String prefix = request.prefix() == null ? "" : request.prefix();
        String after = max(request.startAfter(), request.continuationToken());
        String delimiter = request.delimiter() == null || request.delimiter().isEmpty() ? null : request.delimiter();
        TreeMap<String, Item> merged = new TreeMap<>();
        stored.contents().forEach(o -> merged.put(o.key(), new Item(o.key(), o, null)));
        stored.commonPrefixes().forEach(p -> merged.put(p.prefix(), new Item(p.prefix(), null, p)));
        boolean storedTruncated = Boolean.TRUE.equals(stored.isTruncated());
        // past the stored page's last entry the store has not said what it holds: the next page merges those
        String boundary = storedTruncated && !merged.isEmpty() ? merged.lastKey() : null;
        for (String key : served.tailSet(prefix, true)) {
            if (!key.startsWith(prefix)) {
                break;
            }
            if (boundary != null && key.compareTo(boundary) > 0 && !inCommonPrefix(boundary, key, delimiter)) {
                break;
            }
            Item item = item(prefix, delimiter, key, object);
            if (item == null || (after != null && (item.sortKey().compareTo(after) <= 0
                    || (item.prefix() != null && after.startsWith(item.sortKey()))))) {
                continue;
            }
            merged.putIfAbsent(item.sortKey(), item);
        }
        List<S3Object> objects = new ArrayList<>();
        List<CommonPrefix> prefixes = new ArrayList<>();
        String lastKey = null;
        for (Map.Entry<String, Item> e : merged.entrySet()) {
            if (objects.size() + prefixes.size() == maxKeys) {
                break;
            }
            Item item = e.getValue();
            if (item.object() != null) {
                objects.add(item.object());
            } else {
                prefixes.add(item.prefix());
            }
            lastKey = item.sortKey();
        }
        boolean truncated = storedTruncated || merged.size() > maxKeys;
        return ListObjectsV2Response.builder().name(request.bucket()).prefix(request.prefix())
                .delimiter(request.delimiter()).maxKeys(maxKeys).startAfter(request.startAfter())
                .continuationToken(request.continuationToken()).encodingType(request.encodingType())
                .contents(objects).commonPrefixes(prefixes).keyCount(objects.size() + prefixes.size())
                .isTruncated(truncated).nextContinuationToken(truncated ? lastKey : null).build();
    }

    /** A key past the boundary still belongs to the boundary's common prefix, already on this page. */
    private static boolean inCommonPrefix(String boundary, String key, String delimiter) {
        return delimiter != null && boundary.endsWith(delimiter) && key.startsWith(boundary);
    }

    /** The page's entry for a served key: itself, or its common prefix; null if the file is gone. */
    private static Item item(String prefix, String delimiter, String key, Function<String, S3Object> object) {
        if (delimiter != null) {
            int at = key.indexOf(delimiter, prefix.length());
            if (at >= 0) {
                String common = key.substring(0, at + delimiter.length());
                return new Item(common, null, CommonPrefix.builder().prefix(common).build());
            }
        }
        S3Object o = object.apply(key);
        return o == null ? null : new Item(key, o, null);
    }

    private static String max(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
