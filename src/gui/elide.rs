//! Long user strings, cut before egui lays them out. A label read from a file may be megabytes
//! long; laying all of it out (every glyph of it, even when only one line shows) takes memory in
//! proportion, and a long unbreakable line widens the panel holding it. Everything the app shows
//! of a user string goes through [`elide`]: the canvas (through the [`Pen`](super::pen::Pen)),
//! the names in [`Derived`](super::derived::Derived), the inspector and the checklist. A text
//! longer than [`EDITABLE`] bytes is not put in a text field: the inspector shows its start and
//! offers to shorten it.

use std::borrow::Cow;

/// Characters of a user string shown on one line (a node, a heading, a list entry).
pub const SHOWN: usize = 160;

/// Bytes of a user string the inspector edits in place; a longer one is shown elided.
pub const EDITABLE: usize = 16 * 1024;

/// `s` cut to at most `max` characters, with `…` when cut; borrowed when it fits.
pub fn elide(s: &str, max: usize) -> Cow<'_, str> {
    // Only the first `max + 1` characters are looked at, however long `s` is.
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((end, _)) => {
            let cut = s[..end].char_indices().nth(max.saturating_sub(1)).map_or(end, |(i, _)| i);
            Cow::Owned(format!("{}…", &s[..cut]))
        }
    }
}

/// `s` cut to at most `max` bytes at a character boundary (what "shorten" keeps).
pub fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elides_by_characters_and_borrows_when_short() {
        assert!(matches!(elide("short", 10), Cow::Borrowed("short")));
        assert_eq!(elide("abcdef", 4), "abc…");
        assert_eq!(elide("ééééé", 3), "éé…");
        assert_eq!(elide("abcd", 4), "abcd");
        assert_eq!(truncate_bytes("aé", 2), "a");
    }
}
