//! Escaping for the XML the site writes (feeds, sitemap).

use std::borrow::Cow;

/// Escapes text for XML character data and attribute values.
///
/// Byte by byte, copying the runs between special characters: feeds
/// escape whole pages of HTML.
pub fn escape(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = bytes.iter().position(|&b| needs_care(b)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut copied = 0;
    let mut i = first;
    while i < bytes.len() {
        let b = bytes[i];
        let (replacement, len) = match b {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            // Control characters, U+FFFE and U+FFFF (EF BF BE/BF in
            // UTF-8) are not allowed in XML 1.0 at all.
            b'\t' | b'\n' | b'\r' => ("", 0),
            b if b < b' ' => ("", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("", 3),
            _ => ("", 0),
        };
        if len == 0 {
            i += 1;
            continue;
        }
        // `i` is at an ASCII byte or the first byte of a character.
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        i += len;
        copied = i;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// A byte that may need replacing: markup, a control character, or the
/// first byte of U+FFFE/U+FFFF.
fn needs_care(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF)
        || (b < b' ' && !matches!(b, b'\t' | b'\n' | b'\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_are_made_safe() {
        assert_eq!(escape("plain"), "plain");
        assert_eq!(
            escape("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c"), "abc");
        assert_eq!(escape("tab\there\r\n"), "tab\there\r\n");
        assert_eq!(escape("x\u{FFFE}y\u{FFFF}z"), "xyz");
        // Other characters starting with byte EF stay.
        assert_eq!(escape("\u{FFFD}\u{F900}é<"), "\u{FFFD}\u{F900}é&lt;");
    }
}
