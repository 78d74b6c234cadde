package dev.latchkey.text;

import java.text.Normalizer;

/**
 * Unicode normalisation with an ASCII fast path: an ASCII string is its own NFC and NFKC form, so it is returned
 * as it is without loading the JDK's normalisation data (about 50 ICU classes and their data files, some 30 ms of a
 * cold start), which most requests — ASCII emails, names and passwords — never need.
 */
public final class Unicode {
    private Unicode() {
    }

    public static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    public static String nfc(String s) {
        return isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    public static String nfkc(String s) {
        return isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
    }
}
