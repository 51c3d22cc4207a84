//! One rule for every user or catalog string that reaches a terminal or a text export.
//!
//! A label, service id or name read from a file may hold control characters: ANSI/OSC escape
//! sequences (clear the screen, set the window title, recolour, hide text), carriage returns that
//! overwrite a line, or bidirectional overrides that make text read differently from what it is.
//! [`sanitize`] replaces each such character with a visible escape (`ESC` becomes `\u{1b}`), so
//! the text stays recognisable and nothing acts on the reader's terminal or viewer.
//!
//! What counts as unsafe ([`is_unsafe`]): every Unicode control character (C0 `U+0000`–`U+001F`,
//! DEL `U+007F`, C1 `U+0080`–`U+009F`), the bidirectional formatting characters (`U+061C`,
//! `U+200E`, `U+200F`, `U+202A`–`U+202E`, `U+2066`–`U+2069`) and the Unicode line and paragraph
//! separators (`U+2028`, `U+2029`). With [`Lines::Keep`], line feed and tab pass through (a CSV
//! cell or an HTML paragraph may hold several lines); with [`Lines::Escape`] they are escaped too
//! (a terminal message or a table cell is one line).
//!
//! Used by the command line for everything it prints, and by the CSV, HTML and Markdown exports
//! for every string; the JSON exports write the same characters as `\u` escapes instead, which
//! keeps each string exact once parsed.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether line feeds and tabs may stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Line feed (`\n`) and tab pass through; every other unsafe character is escaped.
    Keep,
    /// Every unsafe character is escaped, line feed and tab included.
    Escape,
}

/// Unicode bidirectional formatting characters (they can make text read differently from what
/// it is).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// Is `c` a character that must not reach a terminal or a text export raw (see the module docs)?
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

fn escaped(c: char, lines: Lines) -> bool {
    is_unsafe(c) && !(lines == Lines::Keep && matches!(c, '\n' | '\t'))
}

/// `s` with every unsafe character replaced by its visible escape (`\u{1b}`); borrowed when
/// there is none.
pub fn sanitize(s: &str, lines: Lines) -> Cow<'_, str> {
    // Every unsafe character is outside printable ASCII, so plain ASCII text needs no look.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) || !s.chars().any(|c| escaped(c, lines)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    push_sanitized(&mut out, s, lines);
    Cow::Owned(out)
}

/// [`sanitize`], appended to `out`.
pub fn push_sanitized(out: &mut String, s: &str, lines: Lines) {
    for c in s.chars() {
        if escaped(c, lines) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences_and_bidi_overrides_visibly() {
        assert_eq!(
            sanitize("\u{1b}[2J\u{1b}]0;owned\u{7}x", Lines::Escape),
            "\\u{1b}[2J\\u{1b}]0;owned\\u{7}x"
        );
        assert_eq!(sanitize("a\u{9b}31mb\u{7f}", Lines::Escape), "a\\u{9b}31mb\\u{7f}");
        assert_eq!(sanitize("gnp\u{202E}.exe\u{2066}", Lines::Escape), "gnp\\u{202e}.exe\\u{2066}");
        assert_eq!(sanitize("one\ntwo\tthree\rfour", Lines::Escape), "one\\u{a}two\\u{9}three\\u{d}four");
        assert_eq!(sanitize("one\ntwo\tthree\rfour", Lines::Keep), "one\ntwo\tthree\\u{d}four");
        assert!(matches!(sanitize("plain text, ünïcode ✓", Lines::Escape), Cow::Borrowed(_)));
    }
}
