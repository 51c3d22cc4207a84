//! Where things sit in a RON file, for messages that name file, line and column: the byte
//! offsets of the elements of top-level lists (a catalog's `services`, a project's
//! `components`), and the top-level `format` number read before anything else is parsed.
//!
//! Both read the text with a schema-free visitor that borrows the raw text of each value
//! ([`ron::value::RawValue`]), so they work whatever shape the rest of the file has.

use ron::value::RawValue;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use std::cell::Cell;
use std::fmt;

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// A value's place in the file: byte offset and length of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of its first character (comments before it skipped).
    pub start: usize,
    /// Byte length.
    pub len: usize,
}

impl Span {
    /// Its text in `text`.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.start + self.len]
    }

    /// Where the struct it holds names `field` (`field:` outside strings and nested values;
    /// absolute byte offset), else its start.
    pub fn field(&self, text: &str, field: &str) -> usize {
        let t = self.text(text);
        let b = t.as_bytes();
        let (mut depth, mut i) = (0usize, 0usize);
        while i < b.len() {
            match b[i] {
                b'"' => {
                    i += 1;
                    while i < b.len() && b[i] != b'"' {
                        i += if b[i] == b'\\' { 2 } else { 1 };
                    }
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                // Bytes, not text: `i` can sit inside a multi-byte character.
                _ if depth == 1
                    && b[i..].starts_with(field.as_bytes())
                    && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
                    && b[i + field.len()..].iter().find(|c| !c.is_ascii_whitespace()) == Some(&b':') =>
                {
                    return self.start + i;
                }
                _ => {}
            }
            i += 1;
        }
        self.start
    }

    /// Where `needle` first occurs inside it (absolute byte offset), else its start.
    pub fn find(&self, text: &str, needle: &str) -> usize {
        self.text(text).find(needle).map_or(self.start, |i| self.start + i)
    }
}

/// The spans of the elements of the top-level list fields `lists` of a struct-shaped RON file,
/// in the order `lists` names them (an absent field gives an empty list). `None` when the file
/// is not a RON struct at all.
pub fn list_spans(text: &str, opts: &ron::Options, lists: &[&'static str]) -> Option<Vec<Vec<Span>>> {
    struct Top<'a, 'l> {
        text: &'a str,
        lists: &'l [&'static str],
    }
    impl<'de: 'a, 'a, 'l> Visitor<'de> for Top<'a, 'l> {
        type Value = Vec<Vec<Span>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a struct")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = vec![Vec::new(); self.lists.len()];
            while let Some(key) = map.next_key::<String>()? {
                match self.lists.iter().position(|l| *l == key) {
                    Some(i) => {
                        let items: Vec<&'de RawValue> = map.next_value()?;
                        out[i] = items.iter().map(|r| span_of(self.text, r.get_ron())).collect();
                    }
                    None => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(out)
        }
    }
    struct Seed<'a, 'l>(Top<'a, 'l>);
    impl<'de: 'a, 'a, 'l> DeserializeSeed<'de> for Seed<'a, 'l> {
        type Value = Vec<Vec<Span>>;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self.0)
        }
    }
    opts.from_str_seed(text, Seed(Top { text, lists })).ok()
}

/// The span of `raw`, a slice of `text`, with any comments before the value skipped.
fn span_of(text: &str, raw: &str) -> Span {
    let base = text.as_ptr() as usize;
    let mut start = (raw.as_ptr() as usize).saturating_sub(base).min(text.len());
    let end = start + raw.len();
    loop {
        let rest = &text[start..end];
        let trimmed = rest.trim_start();
        start += rest.len() - trimmed.len();
        if trimmed.starts_with("//") {
            start += trimmed.find('\n').map_or(trimmed.len(), |i| i + 1);
        } else if trimmed.starts_with("/*") {
            start += trimmed.find("*/").map_or(trimmed.len(), |i| i + 2);
        } else {
            break;
        }
    }
    Span { start, len: end - start }
}

/// The top-level `format` number of a project file and the byte offset of its value, read before (and whatever) the rest of
/// the file is: the visitor stops as soon as it has it. `None` when the file has none, or is
/// not a struct up to that point.
pub fn sniff_format(text: &str, opts: &ron::Options) -> Option<(u64, usize)> {
    struct Sniff<'c>(&'c Cell<Option<u64>>, &'c Cell<usize>);
    impl<'de> Visitor<'de> for Sniff<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a struct")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<String>()? {
                if key == "format" {
                    let raw: &RawValue = map.next_value()?;
                    self.0.set(raw.into_rust::<u64>().ok());
                    self.1.set(raw.get_ron().as_ptr() as usize);
                    // Found: stop reading (the caller checks the cell, not the error).
                    return Err(de::Error::custom("format found"));
                }
                map.next_value::<IgnoredAny>()?;
            }
            Ok(())
        }
    }
    struct Seed<'c>(&'c Cell<Option<u64>>, &'c Cell<usize>);
    impl<'de> DeserializeSeed<'de> for Seed<'_> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_struct("", &[], Sniff(self.0, self.1))
        }
    }
    let (found, at) = (Cell::new(None), Cell::new(0));
    let _ = opts.from_str_seed(text, Seed(&found, &at));
    let offset = at.get().saturating_sub(text.as_ptr() as usize).min(text.len());
    found.get().map(|f| (f, offset))
}

/// A UTF-8 byte-order mark some editors put at the start of a file, skipped before parsing.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_list_elements_and_format() {
        let text = "(format: 9, x: {\"weird\": [1]}, services: [\n  // c\n  (id: \"a\"),\n  (id: \"b\")])";
        let opts = ron::Options::default();
        let spans = list_spans(text, &opts, &["services", "missing"]).unwrap();
        assert_eq!(spans[1], vec![]);
        let s = &spans[0];
        assert_eq!(s[0].text(text), "(id: \"a\")");
        assert_eq!(line_col(text, s[0].start), (3, 3));
        assert_eq!(line_col(text, s[1].find(text, "\"b\"")), (4, 8));
        assert_eq!(sniff_format(text, &opts), Some((9, 9)));
        let t = "[(label: \"a boundary: b\", inner: (boundary: 1), boundary: Some(2))]";
        let s = list_spans(&format!("(x: {t})"), &opts, &["x"]).unwrap()[0][0];
        let text2 = format!("(x: {t})");
        assert_eq!(
            &text2[s.field(&text2, "boundary")..s.field(&text2, "boundary") + 17],
            "boundary: Some(2)"
        );
        assert_eq!(sniff_format("(format: 3, components: {broken", &opts), Some((3, 9)));
        // A multi-byte character next to a field name (found by the load fuzz target).
        let text3 = "(x: [(label: \"q\",\u{68f}boundary: Some(2), ü: 1, boundary: Some(3))])";
        let s = list_spans(text3, &opts, &["x"]).unwrap()[0][0];
        assert!(text3[s.field(text3, "boundary")..].starts_with("boundary: Some(2)"));
        assert_eq!(sniff_format("(name: \"x\")", &opts), None);
    }
}
