package dev.litestreamagent.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    @Test
    void readsNestedDocumentsAndWritesThemBackUnchanged() {
        String doc = "{\"status\":\"ok\",\"pid\":42,\"age\":1.500,\"up\":true,\"err\":null,"
                + "\"problems\":[],\"dbs\":[{\"alias\":\"a\\\"b\\\\c\\nd\\u00e9\",\"lastVerify\":{\"outcome\":\"in_sync\"}}]}";
        Map<?, ?> root = (Map<?, ?>) JsonReader.parse(" " + doc + "\n");
        assertEquals(new BigDecimal("42"), root.get("pid"));
        assertEquals(Boolean.TRUE, root.get("up"));
        assertTrue(root.containsKey("err"));
        assertNull(root.get("err"));
        Map<?, ?> db = (Map<?, ?>) ((List<?>) root.get("dbs")).get(0);
        assertEquals("a\"b\\c\ndé", db.get("alias"));
        assertEquals(doc.replace("\\u00e9", "é"), JsonText.write(root));
    }

    @Test
    void aTruncatedOrForeignFileIsRefusedNamingWhere() {
        assertEquals("JSON ends early, at offset 14",
                assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"status\":\"ok\"")).getMessage());
        assertEquals("not JSON at offset 0: expected a value",
                assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("pid=42")).getMessage());
        assertEquals("not JSON at offset 3: expected end of the document",
                assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{} {}")).getMessage());
        assertEquals("not JSON at offset 1: expected a member name",
                assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{pid:1}")).getMessage());
    }
}
