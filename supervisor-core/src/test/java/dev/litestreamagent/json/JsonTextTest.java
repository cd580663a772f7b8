package dev.litestreamagent.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\nd\\r\\te\\u0001é\"", JsonText.quote("a\"b\\c\nd\r\te\u0001é"));
    }
}
