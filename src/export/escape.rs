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

/// Text that Markdown shows literally inside one list item or table cell: line breaks become
/// spaces (so no new item, heading or block can start), control and bidirectional-override
/// characters are shown as escapes (the rule of [`crate::text`]), and every character that could start inline markup (emphasis, code,
/// links and images, raw HTML and autolinks, entities, table cells, strikethrough) is
/// backslash-escaped.
pub fn markdown_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_markdown_text(&mut out, s);
    out
}

/// [`markdown_text`], appended to `out` (no allocation when nothing needs escaping).
pub fn push_markdown_text(out: &mut String, s: &str) {
    // Fast path: plain words and punctuation that Markdown never treats as markup mid-line.
    if s.bytes().all(|b| b.is_ascii_alphanumeric() || b" .,;:'\"()/-+=?#!%$@^{}".contains(&b)) {
        out.push_str(s);
        return;
    }
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
}
