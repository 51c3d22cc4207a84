//! Escaping for exports, so that no user string can act on the reader's tools. Control and
//! bidirectional characters follow the one rule of [`crate::text`].

use crate::text::{Lines, is_unsafe, sanitize};

/// A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection advice): a cell
/// starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe. Control
/// and bidirectional characters are escaped visibly ([`crate::text::sanitize`]; line feeds and
/// tabs stay, inside the quoted cell).
pub fn csv_cell(s: &str) -> String {
    let s = sanitize(s, Lines::Keep);
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.into_owned(),
    }
}

/// Text that Markdown (GitHub's included) shows literally wherever it lands: at the start of a
/// line, inside a list item or a table cell. One escaping for every user string:
/// - line breaks and tabs become spaces, so no new item, heading, block or table row can start,
///   and leading spaces are dropped, so no indented code block can start either;
/// - control and bidirectional-override characters are shown as escapes (the rule of
///   [`crate::text`]);
/// - every character that could start inline markup (emphasis, code, links and images, raw HTML
///   and autolinks, entities, table cells, strikethrough) is backslash-escaped, and so is a
///   character that would open a block at the start of a line (`#` heading, `-` `+` list or
///   rule, `=` underline, `1.` or `1)` ordered list);
/// - a word that GitHub would turn into a link by itself (it contains `://`, `www.` or an `@`
///   before a dot, as URLs and e-mail addresses do) is written as a code span: GitHub autolinks
///   bare URLs twice, once while parsing (backslash escapes stop that) and again on the parsed
///   text (they do not), but never inside code. The span's fence is longer than any run of
///   backticks in the word, and a `|` is left outside it, escaped, so table cells stay whole.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_markdown_text(&mut out, s);
    out
}

/// [`markdown_text`], appended to `out` (no allocation when nothing needs escaping).
pub fn push_markdown_text(out: &mut String, s: &str) {
    if is_plain(s) {
        out.push_str(s);
    } else {
        push_escaped(out, s);
    }
}

/// What a byte is to [`is_plain`]: markup (0), plain (1), or part of a non-ASCII character (2,
/// looked at again as a character).
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b >= 128 {
            2
        } else if (b as u8).is_ascii_alphanumeric() {
            1
        } else {
            0
        };
        b += 1;
    }
    let punct = b" .,;:'\"()/-+=?#!%$^{}";
    let mut k = 0;
    while k < punct.len() {
        t[punct[k] as usize] = 1;
        k += 1;
    }
    t
};

/// Is `s` its own escaping: plain words, punctuation and non-ASCII letters that Markdown never
/// treats as markup mid-line, nothing that starts a block, no leading space and nothing that
/// looks like a link (`://`, or `www.` in any case)? The common case: one pass over the bytes,
/// no allocation.
fn is_plain(s: &str) -> bool {
    // The last four bytes, with bit 5 set: that folds `W` into `w` and changes no other byte
    // a plain string can hold into `w`, `.`, `:` or `/`.
    const WWW: u32 = u32::from_be_bytes(*b"www.");
    const SCHEME: u32 = u32::from_be_bytes([0, b':', b'/', b'/']);
    let mut seen = 0u8;
    let mut last = 0u32;
    for &b in s.as_bytes() {
        let class = CLASS[b as usize];
        if class == 0 {
            return false;
        }
        seen |= class;
        last = (last << 8) | u32::from(b | 0x20);
        if last == WWW || last & 0x00ff_ffff == SCHEME {
            return false;
        }
    }
    if seen & 2 != 0 && s.chars().any(|c| !c.is_ascii() && (c.is_whitespace() || is_unsafe(c))) {
        return false;
    }
    !s.starts_with(' ') && !starts_block(s)
}

/// The escaping itself, word by word.
fn push_escaped(out: &mut String, s: &str) {
    let s = s.trim_start_matches(|c: char| c.is_whitespace());
    for (i, word) in s.split_inclusive(|c: char| c.is_whitespace()).enumerate() {
        let (word, space) = match word.char_indices().last() {
            Some((j, c)) if c.is_whitespace() => (&word[..j], Some(c)),
            _ => (word, None),
        };
        // A code span at the start of a line cannot open a fenced block: its closing fence is
        // on the same line, and a fence's info string may hold no backtick.
        if links_by_itself(word) {
            push_code_span(out, word);
        } else if i == 0 && starts_block(word) {
            escape_block_start(out, word);
        } else {
            push_inline(out, word);
        }
        if let Some(c) = space {
            if matches!(c, '\n' | '\r' | '\t') || !is_unsafe(c) {
                out.push(if c.is_ascii_whitespace() { ' ' } else { c });
            } else {
                push_inline(out, c.encode_utf8(&mut [0; 4]));
            }
        }
    }
}

/// Would `s`, at the start of a line, open a block (heading, list, rule, setext underline)?
#[inline]
fn starts_block(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    matches!(s.as_bytes().first(), Some(b'#' | b'-' | b'+' | b'=' | b'>' | b'*' | b'_' | b'~' | b'`' | b'|'))
        || (digits > 0 && matches!(s.as_bytes().get(digits), Some(b'.' | b')')))
}

/// The first word of a string that would open a block: its opening character escaped.
fn escape_block_start(out: &mut String, word: &str) {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        out.push_str(&word[..digits]);
        out.push('\\');
        push_inline(out, &word[digits..]);
    } else {
        let c = &word[..1];
        out.push('\\');
        out.push_str(c);
        push_inline(out, &word[1..]);
    }
}

fn contains_www(s: &str) -> bool {
    s.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"www."))
}

/// Would GitHub make a link of this word with no markup around it?
fn links_by_itself(word: &str) -> bool {
    word.contains("://")
        || contains_www(word)
        || word.find('@').is_some_and(|at| word[at..].contains('.') || word[..at].contains(':'))
}

/// `word` as one or more code spans (split at `|`, which is written escaped between them).
fn push_code_span(out: &mut String, word: &str) {
    for (i, piece) in word.split('|').enumerate() {
        if i > 0 {
            out.push_str("\\|");
        }
        if piece.is_empty() {
            continue;
        }
        let piece = sanitize(piece, Lines::Escape);
        let mut longest = 0;
        let mut run = 0;
        for c in piece.chars() {
            run = if c == '`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let fence = "`".repeat(longest + 1);
        let pad = if piece.starts_with('`') || piece.ends_with('`') { " " } else { "" };
        out.push_str(&fence);
        out.push_str(pad);
        out.push_str(&piece);
        out.push_str(pad);
        out.push_str(&fence);
    }
}

/// An id (to-do id, control id) as inline code, whatever characters it holds: backtick-safe,
/// one line, control characters escaped.
pub fn markdown_code(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    if s.is_empty() {
        return out;
    }
    push_code_span(&mut out, s);
    out
}

/// One word's characters, markup escaped.
fn push_inline(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => {
                // `\u{1b}`, its backslash escaped so Markdown shows it.
                out.push('\\');
                crate::text::push_sanitized(out, c.encode_utf8(&mut [0; 4]), Lines::Escape);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_neutralises_formula_starts() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("plain = fine"), "plain = fine");
        assert_eq!(csv_cell("a\u{1b}]0;title\u{7}\u{202E}\nb"), "a\\u{1b}]0;title\\u{7}\\u{202e}\nb");
    }

    #[test]
    fn markdown_cannot_open_links_or_html_or_new_items() {
        let s = markdown_text("a](javascript:alert(1))\n- [x] fake <script>");
        assert_eq!(s, "a\\](javascript:alert(1)) - \\[x\\] fake \\<script\\>");
        assert_eq!(markdown_text("x\u{202E}y\u{1b}[2J"), "x\\\\u{202e}y\\\\u{1b}\\[2J");
        assert_eq!(markdown_text("*a* `b` ~c~ |d| &amp;"), "\\*a\\* \\`b\\` \\~c\\~ \\|d\\| \\&amp;");
    }

    /// The fast path takes a string as it is only where the full escaping would leave it so.
    #[test]
    fn plain_text_is_what_the_escaping_leaves_alone() {
        let alphabet: Vec<char> =
            " \t\n.,;:'\"()/-+=?#!%$^{}@*_`[]<>|~&\\aZ09wW\u{e9}\u{2014}\u{a0}\u{202e}\u{1b}\u{200b}"
                .chars()
                .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut plain = 0;
        for _ in 0..200_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 9) as usize;
            let s: String = (0..len)
                .map(|k| alphabet[((seed >> (8 + 6 * k)) % alphabet.len() as u64) as usize])
                .collect();
            let mut escaped = String::new();
            push_escaped(&mut escaped, &s);
            if is_plain(&s) {
                plain += 1;
                assert_eq!(escaped, s, "taken as plain but the escaping changes it: {s:?}");
            }
        }
        assert!(plain > 1_000, "the fast path was hardly tried ({plain})");
        for s in [
            "http://x",
            "www.x",
            "WWW.x",
            "wWw.",
            "a ://",
            "# x",
            "1. x",
            " x",
            "a\u{202e}b",
            "a\u{a0}b",
            "a*b",
        ] {
            assert!(!is_plain(s), "{s:?} needs escaping");
        }
        assert!(is_plain("Le caf\u{e9} \u{2014} ouvert: 10"));
        assert!(is_plain("ww. w.w.w. :/ / :: www"));
    }

    #[test]
    fn markdown_cannot_start_a_block_at_the_start_of_a_line() {
        assert_eq!(markdown_text("# Heading"), "\\# Heading");
        assert_eq!(markdown_text("- [x] done"), "\\- \\[x\\] done");
        assert_eq!(markdown_text("+ item"), "\\+ item");
        assert_eq!(markdown_text("1. first"), "1\\. first");
        assert_eq!(markdown_text("12) first"), "12\\) first");
        assert_eq!(markdown_text("==="), "\\===");
        assert_eq!(markdown_text("    indented code"), "indented code");
        assert_eq!(markdown_text("\n# after a line break"), "\\# after a line break");
        assert_eq!(markdown_text("a - b # c 1. d"), "a - b # c 1. d", "mid-line they are plain text");
    }

    #[test]
    fn markdown_urls_and_addresses_are_code_not_links() {
        assert_eq!(markdown_text("see https://evil.example/x now"), "see `https://evil.example/x` now");
        assert_eq!(markdown_text("www.evil.example"), "`www.evil.example`");
        assert_eq!(markdown_text("mail ops@evil.example"), "mail `ops@evil.example`");
        assert_eq!(markdown_text("a`b://c"), "``a`b://c``");
        assert_eq!(markdown_text("`x://y`"), "`` `x://y` ``");
        assert_eq!(markdown_text("http://a|b"), "`http://a`\\|`b`");
        assert_eq!(markdown_text("at @ noon, me@home"), "at @ noon, me@home");
    }
}
