package dev.litestreamagent.fs;

/**
 * Text from outside (a file another process wrote, a value or argument a user typed), made safe to put in
 * a log line, an exception message or on a terminal.
 */
public final class UntrustedText {
    private UntrustedText() {
    }

    /**
     * Control characters (line breaks, terminal escapes, C1) become '?', so the text cannot forge log
     * lines or drive a terminal; longer than {@code maxChars} is cut and marked.
     */
    public static String printable(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars));
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (count == maxChars) {
                return out.append("... (cut)").toString();
            }
            out.appendCodePoint(Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? '?' : cp);
            count++;
        }
        return out.toString();
    }
}
